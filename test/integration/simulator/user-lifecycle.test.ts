/**
 * The simulated calls that look after guests, through the real Graph client and the bot's own adapter
 * (GraphLifecycleDirectory): blocking sign-in, sign-in activity with and without the licence and the
 * permission, Entra guest lifecycle policies absent or present; documented errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE_PATH, startSimulator, type RunningSimulator } from '../../../local/simulator/index.js';
import { GraphLifecycleDirectory } from '../../../src/graph/lifecycle-directory.js';
import { accessToken, aloneAndBatched, control, directoryReaderApp, graphClientFor, guestAdministrationApp } from './helpers.js';

const ANN = 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0';
const PENDING = '7b2639ce-be03-4e90-b9cf-337998c84ffd';

let sim: RunningSimulator;
let admin: Client;

/** Guest Administration also granted what the lifecycle rules read. */
function fixture(): string {
  const tenant = JSON.parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as { applications: { displayName: string; roles: string[] }[] };
  for (const app of tenant.applications) if (app.displayName === 'Guest Administration') app.roles.push('AuditLog.Read.All', 'LifecyclePolicies-Guests.Read.All', 'User.Read.All');
  const path = join(mkdtempSync(join(tmpdir(), 'guest-invites-')), 'tenant.json');
  writeFileSync(path, JSON.stringify(tenant));
  return path;
}

beforeAll(async () => {
  sim = await startSimulator({ fixturePath: fixture() });
  admin = graphClientFor(sim, guestAdministrationApp);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  await control(sim, 'POST', '/reset');
});

async function failure(request: Promise<unknown>): Promise<GraphError> {
  return request.then(
    () => {
      throw new Error('expected the Graph call to fail');
    },
    (error: GraphError) => error,
  );
}

describe('PATCH /users/{id} accountEnabled', () => {
  it('blocks sign-in (204) and the user reads accountEnabled false; an unknown user is 404', async () => {
    await new GraphLifecycleDirectory(admin).blockSignIn(ANN);
    expect(await admin.api(`/users/${ANN}`).select('id,accountEnabled').get()).toMatchObject({ accountEnabled: false });
    const missing = await failure(admin.api('/users/00000000-0000-4000-8000-000000000000').patch({ accountEnabled: false }));
    expect([missing.statusCode, missing.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  it('refuses properties it does not model, and an app without a user write permission', async () => {
    const other = await failure(admin.api(`/users/${ANN}`).patch({ accountEnabled: false, jobTitle: 'x' }));
    expect(other.statusCode).toBe(400);
    const reader = await failure(graphClientFor(sim, directoryReaderApp).api(`/users/${ANN}`).patch({ accountEnabled: false }));
    expect([reader.statusCode, reader.code]).toEqual([403, 'Authorization_RequestDenied']);
  });
});

describe('signInActivity', () => {
  it('answers the last sign-in set through the control API, null when never signed in', async () => {
    await control(sim, 'PATCH', '/lifecycle', { lastSignIns: { [ANN]: '2026-01-02T03:04:05Z' } });
    const signIns = await new GraphLifecycleDirectory(admin).lastSignIns([ANN, PENDING]);
    expect(signIns).toEqual({ kind: 'known', lastSignInAt: new Map([[ANN, '2026-01-02T03:04:05Z'], [PENDING, null]]) });
  });

  it('without the licence: 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant, read as unlicensed', async () => {
    await control(sim, 'PATCH', '/lifecycle', { signInActivity: 'unlicensed' });
    const refused = await failure(admin.api(`/users/${ANN}`).select('id,signInActivity').get());
    expect([refused.statusCode, refused.code]).toEqual([403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant']);
    expect(await new GraphLifecycleDirectory(admin).lastSignIns([ANN])).toEqual({ kind: 'unlicensed' });
  });

  it('is answered inside a $batch exactly as alone: licensed, unlicensed, without the permission, for a user that does not exist', async () => {
    await control(sim, 'PATCH', '/lifecycle', { lastSignIns: { [ANN]: '2026-01-02T03:04:05Z' } });
    const admin = await accessToken(sim, guestAdministrationApp);
    const reader = await accessToken(sim, directoryReaderApp);
    const read = (id: string) => `/users/${id}?$select=id,signInActivity`;
    const outcomes = [await aloneAndBatched(sim, read(ANN), admin), await aloneAndBatched(sim, read('00000000-0000-4000-8000-000000000000'), admin), await aloneAndBatched(sim, read(ANN), reader)];
    await control(sim, 'PATCH', '/lifecycle', { signInActivity: 'unlicensed' });
    outcomes.push(await aloneAndBatched(sim, read(ANN), admin));

    for (const { alone, batched } of outcomes) expect(batched).toEqual(alone);
    expect(outcomes.map(({ batched }) => batched.status)).toEqual([200, 404, 403, 403]);
    expect(outcomes[0]?.batched.body).toMatchObject({ signInActivity: { lastSuccessfulSignInDateTime: '2026-01-02T03:04:05Z' } });
    expect(outcomes[3]?.batched.body).toMatchObject({ error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' } });
  });

  it('without AuditLog.Read.All: 403 Authorization_RequestDenied, read as unreadable', async () => {
    expect(await new GraphLifecycleDirectory(graphClientFor(sim, directoryReaderApp)).lastSignIns([ANN])).toEqual({ kind: 'unreadable' });
  });
});

describe('Entra guest lifecycle policies', () => {
  it('absent (no licence): 403, read as none', async () => {
    expect(await new GraphLifecycleDirectory(admin).entraPolicies()).toEqual({ kind: 'none', because: 'forbidden' });
  });

  it('present: each policy with its rules and the rules of ours they cover', async () => {
    await control(sim, 'PATCH', '/lifecycle', { lifecyclePolicies: [{ id: 'p1', displayName: 'Guests', rules: ['invitationRedemptionRule', 'sponsorPresenceRule'] }] });
    expect(await new GraphLifecycleDirectory(admin).entraPolicies()).toEqual({
      kind: 'policies',
      policies: [{ id: 'p1', displayName: 'Guests', ruleTypes: ['invitationRedemptionRule', 'sponsorPresenceRule'], covers: ['redemption-deadline'] }],
    });
    await control(sim, 'PATCH', '/lifecycle', { lifecyclePolicies: [] });
    expect(await new GraphLifecycleDirectory(admin).entraPolicies()).toEqual({ kind: 'none', because: 'no-policies' });
  });
});
