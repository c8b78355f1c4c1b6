/**
 * The Graph reads that reveal how the tenant is configured for guests (redemption-paths.md, "Which tenant
 * configuration decides the path"), their shapes against the Graph schema subset, their permissions, and
 * the control API that changes the configuration and the world at run time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, directoryReaderApp, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

type Json = Record<string, unknown>;
const fabrikamTenantId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const northwindTenantId = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const findTenant = (domain: string): string => `/tenantRelationships/findTenantInformationByDomainName(domainName='${domain}')`;

async function get(path: string): Promise<Json> {
  return (await tenant.graph.api(path).get()) as Json;
}

describe('email one-time passcode policy', () => {
  const path = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email';

  it('answers the emailAuthenticationMethodConfiguration, matching Graph’s schema, with OTP left at default', async () => {
    const body = await get(path);

    expect(validateGraph('microsoft.graph.emailAuthenticationMethodConfiguration', body)).toEqual([]);
    expect(body).toMatchObject({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#authenticationMethodConfigurations/$entity`,
      '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
      id: 'Email',
      state: 'enabled',
      allowExternalIdToUseEmailOtp: 'default',
    });
  });

  it('shows a configuration change at once', async () => {
    await tenant.control.configure({ emailAuthenticationMethod: { allowExternalIdToUseEmailOtp: 'disabled' } });

    expect(await get(path)).toMatchObject({ allowExternalIdToUseEmailOtp: 'disabled', state: 'enabled' });
  });
});

describe('identity providers', () => {
  it('lists Google as a social provider with its secret masked, then the built-in providers', async () => {
    const body = (await get('/identity/identityProviders')) as { '@odata.context': string; value: Json[] };

    expect(body['@odata.context']).toBe(`${tenant.sim.url}/v1.0/$metadata#identity/identityProviders`);
    expect(body.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.socialIdentityProvider',
        id: 'Google-OAUTH',
        displayName: 'Google',
        identityProviderType: 'Google',
        clientId: expect.any(String),
        clientSecret: '******',
      },
      expect.objectContaining({ '@odata.type': '#microsoft.graph.builtInIdentityProvider', identityProviderType: 'AADSignup' }),
      expect.objectContaining({ '@odata.type': '#microsoft.graph.builtInIdentityProvider', identityProviderType: 'EmailOTP' }),
      expect.objectContaining({ '@odata.type': '#microsoft.graph.builtInIdentityProvider', identityProviderType: 'MicrosoftAccount' }),
    ]);
    expect(validateGraph('microsoft.graph.socialIdentityProvider', body.value[0])).toEqual([]);
    // The subset has no builtInIdentityProvider; its base type must hold.
    for (const builtIn of body.value.slice(1)) expect(validateGraph('microsoft.graph.identityProviderBase', builtIn)).toEqual([]);
  });

  it('lists Facebook without Google once the configuration says so', async () => {
    await tenant.control.configure({ socialIdentityProviders: [{ identityProviderType: 'Facebook', clientId: 'fb-app' }] });

    const body = (await get('/identity/identityProviders')) as { value: Json[] };

    expect(body.value.filter((provider) => provider['@odata.type'] === '#microsoft.graph.socialIdentityProvider')).toEqual([
      expect.objectContaining({ id: 'Facebook-OAUTH', identityProviderType: 'Facebook', clientSecret: '******' }),
    ]);
  });
});

describe('SAML/WS-Fed external domain federations', () => {
  it('returns the federations without their domains unless asked to expand them', async () => {
    const plain = (await get('/directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation')) as { value: Json[] };
    const expanded = (await tenant.graph
      .api('/directory/federationConfigurations/microsoft.graph.samlOrWsFedExternalDomainFederation')
      .expand('domains')
      .get()) as { '@odata.context': string; value: Json[] };

    expect(plain.value).toHaveLength(1);
    expect(plain.value[0]).not.toHaveProperty('domains');
    expect(expanded['@odata.context']).toMatch(/samlOrWsFedExternalDomainFederation\(domains\(\)\)$/);
    expect(expanded.value[0]).toMatchObject({
      displayName: 'Tailspin Toys',
      issuerUri: 'https://sts.tailspin.com/adfs/services/trust',
      passiveSignInUri: 'https://sts.tailspin.com/adfs/ls/',
      preferredAuthenticationProtocol: 'wsFed',
      domains: [{ id: 'tailspin.com' }],
    });
    expect(validateGraph('microsoft.graph.samlOrWsFedExternalDomainFederation', expanded.value[0])).toEqual([]);
  });

  it('refuses to expand anything but domains', async () => {
    const token = await accessToken(tenant.sim);
    const answer = await send(tenant.sim, 'GET', '/v1.0/directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation?$expand=owner', { token });

    expect(answer.status).toBe(400);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
  });
});

describe('findTenantInformationByDomainName', () => {
  it('finds the Entra tenant that verified a domain, in tenantInformation’s shape', async () => {
    const body = await get(findTenant('FABRIKAM.com'));

    expect(validateGraph('microsoft.graph.tenantInformation', body)).toEqual([]);
    expect(body).toEqual({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#microsoft.graph.tenantInformation`,
      tenantId: fabrikamTenantId,
      displayName: 'Fabrikam',
      defaultDomainName: 'fabrikam.com',
      federationBrandName: null,
    });
  });

  it('resolves the tenant’s own verified domains to itself, and any verified domain of a tenant', async () => {
    expect(await get(findTenant('contoso.onmicrosoft.com'))).toMatchObject({ tenantId: tenant.sim.tenantId, displayName: 'Contoso', defaultDomainName: 'contoso.com' });
    expect(await get(findTenant('northwindtraders.onmicrosoft.com'))).toMatchObject({ tenantId: northwindTenantId });
  });

  it('answers 404 Request_ResourceNotFound for a domain of no tenant (undocumented by Microsoft)', async () => {
    const token = await accessToken(tenant.sim);
    const answer = await send(tenant.sim, 'GET', `/v1.0${findTenant('gmail.com')}`, { token });

    expect(answer.status).toBe(404);
    expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('finds a tenant added to the world at run time, and refuses a malformed parameter', async () => {
    await tenant.control.world({ entraTenants: [{ tenantId: '0c0a8f6e-1d2e-4f3a-8b4c-5d6e7f8a9b0c', displayName: 'Adatum', domains: ['adatum.com'] }] });
    const token = await accessToken(tenant.sim);

    expect(await get(findTenant('adatum.com'))).toMatchObject({ displayName: 'Adatum', defaultDomainName: 'adatum.com' });
    const malformed = await send(tenant.sim, 'GET', '/v1.0/tenantRelationships/findTenantInformationByDomainName(name=adatum.com)', { token });
    expect(malformed.status).toBe(400);
  });
});

describe('cross-tenant access policy', () => {
  it('answers the service default: inbound B2B collaboration allowed, the documented redemption order', async () => {
    const body = await get('/policies/crossTenantAccessPolicy/default');

    expect(validateGraph('microsoft.graph.crossTenantAccessPolicyConfigurationDefault', body)).toEqual([]);
    expect(body).toMatchObject({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#policies/crossTenantAccessPolicy/default/$entity`,
      isServiceDefault: true,
      b2bCollaborationInbound: {
        usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
        applications: { accessType: 'allowed', targets: [{ target: 'AllApplications', targetType: 'application' }] },
      },
      invitationRedemptionIdentityProviderConfiguration: {
        primaryIdentityProviderPrecedenceOrder: ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'],
        fallbackIdentityProvider: 'defaultConfiguredIdp',
      },
      automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
    });
  });

  it('lists partner configurations, null blocks inheriting, and reads one by tenant id', async () => {
    await tenant.control.configure({
      crossTenantAccess: {
        partners: [
          {
            tenantId: fabrikamTenantId,
            b2bCollaborationInbound: {
              usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
              applications: { accessType: 'blocked', targets: [{ target: 'AllApplications', targetType: 'application' }] },
            },
          },
          { tenantId: northwindTenantId, automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: null } },
        ],
      },
    });

    const list = await get('/policies/crossTenantAccessPolicy/partners');
    const one = await get(`/policies/crossTenantAccessPolicy/partners/${northwindTenantId}`);

    expect(validateGraph('microsoft.graph.crossTenantAccessPolicyConfigurationPartnerCollectionResponse', list)).toEqual([]);
    expect((list['value'] as Json[]).map((partner) => partner['tenantId'])).toEqual([fabrikamTenantId, northwindTenantId]);
    expect(validateGraph('microsoft.graph.crossTenantAccessPolicyConfigurationPartner', one)).toEqual([]);
    expect(one).toMatchObject({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#policies/crossTenantAccessPolicy/partners/$entity`,
      tenantId: northwindTenantId,
      b2bCollaborationInbound: null,
      automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: null },
    });
    // Changing only the partners leaves the default a service default.
    expect(await get('/policies/crossTenantAccessPolicy/default')).toMatchObject({ isServiceDefault: true });
  });

  it('answers 404 for a tenant without a partner configuration', async () => {
    const token = await accessToken(tenant.sim);
    const answer = await send(tenant.sim, 'GET', `/v1.0/policies/crossTenantAccessPolicy/partners/${fabrikamTenantId}`, { token });

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });
});

describe('authorization policy', () => {
  it('answers who may invite, email-verified self-join and the guest role, matching Graph’s schema', async () => {
    await tenant.control.configure({ authorizationPolicy: { allowInvitesFrom: 'adminsAndGuestInviters' } });

    const body = await get('/policies/authorizationPolicy');

    expect(validateGraph('microsoft.graph.authorizationPolicy', body)).toEqual([]);
    expect(body).toMatchObject({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#policies/authorizationPolicy/$entity`,
      id: 'authorizationPolicy',
      allowInvitesFrom: 'adminsAndGuestInviters',
      allowEmailVerifiedUsersToJoinOrganization: false,
      guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
    });
  });
});

describe('permissions', () => {
  let readerToken: string;
  beforeAll(async () => {
    readerToken = await accessToken(tenant.sim, directoryReaderApp);
  });

  it.each([
    ['/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email', 'Policy.Read.All'],
    ['/identity/identityProviders', 'IdentityProvider.Read.All'],
    ['/directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation', 'IdentityProvider.Read.All'],
    [findTenant('fabrikam.com'), 'CrossTenantInformation.ReadBasic.All'],
    ['/policies/crossTenantAccessPolicy/default', 'Policy.Read.All'],
    ['/policies/crossTenantAccessPolicy/partners', 'Policy.Read.All'],
    ['/policies/authorizationPolicy', 'Policy.Read.All'],
  ])('refuses GET %s to an app without %s', async (path) => {
    const answer = await send(tenant.sim, 'GET', `/v1.0${path}`, { token: readerToken });

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});

describe('the configuration control API', () => {
  it('merges objects, replaces lists, flips isServiceDefault, and reads back what it holds', async () => {
    const after = await tenant.control.configure({
      crossTenantAccess: { default: { invitationRedemptionIdentityProviderConfiguration: { fallbackIdentityProvider: 'emailOneTimePasscode' } } },
      externalDomainFederations: [],
    });

    expect(after.crossTenantAccess.default).toMatchObject({
      isServiceDefault: false,
      invitationRedemptionIdentityProviderConfiguration: {
        primaryIdentityProviderPrecedenceOrder: ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'],
        fallbackIdentityProvider: 'emailOneTimePasscode',
      },
    });
    expect(after.externalDomainFederations).toEqual([]);
    expect(await tenant.control.configuration()).toEqual(after);
  });

  it('refuses an invalid change whole, naming the field, and changes nothing', async () => {
    const before = await tenant.control.configuration();

    const answer = await send(tenant.sim, 'PATCH', '/_sim/configuration', {
      body: { emailAuthenticationMethod: { allowExternalIdToUseEmailOtp: 'maybe' }, authorizationPolicy: { allowInvitesFrom: 'none' } },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: expect.stringContaining('allowExternalIdToUseEmailOtp') });
    expect(await tenant.control.configuration()).toEqual(before);
  });

  it('adds to the world, merging a known tenant’s users, and reset restores the fixture', async () => {
    const world = await tenant.control.world({
      entraTenants: [{ tenantId: fabrikamTenantId, users: ['extra@fabrikam.com'] }],
      microsoftAccounts: ['someone@litware.org'],
    });

    expect(world.entraTenants[0]?.users).toContainEqual({ address: 'extra@fabrikam.com', id: null });
    expect(world.microsoftAccounts).toContain('someone@litware.org');
    await tenant.control.configure({ socialIdentityProviders: [] });
    await tenant.control.reset();
    expect((await tenant.control.readWorld()).microsoftAccounts).not.toContain('someone@litware.org');
    expect((await tenant.control.configuration()).socialIdentityProviders).toHaveLength(1);
  });

  it('refuses a new tenant without a name or domains', async () => {
    const answer = await send(tenant.sim, 'POST', '/_sim/world', { body: { entraTenants: [{ tenantId: '0c0a8f6e-1d2e-4f3a-8b4c-5d6e7f8a9b0c' }] } });

    expect(answer.status).toBe(400);
  });
});
