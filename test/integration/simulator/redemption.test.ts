/** POST /_sim/redeem plays the guest: the identity provider follows Microsoft's redemption order. */
import { fileURLToPath } from 'node:url';
import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../local/simulator/fixture.js';
import type { RunningSimulator } from '../../../local/simulator/index.js';
import { decideRedemption } from '../../../local/simulator/redemption.js';
import { control, invitationFor, send, useSimulator } from './helpers.js';

let sim: RunningSimulator;
let graph: Client;

useSimulator((started, client) => {
  sim = started;
  graph = client;
}, { resetBeforeEach: true });

async function inviteAndRedeem(address: string): Promise<{ userId: string; path: string; issuer: string }> {
  const invitation = (await graph.api('/invitations').post(invitationFor(address))) as { invitedUser: { id: string } };
  const redemption = await control<{ userId: string; path: string; issuer: string }>(sim, 'POST', '/redeem', { email: address });
  expect(redemption.userId).toBe(invitation.invitedUser.id);
  return redemption;
}

describe('redeeming through the control API', () => {
  it.each([
    ['a managed Entra tenant', 'new.colleague@fabrikam.com', 'azureActiveDirectory', 'ExternalAzureAD'],
    ['a SAML/WS-Fed federated domain', 'pat@tailspin.com', 'externalFederation', 'https://sts.tailspin.com/adfs/services/trust'],
    ['Gmail with Google federation on', 'someone@gmail.com', 'google', 'google.com'],
    ['Gmail that also has a Microsoft account (Google comes first)', 'morgan@gmail.com', 'google', 'google.com'],
    ['a consumer Microsoft domain', 'jo@hotmail.com', 'microsoftAccount', 'MicrosoftAccount'],
    ['a Microsoft account on a domain without identity provider', 'taylor@example.org', 'microsoftAccount', 'MicrosoftAccount'],
    ['a domain without identity provider, one-time passcode on', 'sam@litware.org', 'emailOneTimePasscode', 'mail'],
  ])('sends %s to the right identity provider', async (_case, address, path, issuer) => {
    const redemption = await inviteAndRedeem(address);

    expect(redemption).toMatchObject({ path, issuer });
    const user = (await graph
      .api(`/users/${redemption.userId}`)
      .select('externalUserState,externalUserStateChangeDateTime,identities')
      .get()) as Record<string, unknown>;
    expect(user).toMatchObject({
      externalUserState: 'Accepted',
      externalUserStateChangeDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      identities: [
        expect.objectContaining({ signInType: 'userPrincipalName', issuer: 'contoso.onmicrosoft.com' }),
        { signInType: 'federated', issuer, issuerAssignedId: address },
      ],
    });
  });

  it('redeems a fixture guest named by object id', async () => {
    const redemption = await control(sim, 'POST', '/redeem', { userId: '4bf409c0-3e08-4eb2-9ca9-8f1fa28de315' });

    expect(redemption).toEqual({ userId: '4bf409c0-3e08-4eb2-9ca9-8f1fa28de315', path: 'google', issuer: 'google.com' });
  });

  it('answers 409 for a guest who already accepted and 404 for an address nobody invited', async () => {
    const accepted = await send(sim, 'POST', '/_sim/redeem', { body: { email: 'ann@fabrikam.com' } });
    const unknown = await send(sim, 'POST', '/_sim/redeem', { body: { email: 'stranger@example.org' } });
    const member = await send(sim, 'POST', '/_sim/redeem', { body: { email: 'dana@contoso.com' } });

    expect(accepted.status).toBe(409);
    expect(accepted.body).toMatchObject({ error: expect.stringMatching(/already accepted/) });
    expect([unknown.status, member.status]).toEqual([404, 404]);
  });
});

describe('the redemption decision under other tenant settings', () => {
  const { externalWorld, redemptionSettings } = loadFixture(
    fileURLToPath(new URL('../../../local/simulator/fixtures/tenant.json', import.meta.url)),
  );

  it('falls through to the Microsoft-account check for Gmail when Google federation is off', () => {
    const settings = { ...redemptionSettings, googleFederationEnabled: false };

    expect(decideRedemption('morgan@gmail.com', externalWorld, settings).path).toBe('microsoftAccount');
    expect(decideRedemption('someone@gmail.com', externalWorld, settings).path).toBe('emailOneTimePasscode');
  });

  it('makes the guest create a Microsoft account when one-time passcodes are off', () => {
    const settings = { ...redemptionSettings, emailOtpEnabled: false };

    expect(decideRedemption('sam@litware.org', externalWorld, settings)).toEqual({ path: 'newMicrosoftAccount', issuer: 'MicrosoftAccount' });
  });

  it('keeps Entra first even for a domain that is also SAML-federated', () => {
    const settings = { ...redemptionSettings, samlFederatedDomains: [{ domain: 'fabrikam.com', issuerUri: 'https://idp.fabrikam.com' }] };

    expect(decideRedemption('x@fabrikam.com', externalWorld, settings).path).toBe('azureActiveDirectory');
  });
});
