/** POST /_sim/redeem plays the guest: the identity provider follows Microsoft's redemption order. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../local/simulator/fixture.js';
import { decideRedemption } from '../../../local/simulator/redemption.js';
import type { TenantConfiguration } from '../../../local/simulator/tenant-configuration.js';
import { control, invitationFor, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

async function inviteAndRedeem(address: string): Promise<{ userId: string; path: string; issuer: string }> {
  const invitation = (await tenant.graph.api('/invitations').post(invitationFor(address))) as { invitedUser: { id: string } };
  const redemption = await control<{ userId: string; path: string; issuer: string }>(tenant.sim, 'POST', '/redeem', { email: address });
  expect(redemption.userId).toBe(invitation.invitedUser.id);
  return redemption;
}

describe('redeeming through the control API', () => {
  it.each([
    ['an existing user of a managed Entra tenant', 'new.colleague@fabrikam.com', 'azureActiveDirectory', 'ExternalAzureAD'],
    ['a user at an Entra tenant’s domain who does not exist there (falls through)', 'ghost@fabrikam.com', 'emailOneTimePasscode', 'mail'],
    ['a SAML/WS-Fed federated domain', 'pat@tailspin.com', 'externalFederation', 'https://sts.tailspin.com/adfs/services/trust'],
    ['Gmail with Google federation on', 'someone@gmail.com', 'google', 'google.com'],
    ['Gmail that also has a Microsoft account (Google comes first)', 'morgan@gmail.com', 'google', 'google.com'],
    ['a consumer Microsoft domain', 'jo@hotmail.com', 'microsoftAccount', 'MicrosoftAccount'],
    ['a Microsoft account on a domain without identity provider', 'taylor@example.org', 'microsoftAccount', 'MicrosoftAccount'],
    ['a domain without identity provider, one-time passcode on', 'sam@litware.org', 'emailOneTimePasscode', 'mail'],
  ])('sends %s to the right identity provider', async (_case, address, path, issuer) => {
    const redemption = await inviteAndRedeem(address);

    expect(redemption).toMatchObject({ path, issuer });
    const user = (await tenant.graph
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
    const redemption = await control(tenant.sim, 'POST', '/redeem', { userId: '4bf409c0-3e08-4eb2-9ca9-8f1fa28de315' });

    expect(redemption).toEqual({ userId: '4bf409c0-3e08-4eb2-9ca9-8f1fa28de315', path: 'google', issuer: 'google.com' });
  });

  it('answers 409 for a guest who already accepted and 404 for an address nobody invited', async () => {
    const accepted = await send(tenant.sim, 'POST', '/_sim/redeem', { body: { email: 'ann@fabrikam.com' } });
    const unknown = await send(tenant.sim, 'POST', '/_sim/redeem', { body: { email: 'stranger@example.org' } });
    const member = await send(tenant.sim, 'POST', '/_sim/redeem', { body: { email: 'dana@contoso.com' } });

    expect(accepted.status).toBe(409);
    expect(accepted.body).toMatchObject({ error: expect.stringMatching(/already accepted/) });
    expect([unknown.status, member.status]).toEqual([404, 404]);
  });
});

describe('the pure redemption decision', () => {
  const { configuration, world } = loadFixture(fileURLToPath(new URL('../../../local/simulator/fixtures/tenant.json', import.meta.url)));
  const decide = (address: string, change: (draft: TenantConfiguration) => void = () => {}) => {
    const draft = structuredClone(configuration);
    change(draft);
    return decideRedemption({ address, configuration: draft, world });
  };

  it('falls through to the fallback for Gmail when Google federation is not configured', () => {
    const withoutGoogle = (draft: TenantConfiguration) => {
      draft.socialIdentityProviders = [];
    };

    expect(decide('morgan@gmail.com', withoutGoogle)).toMatchObject({ path: 'microsoftAccount' });
    expect(decide('someone@gmail.com', withoutGoogle)).toMatchObject({ path: 'emailOneTimePasscode' });
  });

  it('makes the guest create a Microsoft account when one-time passcodes are disabled', () => {
    const decision = decide('sam@litware.org', (draft) => {
      draft.emailAuthenticationMethod.allowExternalIdToUseEmailOtp = 'disabled';
    });

    expect(decision).toEqual({ kind: 'redeemed', path: 'newMicrosoftAccount', issuer: 'MicrosoftAccount' });
  });

  it('keeps Entra first for an existing Entra user whose domain is also SAML-federated, under the default order', () => {
    const federateFabrikam = (draft: TenantConfiguration) => {
      draft.externalDomainFederations.push({ ...draft.externalDomainFederations[0]!, id: 'fab', issuerUri: 'https://idp.fabrikam.com', domains: ['fabrikam.com'] });
    };

    expect(decide('ann@fabrikam.com', federateFabrikam)).toMatchObject({ path: 'azureActiveDirectory' });
    // Not a user there: user-based discovery falls through to the federation.
    expect(decide('nobody@fabrikam.com', federateFabrikam)).toMatchObject({ path: 'externalFederation', issuer: 'https://idp.fabrikam.com' });
  });

  it('treats the address as what was typed, whatever its case', () => {
    expect(decide('ANN@Fabrikam.com')).toMatchObject({ path: 'azureActiveDirectory' });
    expect(decide('Someone@GMAIL.com')).toMatchObject({ path: 'google' });
  });
});
