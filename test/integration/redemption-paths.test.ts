/**
 * Predicted against actual, per documented path: the bot's tenant-configuration adapter reads the
 * simulator's configuration through the real Graph client, the predictor names a path, the invitation is
 * created through Graph, the simulator redeems it the way Entra does, and the path read back from the
 * guest's `identities` must be the predicted one (or the branch the prediction named).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@microsoft/microsoft-graph-client';
import { localIdentities } from '../../local/local-identities.js';
import { actualPathFrom, predictionHeld } from '../../src/domain/redemption/actual-path.js';
import { predictRedemption, type PathPrediction } from '../../src/domain/redemption/predict-path.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { GraphTenantConfiguration } from '../../src/graph/tenant-configuration.js';
import { startLocalServices, type LocalServices } from '../support/local-services.js';

const NORTHWIND = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';

let services: LocalServices;
let graph: Client;
const agreement = { held: 0, total: 0 };

beforeAll(async () => {
  services = await startLocalServices();
  const { app } = localIdentities();
  graph = secretGraphClient(services.simulator, app);
});

afterAll(async () => {
  console.log(`predictions that held: ${agreement.held} of ${agreement.total}`);
  await services?.close();
});

beforeEach(() => services.sim.reset());

async function predict(address: string): Promise<PathPrediction> {
  const tenant = new GraphTenantConfiguration(graph, { snapshotTtlMs: 0, domainTtlMs: 0 });
  const snapshot = await tenant.snapshot();
  expect(snapshot.unreadable).toEqual([]);
  return predictRedemption(address, await tenant.domainFacts(address.split('@')[1]!), snapshot);
}

/** Invites, redeems as the guest would, and reads back which path the guest took. */
async function redeemedPath(address: string, options: { signInAs?: string } = {}) {
  const created = (await graph.api('/invitations').post({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com/', sendInvitationMessage: false })) as {
    invitedUser: { id: string };
  };
  await services.sim.redeem(address, options);
  const user = (await graph.api(`/users/${created.invitedUser.id}`).select('identities,externalUserState').get()) as {
    identities: { signInType: string; issuer: string; issuerAssignedId: string }[];
    externalUserState: string;
  };
  expect(user.externalUserState).toBe('Accepted');
  return actualPathFrom(user.identities, ['contoso.com', 'contoso.onmicrosoft.com']);
}

async function roundTrip(address: string, expected: Partial<PathPrediction>) {
  const prediction = await predict(address);
  expect(prediction).toMatchObject(expected);
  const actual = await redeemedPath(address);
  agreement.total++;
  if (actual && predictionHeld(prediction, actual)) agreement.held++;
  expect(actual && predictionHeld(prediction, actual), `predicted ${JSON.stringify(prediction)}, actual ${actual}`).toBe(true);
  return { prediction, actual };
}

describe('predicted path = the path the guest took', () => {
  it('a user of another Entra organisation: work account', async () => {
    await services.sim.world({ entraTenants: [{ tenantId: NORTHWIND, users: ['pat.new@northwind.com'] }] });
    expect((await roundTrip('pat.new@northwind.com', { path: 'entra', via: 'Northwind Traders', confidence: 'likely' })).actual).toBe('entra');
  });

  it('an address at an Entra organisation where the user does not exist: the branch named (passcode)', async () => {
    expect((await roundTrip('nobody.there@northwind.com', { path: 'entra', otherwise: { path: 'email-otp' } })).actual).toBe('email-otp');
  });

  it('a SAML/WS-Fed federated domain', async () => {
    expect((await roundTrip('sam@tailspin.com', { path: 'saml-federation', confidence: 'certain' })).actual).toBe('saml-federation');
  });

  it('Gmail with Google federation on', async () => {
    expect((await roundTrip('ann.e@gmail.com', { path: 'google' })).actual).toBe('google');
  });

  it('Gmail with Google federation off and passcodes on: passcode (depends on the guest)', async () => {
    await services.sim.configure({ socialIdentityProviders: [] });
    expect((await roundTrip('ann.f@gmail.com', { path: 'email-otp', confidence: 'depends-on-guest', warnings: ['gmail-without-google'] })).actual).toBe('email-otp');
  });

  it('a Microsoft consumer address', async () => {
    expect((await roundTrip('kim@outlook.com', { path: 'microsoft-account', confidence: 'certain' })).actual).toBe('microsoft-account');
  });

  it('an address with a personal Microsoft account the bot cannot see: the branch named', async () => {
    expect((await roundTrip('taylor@example.org', { path: 'email-otp', otherwise: { path: 'microsoft-account' } })).actual).toBe('microsoft-account');
  });

  it('any other address with passcodes on', async () => {
    expect((await roundTrip('lee@litware.org', { path: 'email-otp' })).actual).toBe('email-otp');
  });

  it('passcodes off: a new Microsoft account', async () => {
    await services.sim.configure({ emailAuthenticationMethod: { allowExternalIdToUseEmailOtp: 'disabled' } });
    expect((await roundTrip('lee.b@litware.org', { path: 'new-microsoft-account', warnings: ['new-microsoft-account'] })).actual).toBe('microsoft-account');
  });

  it('Microsoft account fallback off: passcode even for outlook.com', async () => {
    await services.sim.configure({
      crossTenantAccess: {
        default: {
          invitationRedemptionIdentityProviderConfiguration: {
            primaryIdentityProviderPrecedenceOrder: ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'],
            fallbackIdentityProvider: 'emailOneTimePasscode',
          },
        },
      },
    });
    expect((await roundTrip('kim.b@outlook.com', { path: 'email-otp', confidence: 'certain' })).actual).toBe('email-otp');
  });

  it('a partner blocked by cross-tenant access: predicted blocked, and the guest is refused with AADSTS500213', async () => {
    await services.sim.configure({
      crossTenantAccess: {
        partners: [{ tenantId: NORTHWIND, b2bCollaborationInbound: {
          usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
          applications: { accessType: 'blocked', targets: [{ target: 'AllApplications', targetType: 'application' }] },
        } }],
      },
    });
    expect(await predict('ada@northwind.com')).toMatchObject({ path: 'blocked', warnings: ['inbound-blocked'] });
    await graph.api('/invitations').post({ invitedUserEmailAddress: 'ada@northwind.com', inviteRedirectUrl: 'https://myapps.microsoft.com/' });
    expect(await services.sim.redeemAttempt({ email: 'ada@northwind.com' })).toMatchObject({ status: 403, body: { error: 'AADSTS500213' } });
  });

  it('a permission the bot lacks leaves that part unread and says which permission', async () => {
    // The seeded Directory Reader app has User.Read.All only.
    const limited = secretGraphClient(services.simulator, {
      clientId: '22222222-3333-4444-8555-666666666666',
      clientSecret: 'local-dev-reader-secret-not-for-production',
    });
    const snapshot = await new GraphTenantConfiguration(limited, { snapshotTtlMs: 0, domainTtlMs: 0 }).snapshot();
    expect(snapshot.unreadable.map((part) => part.permission)).toEqual(expect.arrayContaining(['Policy.Read.All', 'IdentityProvider.Read.All']));
    expect(predictRedemption('lee@litware.org', { kind: 'no-tenant' }, snapshot).warnings).toContain('configuration-unreadable');
  });
});
