/** Reading users and the organization through the real Graph client: filters, $select, paging, errors. */
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, directoryReaderApp, graphClientFor, guestAdministrationApp, invitationFor, send, useSimulator } from './helpers.js';

interface UserPage {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}


const tenant = useSimulator();

async function users(filter: string, select?: string): Promise<UserPage> {
  const request = tenant.graph.api('/users').filter(filter);
  return (await (select === undefined ? request : request.select(select)).get()) as UserPage;
}

async function graphErrorOf(request: Promise<unknown>): Promise<GraphError> {
  return request.then(
    () => {
      throw new Error('expected the Graph call to fail');
    },
    (error: GraphError) => error,
  );
}

const guestProperties = 'id,userType,externalUserState,externalUserStateChangeDateTime,creationType,identities,mail,otherMails';

describe('finding a guest by address', () => {
  it('finds a guest by mail, ignoring case, and the page matches Graph’s user collection schema', async () => {
    const page = await users("mail eq 'ANN@fabrikam.com'", guestProperties);

    expect(validateGraph('microsoft.graph.userCollectionResponse', page)).toEqual([]);
    expect(page.value).toEqual([
      {
        id: 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0',
        userType: 'Guest',
        externalUserState: 'Accepted',
        externalUserStateChangeDateTime: '2024-11-18T10:12:00Z',
        creationType: 'Invitation',
        identities: expect.arrayContaining([expect.objectContaining({ issuer: 'ExternalAzureAD' })]),
        mail: 'ann@fabrikam.com',
        otherMails: ['ann@fabrikam.com'],
      },
    ]);
  });

  it('finds a guest whose address is only in otherMails, with any lambda variable name', async () => {
    const page = await users("otherMails/any(m:m eq 'rchen@northwind.com')", 'id,mail');

    expect(page.value).toEqual([{ id: '860ff31b-a232-45fe-948b-281f7fd48760', mail: 'riley.chen@northwind.com' }]);
  });

  it('runs Microsoft’s recommended pre-invite query, joined with or', async () => {
    const address = 'old.friend@outlook.com';
    const filter =
      `userPrincipalName eq '${address}' or mail eq '${address}' or ` +
      `proxyAddresses/any(x:x eq 'SMTP:${address}') or otherMails/any(x:x eq '${address}')`;

    const page = await users(filter, 'id');

    expect(page.value).toEqual([{ id: 'a7cfa678-e101-47bc-b1bc-6d5af472150d' }]);
  });

  it('combines userType and externalUserState with and', async () => {
    const page = await users("userType eq 'Guest' and externalUserState eq 'PendingAcceptance'", 'mail');

    expect(page.value.map((user) => user['mail']).sort()).toEqual(['pending.guest@fabrikam.com', 'sam.pending@gmail.com']);
  });

  it("reads '' inside a literal as one quote", async () => {
    const page = await users("mail eq 'o''brien@fabrikam.com'");

    expect(page.value).toEqual([]);
  });
});

describe('$select', () => {
  it('returns only Graph’s default properties without $select, so externalUserState is absent', async () => {
    const page = await users("mail eq 'ann@fabrikam.com'");

    expect(Object.keys(page.value[0] ?? {}).sort()).toEqual(
      ['businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'],
    );
    expect(page['@odata.context']).toBe(`${tenant.sim.url}/v1.0/$metadata#users`);
  });

  it('returns exactly the selected properties and names them in @odata.context', async () => {
    const page = await users("mail eq 'ann@fabrikam.com'", 'externalUserState,id');

    expect(page.value).toEqual([{ externalUserState: 'Accepted', id: 'a21eec3b-fd20-4c88-8deb-9d30b419d0c0' }]);
    expect(page['@odata.context']).toBe(`${tenant.sim.url}/v1.0/$metadata#users(externalUserState,id)`);
  });

  it('refuses a property the user type does not have', async () => {
    const error = await graphErrorOf(tenant.graph.api('/users').select('favouriteColour').get());

    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/Could not find a property named 'favouriteColour'/);
  });
});

describe('one user', () => {
  it('is found by object id or by user principal name', async () => {
    const byId = (await tenant.graph.api('/users/a21eec3b-fd20-4c88-8deb-9d30b419d0c0').select('id,userPrincipalName').get()) as Record<string, unknown>;
    const byName = (await tenant.graph
      .api(`/users/${encodeURIComponent('ann_fabrikam.com#EXT#@contoso.onmicrosoft.com')}`)
      .select('id')
      .get()) as Record<string, unknown>;

    expect(validateGraph('microsoft.graph.user', byId)).toEqual([]);
    expect(byName['id']).toBe(byId['id']);
  });

  it('is 404 Request_ResourceNotFound when missing', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';

    const error = await graphErrorOf(tenant.graph.api(`/users/${missing}`).get());

    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('Request_ResourceNotFound');
    expect(error.message).toBe(`Resource '${missing}' does not exist or one of its queried reference-property objects are not present.`);
  });
});

describe('paging', () => {
  it('pages with $top and follows @odata.nextLink to the end, keeping $select', async () => {
    const first = (await tenant.graph.api('/users').select('id').top(5).get()) as UserPage;
    const seen = [...first.value];
    let next = first['@odata.nextLink'];
    while (next !== undefined) {
      const page = (await tenant.graph.api(next).get()) as UserPage;
      seen.push(...page.value);
      next = page['@odata.nextLink'];
    }

    expect(first.value).toHaveLength(5);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?.*%24skiptoken=/);
    expect(seen).toHaveLength(13);
    expect(new Set(seen.map((user) => user['id'])).size).toBe(13);
    expect(seen.every((user) => Object.keys(user).join() === 'id')).toBe(true);
  });

  it('refuses a page size above 999', async () => {
    const error = await graphErrorOf(tenant.graph.api('/users').top(1000).get());

    expect(error.code).toBe('Request_UnsupportedQuery');
    expect(error.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
  });
});

describe('filters outside the simulated subset', () => {
  it.each([
    ["startsWith(mail,'ann')", 'Request_UnsupportedQuery'],
    ["displayName eq 'Ann Fabrikam'", 'Request_UnsupportedQuery'],
    ["mail ne 'ann@fabrikam.com'", 'Request_UnsupportedQuery'],
    ["colour eq 'teal'", 'BadRequest'],
    ["mail eq 'unterminated", 'BadRequest'],
  ])('refuses %s with %s', async (filter, code) => {
    const error = await graphErrorOf(tenant.graph.api('/users').filter(filter).get());

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe(code);
  });
});

describe('organization', () => {
  it('lists the tenant with its verified domains, matching Graph’s organization collection schema', async () => {
    const page = (await tenant.graph.api('/organization').get()) as { value: Record<string, unknown>[] };

    expect(validateGraph('microsoft.graph.organizationCollectionResponse', page)).toEqual([]);
    expect(page.value).toEqual([
      {
        id: '7d1c5e4a-2f3b-4c8d-9e6f-0a1b2c3d4e5f',
        displayName: 'Contoso',
        verifiedDomains: [
          { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: false, name: 'contoso.com', type: 'Managed' },
          { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: false, isInitial: true, name: 'contoso.onmicrosoft.com', type: 'Managed' },
        ],
      },
    ]);
  });
});

describe('authentication and authorization', () => {
  it('answers 401 InvalidAuthenticationToken without a token, and for a token this simulator did not sign', async () => {
    const forged = `${(await accessToken(tenant.sim)).split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;

    const missing = await send(tenant.sim, 'GET', '/v1.0/users');
    const wrong = await send(tenant.sim, 'GET', '/v1.0/users', { token: forged });

    for (const answer of [missing, wrong]) {
      expect(answer.status).toBe(401);
      expect(validateGraph('microsoft.graph.ODataErrors.ODataError', answer.body)).toEqual([]);
      expect(answer.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    }
  });

  it('answers 403 Authorization_RequestDenied when the app lacks the permission', async () => {
    const reader = graphClientFor(tenant.sim, directoryReaderApp);

    const error = await graphErrorOf(reader.api('/organization').get());

    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
    expect(error.message).toBe('Insufficient privileges to complete the operation.');
  });

  it('names the unknown segment with 400 and refuses a wrong method with 405', async () => {
    const unknown = await graphErrorOf(tenant.graph.api('/groups').get());
    const wrongMethod = await graphErrorOf(tenant.graph.api('/invitations').get());

    expect(unknown.statusCode).toBe(400);
    expect(unknown.message).toBe("Resource not found for the segment 'groups'.");
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.code).toBe('Request_BadRequest');
  });
});

describe('deleting a user (DELETE /users/{id})', () => {
  it('needs User.ReadWrite.All: the bot’s own app (User.Invite.All, User.Read.All) gets 403 Authorization_RequestDenied and nothing is deleted', async () => {
    const invited = (await tenant.graph.api('/invitations').post(invitationFor('delete.refused@litware.org'))) as { invitedUser: { id: string } };
    const error = await graphErrorOf(tenant.graph.api(`/users/${invited.invitedUser.id}`).delete());
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
    expect(await tenant.graph.api(`/users/${invited.invitedUser.id}`).get()).toMatchObject({ id: invited.invitedUser.id });
  });

  it('with the permission: 204, the user is gone (404 Request_ResourceNotFound on a read), delta reports it soft-deleted, and a second delete answers 404', async () => {
    const admin = graphClientFor(tenant.sim, guestAdministrationApp);
    const latest = (await tenant.graph.api('/users/delta').query({ $deltatoken: 'latest' }).get()) as { '@odata.deltaLink': string };
    const invited = (await tenant.graph.api('/invitations').post(invitationFor('delete.me@litware.org'))) as { invitedUser: { id: string } };
    const id = invited.invitedUser.id;

    const deleted = await send(tenant.sim, 'DELETE', `/v1.0/users/${id}`, { token: await accessToken(tenant.sim, guestAdministrationApp) });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();

    const read = await graphErrorOf(tenant.graph.api(`/users/${id}`).get());
    expect(read.statusCode).toBe(404);
    expect(read.code).toBe('Request_ResourceNotFound');
    const changes = (await tenant.graph.api(latest['@odata.deltaLink']).get()) as { value: Record<string, unknown>[] };
    expect(changes.value).toContainEqual(expect.objectContaining({ id, '@removed': { reason: 'changed' } }));

    const again = await graphErrorOf(admin.api(`/users/${id}`).delete());
    expect(again.statusCode).toBe(404);
    expect(again.code).toBe('Request_ResourceNotFound');
  });
});
