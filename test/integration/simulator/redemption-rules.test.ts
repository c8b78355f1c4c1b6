/**
 * Redemption decided against the tenant's configuration and the world, one test per documented path and
 * per blocking or fallback rule (redemption-paths.md): the guest is invited through Graph, redeems through
 * the control API, and Graph then shows what happened on the user object.
 */
import { describe, expect, it } from 'vitest';
import { type RedeemTarget, type Redemption } from '../../support/simulator-control.js';
import { invitationFor, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

const fabrikamTenantId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const northwindTenantId = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const blockedForEveryone = {
  usersAndGroups: { accessType: 'blocked' as const, targets: [{ target: 'AllUsers', targetType: 'user' as const }] },
  applications: { accessType: 'blocked' as const, targets: [{ target: 'AllApplications', targetType: 'application' as const }] },
};
const allowedForEveryone = {
  usersAndGroups: { accessType: 'allowed' as const, targets: [{ target: 'AllUsers', targetType: 'user' as const }] },
  applications: { accessType: 'allowed' as const, targets: [{ target: 'AllApplications', targetType: 'application' as const }] },
};

interface GuestView {
  mail: string;
  externalUserState: string;
  externalUserStateChangeDateTime: string;
  creationType: string;
  identities: { signInType: string; issuer: string; issuerAssignedId: string | null }[];
}

async function invite(address: string): Promise<string> {
  const invitation = (await tenant.graph.api('/invitations').post(invitationFor(address))) as { invitedUser: { id: string } };
  return invitation.invitedUser.id;
}

/** The guest as the bot would read it after redemption. */
async function guest(userId: string): Promise<GuestView> {
  return (await tenant.graph
    .api(`/users/${userId}`)
    .select('mail,identities,externalUserState,externalUserStateChangeDateTime,creationType')
    .get()) as GuestView;
}

async function inviteAndRedeem(address: string, extra: Omit<RedeemTarget, 'email' | 'userId'> = {}): Promise<Redemption> {
  const userId = await invite(address);
  const redemption = await tenant.control.redeem({ email: address, ...extra });
  expect(redemption.userId).toBe(userId);
  return redemption;
}

function federatedIdentity(view: GuestView): GuestView['identities'][number] | undefined {
  return view.identities.find((identity) => identity.signInType === 'federated');
}

describe('each documented path, under the fixture’s configuration', () => {
  it.each([
    ['an existing account in a managed Entra tenant', 'jane@fabrikam.com', 'azureActiveDirectory', 'ExternalAzureAD'],
    ['a SAML/WS-Fed federated domain', 'pat@tailspin.com', 'externalFederation', 'https://sts.tailspin.com/adfs/services/trust'],
    ['Gmail with Google configured', 'lee@gmail.com', 'google', 'google.com'],
    ['googlemail.com with Google configured', 'lee@googlemail.com', 'google', 'google.com'],
    ['a consumer Microsoft domain', 'jo@msn.com', 'microsoftAccount', 'MicrosoftAccount'],
    ['a personal Microsoft account on another domain', 'taylor@example.org', 'microsoftAccount', 'MicrosoftAccount'],
    ['no identity provider, OTP on (left at default)', 'sam@litware.org', 'emailOneTimePasscode', 'mail'],
  ])('%s → %s, visible on the user in Graph', async (_case, address, path, issuer) => {
    const redemption = await inviteAndRedeem(address);

    expect(redemption).toMatchObject({ path, issuer });
    const view = await guest(redemption.userId);
    expect(view).toMatchObject({ externalUserState: 'Accepted', creationType: 'Invitation' });
    expect(Date.now() - Date.parse(view.externalUserStateChangeDateTime)).toBeLessThan(60_000);
    expect(view.identities).toEqual([
      expect.objectContaining({ signInType: 'userPrincipalName', issuer: 'contoso.onmicrosoft.com' }),
      { signInType: 'federated', issuer, issuerAssignedId: address },
    ]);
  });

  it('OTP disabled and no account anywhere → the guest creates a Microsoft account', async () => {
    await tenant.control.configure({ emailAuthenticationMethod: { allowExternalIdToUseEmailOtp: 'disabled' } });

    expect(await inviteAndRedeem('sam@litware.org')).toMatchObject({ path: 'newMicrosoftAccount', issuer: 'MicrosoftAccount' });
  });

  it('keeps the old redeem(email) form of the typed client working', async () => {
    await invite('old.form@litware.org');

    expect(await tenant.control.redeem('old.form@litware.org')).toMatchObject({ path: 'emailOneTimePasscode' });
  });
});

describe('user-based discovery', () => {
  it('sends an address at an Entra tenant’s domain that is no user there down the order, until the user exists', async () => {
    expect(await inviteAndRedeem('ghost@fabrikam.com')).toMatchObject({ path: 'emailOneTimePasscode' });

    await tenant.control.world({ entraTenants: [{ tenantId: fabrikamTenantId, users: ['ghost2@fabrikam.com'] }] });
    expect(await inviteAndRedeem('ghost2@fabrikam.com')).toMatchObject({ path: 'azureActiveDirectory' });
  });

  it('finds users of a tenant added at run time', async () => {
    await tenant.control.world({
      entraTenants: [{ tenantId: '0c0a8f6e-1d2e-4f3a-8b4c-5d6e7f8a9b0c', displayName: 'Adatum', domains: ['adatum.com'], users: ['kim@adatum.com'] }],
    });

    expect(await inviteAndRedeem('kim@adatum.com')).toMatchObject({ path: 'azureActiveDirectory', issuer: 'ExternalAzureAD' });
  });
});

describe('redemption order', () => {
  const federateFabrikam = {
    externalDomainFederations: [
      {
        id: 'fabrikam-idp',
        displayName: 'Fabrikam IdP',
        issuerUri: 'https://idp.fabrikam.com/saml',
        passiveSignInUri: 'https://idp.fabrikam.com/sso',
        preferredAuthenticationProtocol: 'saml' as const,
        domains: ['fabrikam.com'],
      },
    ],
  };

  it('keeps Entra first for a domain that is Entra-verified and federated, until the order puts federation first', async () => {
    await tenant.control.configure(federateFabrikam);
    expect(await inviteAndRedeem('jane@fabrikam.com')).toMatchObject({ path: 'azureActiveDirectory' });

    await tenant.control.configure({
      crossTenantAccess: {
        default: {
          invitationRedemptionIdentityProviderConfiguration: {
            primaryIdentityProviderPrecedenceOrder: ['externalFederation', 'azureActiveDirectory', 'socialIdentityProviders'],
          },
        },
      },
    });
    expect(await inviteAndRedeem('new.colleague@fabrikam.com')).toMatchObject({ path: 'externalFederation', issuer: 'https://idp.fabrikam.com/saml' });
  });

  it('skips a primary provider left out of the order: Entra users and Gmail users go to the fallback', async () => {
    await tenant.control.configure({
      crossTenantAccess: { default: { invitationRedemptionIdentityProviderConfiguration: { primaryIdentityProviderPrecedenceOrder: ['externalFederation'] } } },
    });

    expect(await inviteAndRedeem('jane@fabrikam.com')).toMatchObject({ path: 'emailOneTimePasscode' });
    expect(await inviteAndRedeem('lee@gmail.com')).toMatchObject({ path: 'emailOneTimePasscode' });
    expect(await inviteAndRedeem('pat@tailspin.com')).toMatchObject({ path: 'externalFederation' });
  });
});

describe('fallback identity providers', () => {
  const fallback = (fallbackIdentityProvider: 'defaultConfiguredIdp' | 'emailOneTimePasscode' | 'microsoftAccount') => ({
    crossTenantAccess: { default: { invitationRedemptionIdentityProviderConfiguration: { fallbackIdentityProvider } } },
  });

  it('MSA fallback off (OTP only): a guest with a personal Microsoft account gets a passcode', async () => {
    await tenant.control.configure(fallback('emailOneTimePasscode'));

    expect(await inviteAndRedeem('jo@hotmail.com')).toMatchObject({ path: 'emailOneTimePasscode', issuer: 'mail' });
  });

  it('Microsoft account fallback only: the guest uses or creates an MSA, never a passcode', async () => {
    await tenant.control.configure(fallback('microsoftAccount'));

    expect(await inviteAndRedeem('jo@hotmail.com')).toMatchObject({ path: 'microsoftAccount' });
    expect(await inviteAndRedeem('sam@litware.org')).toMatchObject({ path: 'newMicrosoftAccount' });
  });

  it.each(['default', 'enabled'] as const)('OTP %s counts as on', async (allowExternalIdToUseEmailOtp) => {
    await tenant.control.configure({ emailAuthenticationMethod: { allowExternalIdToUseEmailOtp } });

    expect(await inviteAndRedeem('sam@litware.org')).toMatchObject({ path: 'emailOneTimePasscode' });
  });

  it('OTP the only fallback but disabled: no provider can redeem, and nothing changes', async () => {
    await tenant.control.configure({ ...fallback('emailOneTimePasscode'), emailAuthenticationMethod: { allowExternalIdToUseEmailOtp: 'disabled' } });
    const userId = await invite('sam@litware.org');

    const attempt = await tenant.control.redeemAttempt({ email: 'sam@litware.org' });

    expect(attempt).toMatchObject({ status: 409, body: { error: 'NoRedemptionIdentityProvider' } });
    expect(await guest(userId)).toMatchObject({ externalUserState: 'PendingAcceptance' });
  });
});

describe('Google federation', () => {
  it('not configured: a Gmail address falls to its Microsoft account, else to a passcode', async () => {
    await tenant.control.configure({ socialIdentityProviders: [] });

    expect(await inviteAndRedeem('morgan@gmail.com')).toMatchObject({ path: 'microsoftAccount' });
    expect(await inviteAndRedeem('lee@gmail.com')).toMatchObject({ path: 'emailOneTimePasscode' });
  });

  it('Facebook configured instead is never a redemption option', async () => {
    await tenant.control.configure({ socialIdentityProviders: [{ identityProviderType: 'Facebook', clientId: 'fb-app' }] });

    expect(await inviteAndRedeem('lee@gmail.com')).toMatchObject({ path: 'emailOneTimePasscode' });
  });

  it('covers only Gmail: a Google Workspace domain is not Google federation', async () => {
    expect(await inviteAndRedeem('dev@workspace-shop.example')).toMatchObject({ path: 'emailOneTimePasscode' });
  });
});

describe('cross-tenant inbound B2B collaboration', () => {
  it('blocked for a partner: its user gets AADSTS500213 and stays pending; other tenants still redeem', async () => {
    await tenant.control.configure({ crossTenantAccess: { partners: [{ tenantId: fabrikamTenantId, b2bCollaborationInbound: blockedForEveryone }] } });
    const userId = await invite('jane@fabrikam.com');

    const attempt = await tenant.control.redeemAttempt({ email: 'jane@fabrikam.com' });

    expect(attempt.status).toBe(403);
    expect(attempt.body).toMatchObject({ error: 'AADSTS500213', message: expect.stringMatching(/^AADSTS500213: NotAllowedByInboundPolicyTenant/) });
    const view = await guest(userId);
    expect(view.externalUserState).toBe('PendingAcceptance');
    expect(federatedIdentity(view)).toBeUndefined();
    expect(await inviteAndRedeem('sam@northwind.com')).toMatchObject({ path: 'azureActiveDirectory' });
  });

  it('blocked by default: a partner block allowing its users overrides it; non-Entra guests are not concerned', async () => {
    await tenant.control.configure({
      crossTenantAccess: {
        default: { b2bCollaborationInbound: blockedForEveryone },
        partners: [{ tenantId: northwindTenantId, b2bCollaborationInbound: allowedForEveryone }],
      },
    });
    await invite('jane@fabrikam.com');

    expect((await tenant.control.redeemAttempt({ email: 'jane@fabrikam.com' })).status).toBe(403);
    expect(await inviteAndRedeem('sam@northwind.com')).toMatchObject({ path: 'azureActiveDirectory' });
    expect(await inviteAndRedeem('lee@gmail.com')).toMatchObject({ path: 'google' });
  });

  it('a partner with a null block inherits the default’s block', async () => {
    await tenant.control.configure({
      crossTenantAccess: { default: { b2bCollaborationInbound: blockedForEveryone }, partners: [{ tenantId: fabrikamTenantId, b2bCollaborationInbound: null }] },
    });
    await invite('jane@fabrikam.com');

    expect((await tenant.control.redeemAttempt({ email: 'jane@fabrikam.com' })).status).toBe(403);
  });

  it('allowing only named users refuses the others of that tenant', async () => {
    await tenant.control.configure({
      crossTenantAccess: {
        partners: [
          {
            tenantId: fabrikamTenantId,
            b2bCollaborationInbound: {
              usersAndGroups: { accessType: 'allowed', targets: [{ target: '5d7f7c4e-1a2b-4c3d-8e9f-0a1b2c3d4e05', targetType: 'user' }] },
              applications: allowedForEveryone.applications,
            },
          },
        ],
      },
    });
    await invite('new.colleague@fabrikam.com');

    expect(await inviteAndRedeem('jane@fabrikam.com')).toMatchObject({ path: 'azureActiveDirectory' });
    expect((await tenant.control.redeemAttempt({ email: 'new.colleague@fabrikam.com' })).status).toBe(403);
  });
});

describe('the guest’s side', () => {
  it('signing in with another account than invited binds the guest to that account', async () => {
    const redemption = await inviteAndRedeem('lee@gmail.com', { signInAs: 'jane@fabrikam.com' });

    expect(redemption).toMatchObject({ path: 'azureActiveDirectory', issuer: 'ExternalAzureAD' });
    const view = await guest(redemption.userId);
    expect(view.mail).toBe('lee@gmail.com');
    expect(federatedIdentity(view)).toEqual({ signInType: 'federated', issuer: 'ExternalAzureAD', issuerAssignedId: 'jane@fabrikam.com' });
  });

  it('an address that is both Entra and MSA goes to Entra unless the guest chooses the personal account, even with MSA fallback off', async () => {
    await tenant.control.world({ microsoftAccounts: ['jane@fabrikam.com', 'jane.doe@fabrikam.com'] });
    await tenant.control.configure({ crossTenantAccess: { default: { invitationRedemptionIdentityProviderConfiguration: { fallbackIdentityProvider: 'emailOneTimePasscode' } } } });

    expect(await inviteAndRedeem('jane@fabrikam.com')).toMatchObject({ path: 'azureActiveDirectory' });
    expect(await inviteAndRedeem('jane.doe@fabrikam.com', { choose: 'microsoftAccount' })).toMatchObject({ path: 'microsoftAccount', issuer: 'MicrosoftAccount' });
  });

  it('refuses a choice where Entra offers none', async () => {
    await invite('sam@litware.org');

    expect(await tenant.control.redeemAttempt({ email: 'sam@litware.org', choose: 'microsoftAccount' })).toMatchObject({ status: 400 });
  });
});
