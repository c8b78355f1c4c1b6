/** The simulated Entra: what @azure/identity's ClientSecretCredential gets from it, and its OAuth errors. */
import { ClientSecretCredential } from '@azure/identity';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../local/simulator/index.js';
import { credentialFor, graphScope, guestInvitesApp, send } from './helpers.js';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.close();
});

function tokenRequest(form: Record<string, string>, tenant = sim.tenantId) {
  return fetch(`${sim.url}/${tenant}/oauth2/v2.0/token?client-request-id=test-correlation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

const validForm = {
  grant_type: 'client_credentials',
  client_id: guestInvitesApp.clientId,
  client_secret: guestInvitesApp.clientSecret,
  scope: graphScope,
};

describe('client-credentials sign-in', () => {
  it('issues an RS256 Graph token that verifies against the advertised JWKS with Entra v1 app claims', async () => {
    const { token, expiresOnTimestamp } = await credentialFor(sim).getToken(graphScope);

    const discovery = (await send(sim, 'GET', `/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).body as Record<string, string>;
    const keys = createRemoteJWKSet(new URL(discovery['jwks_uri'] ?? ''));
    const { payload } = await jwtVerify(token, keys, {
      issuer: `https://sts.windows.net/${sim.tenantId}/`,
      audience: 'https://graph.microsoft.com',
    });

    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(payload).toMatchObject({
      tid: sim.tenantId,
      appid: guestInvitesApp.clientId,
      oid: '592ad503-dec8-4435-807a-40afc22d0e57',
      idtyp: 'app',
      roles: [
        'User.Invite.All',
        'User.Read.All',
        'Organization.Read.All',
        'Mail.Send',
        'Policy.Read.All',
        'IdentityProvider.Read.All',
        'CrossTenantInformation.ReadBasic.All',
        'RoleManagement.Read.Directory',
        'GroupMember.Read.All',
        'TeamMember.ReadWrite.All',
        'Channel.ReadBasic.All',
        'ChannelMember.ReadWrite.All',
        'GroupMember.ReadWrite.All',
        'ChatMember.ReadWrite.All',
      ],
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3599);
    expect(expiresOnTimestamp).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('serves the discovery fields MSAL requires, pointing at the simulator', async () => {
    const answer = await send(sim, 'GET', `/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      token_endpoint: `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`,
      jwks_uri: `${sim.url}/${sim.tenantId}/discovery/v2.0/keys`,
      issuer: `${sim.url}/${sim.tenantId}/v2.0`,
      tenant_region_scope: expect.any(String),
      cloud_instance_name: 'microsoftonline.com',
    });
  });

  it('makes the credential fail with AADSTS7000215 for a wrong secret', async () => {
    const credential = new ClientSecretCredential(sim.tenantId, guestInvitesApp.clientId, 'not-the-secret', {
      authorityHost: sim.url,
      disableInstanceDiscovery: true,
    });

    await expect(credential.getToken(graphScope)).rejects.toThrow(/AADSTS7000215/);
  });

  it('answers AADSTS90002 invalid_tenant for an unknown tenant', async () => {
    const answer = await send(sim, 'GET', '/fabrikam.example/v2.0/.well-known/openid-configuration');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
    expect((answer.body as { error_description: string }).error_description).toMatch(
      /^AADSTS90002: Tenant 'fabrikam\.example' not found\..*\r\nTrace ID: .+\r\nCorrelation ID: .+\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
  });

  it.each([
    ['an unknown client', { client_id: '99999999-9999-4999-8999-999999999999' }, 400, 'unauthorized_client', 700016],
    ['another grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
    ['a resource other than Graph', { scope: 'https://vault.azure.net/.default' }, 400, 'invalid_resource', 500011],
    ['a scope without /.default', { scope: 'https://graph.microsoft.com/User.Read.All' }, 400, 'invalid_scope', 1002012],
    ['a wrong secret', { client_secret: 'nope' }, 401, 'invalid_client', 7000215],
  ])('refuses %s with Entra’s error body', async (_case, override, status, error, code) => {
    const response = await tokenRequest({ ...validForm, ...override });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(status);
    expect(body).toMatchObject({ error, error_codes: [code], correlation_id: 'test-correlation' });
    expect(body['error_description']).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it('answers a valid raw token request with Entra’s token response fields', async () => {
    const response = await tokenRequest(validForm, 'contoso.com');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
  });
});
