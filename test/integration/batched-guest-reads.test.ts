/**
 * The per-guest lifecycle reads cost one Graph request per 20 guests, not one per guest: the inactivity rule's
 * sign-in activity and the administrators' list of guests whose sponsors have left, against the tenant
 * simulator over HTTPS, each request counted where it arrives, with the outcomes a read per guest gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIdentities } from '../../local/local-identities.js';
import { startSimulator, type RunningSimulator } from '../../local/simulator/index.js';
import type { InvitationRecord } from '../../src/domain/invitations/invitation.js';
import { sponsorlessGuests } from '../../src/domain/use-cases/hand-over-guests.js';
import { GraphDirectoryGateway } from '../../src/graph/directory-gateway.js';
import { GraphLifecycleDirectory } from '../../src/graph/lifecycle-directory.js';
import { GraphSponsorDirectory } from '../../src/graph/sponsor-directory.js';
import { DANA, FOX } from '../support/activities.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { FakeClock, MemoryAuditLog, MemoryInvitationStore } from '../support/in-memory-ports.js';
import { fixtureGranting } from '../support/local-services.js';
import { SimulatorControl } from '../support/simulator-control.js';

const GUESTS = 45;

let sim: RunningSimulator;
let control: SimulatorControl;
let directory: GraphDirectoryGateway;
/** The guests in invitation order: every third sponsored by Dana alone, the others by Fox as well or alone. */
const guests: { address: string; id: string; sponsorIds: string[] }[] = [];
let gone: string;

beforeAll(async () => {
  sim = await startSimulator({ fixturePath: fixtureGranting(['AuditLog.Read.All']) });
  control = new SimulatorControl(sim.url);
  const graph = secretGraphClient(sim, localIdentities().app);
  directory = new GraphDirectoryGateway(graph);
  for (let index = 0; index < GUESTS; index++) {
    const address = `guest${index}@fabrikam.com`;
    const sponsorIds = [[DANA.aadObjectId], [DANA.aadObjectId, FOX.aadObjectId], [FOX.aadObjectId]][index % 3] as string[];
    const sent = await directory.invite({ email: address, redirectUrl: 'https://myapps.microsoft.com', sendInvitationMessage: false, sponsorIds });
    guests.push({ address, id: sent.invitedUserId, sponsorIds });
  }
  gone = (guests[3] as { id: string }).id;
  await control.deleteUser(gone);
});

afterAll(async () => {
  await sim?.close();
});

/** What `read` asked Graph, as method and path of each request that arrived. */
async function requestsOf(read: () => Promise<unknown>): Promise<string[]> {
  const before = (await control.calls({ path: '/v1.0' })).length;
  await read();
  return (await control.calls({ path: '/v1.0' })).slice(before).map((call) => `${call.method} ${call.path}`);
}

const batches = (count: number) => Array.from({ length: count }, () => 'POST /v1.0/$batch');

describe('sign-in activity of 45 guests', () => {
  it('is read in 3 requests: the last sign-in of each guest, null when never, a guest gone left out', async () => {
    const signedIn = Object.fromEntries(guests.filter((_, index) => index % 2 === 0).map((guest) => [guest.id, '2026-10-01T08:00:00Z']));
    await control.lifecycle({ signInActivity: 'licensed', lastSignIns: signedIn });
    const lifecycle = new GraphLifecycleDirectory(secretGraphClient(sim, localIdentities().app));
    let signIns: Awaited<ReturnType<GraphLifecycleDirectory['lastSignIns']>> | undefined;

    const requests = await requestsOf(async () => (signIns = await lifecycle.lastSignIns(guests.map((guest) => guest.id))));

    expect(requests).toEqual(batches(3));
    const expected = new Map(guests.filter((guest) => guest.id !== gone).map((guest) => [guest.id, signedIn[guest.id] ?? null]));
    expect(signIns).toEqual({ kind: 'known', lastSignInAt: expected });
  });

  it('in a tenant without Entra ID P1 is unlicensed, told by the first request alone', async () => {
    await control.lifecycle({ signInActivity: 'unlicensed' });
    const lifecycle = new GraphLifecycleDirectory(secretGraphClient(sim, localIdentities().app));
    let signIns: unknown;

    const requests = await requestsOf(async () => (signIns = await lifecycle.lastSignIns(guests.map((guest) => guest.id))));

    expect(requests).toEqual(batches(1));
    expect(signIns).toEqual({ kind: 'unlicensed' });
    await control.lifecycle({ signInActivity: 'licensed' });
  });
});

describe('the orphaned guests of 45', () => {
  it('are found in 3 requests: the guests whose only sponsor is blocked, the deleted guest not among them', async () => {
    const store = new MemoryInvitationStore();
    const at = (index: number) => new Date(Date.UTC(2026, 10, 1, 10, index)).toISOString();
    for (const [index, guest] of guests.entries()) {
      const record: InvitationRecord = {
        tenantId: sim.tenantId,
        email: guest.address,
        state: 'Accepted',
        invitedUserId: guest.id,
        inviter: { aadObjectId: DANA.aadObjectId, name: DANA.name },
        sponsorIds: guest.sponsorIds,
        attempts: 1,
        createdAt: at(index),
        sentAt: at(index),
        updatedAt: at(index),
      };
      await store.create(record);
    }
    await control.setAccountEnabled(DANA.aadObjectId, false);
    const deps = {
      store,
      sponsors: new GraphSponsorDirectory(secretGraphClient(sim, localIdentities().app)),
      directory,
      audit: new MemoryAuditLog(),
      clock: new FakeClock(),
      tenantId: sim.tenantId,
      isAdministrator: () => Promise.resolve(true),
    };
    let listed: Awaited<ReturnType<typeof sponsorlessGuests>> | undefined;

    const requests = await requestsOf(async () => (listed = await sponsorlessGuests(deps, { aadObjectId: 'admin' })));
    await control.setAccountEnabled(DANA.aadObjectId, true);

    expect(requests).toEqual(batches(Math.ceil(GUESTS / 20)));
    if (listed?.kind !== 'done') throw new Error(`expected the list, got ${listed?.kind}`);
    const expected = guests.filter((guest, index) => index % 3 === 0 && guest.id !== gone).map((guest) => guest.address);
    expect(listed.guests.map((guest) => guest.record.email)).toEqual(expected);
    expect(listed.guests[0]?.departed).toEqual([{ id: DANA.aadObjectId, name: DANA.name, state: 'disabled' }]);
  });
});
