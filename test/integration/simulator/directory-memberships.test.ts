/**
 * Directory roles and group memberships (issue #8 item 6): memberOf and transitiveMemberOf through the real
 * Graph client, nesting, roles held through role-assignable groups, OData casts, paging, limited information
 * for an app that may not read groups or roles, the directoryRoles endpoints, and the control routes that
 * create users and replace a user's memberships.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../local/simulator/fixture.js';
import { DEFAULT_FIXTURE_PATH } from '../../../local/simulator/index.js';
import { validateGraph } from '../../support/schemas.js';
import { accessToken, control, directoryReaderApp, graphClientFor, guestAdministrationApp, send, useSimulator } from './helpers.js';


const tenant = useSimulator({ resetBeforeEach: true });

type Json = Record<string, unknown>;
interface Page {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Json[];
}

const users = {
  dana: '0b7f2a1e-6c3d-4e5f-8a9b-1c2d3e4f5a6b',
  fox: '99170eae-9d9a-4e85-85d9-062e3c095195',
  walter: '3058c8f1-9b9e-4b8d-b0f8-b9e5d467fecd',
  monica: 'c1395706-a759-4c6f-8f57-0f66298dda70',
  john: 'c571a415-a71b-461b-91d3-6d0cdd7e1b5a',
  alex: '0a6bd1af-d4e9-4fe6-b00e-755f63d96bc3',
};
const groups = {
  partnerManagers: 'fed2a298-3649-41a6-beb8-9bd6f9fe602e',
  sales: '7919c000-cdb2-4ed3-a277-50967658f9b5',
  invitationDesk: '87759cef-93c8-4dfa-b06b-62b27a494eb2',
};
const templates = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
};
const roles = {
  globalAdministrator: {
    id: '356f0ba5-7d9f-4ad3-a0c1-d0fee1f9aa3e',
    deletedDateTime: null,
    description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    displayName: 'Global Administrator',
    roleTemplateId: templates.globalAdministrator,
  },
  userAdministrator: {
    id: '77872a1c-ae22-434b-93a2-59938c5f939a',
    deletedDateTime: null,
    description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    displayName: 'User Administrator',
    roleTemplateId: templates.userAdministrator,
  },
  guestInviter: {
    id: '89b8ad76-a223-44d1-9ee1-07c48ed4cd36',
    deletedDateTime: null,
    description: "Can invite guest users independent of the 'members can invite guests' setting.",
    displayName: 'Guest Inviter',
    roleTemplateId: templates.guestInviter,
  },
  directoryWriters: {
    id: '01b0e7bd-0cdb-4f68-a6f6-62c60da13b96',
    deletedDateTime: null,
    description: 'Can read and write basic directory information. For granting access to applications, not intended for users.',
    displayName: 'Directory Writers',
    roleTemplateId: templates.directoryWriters,
  },
};

/** The seeded Partner Managers group, every modelled property in Graph's order. */
const partnerManagers = {
  id: groups.partnerManagers,
  deletedDateTime: null,
  classification: null,
  createdDateTime: '2023-03-01T10:00:00Z',
  creationOptions: [],
  description: 'People who look after partner organisations',
  displayName: 'Partner Managers',
  expirationDateTime: null,
  groupTypes: [],
  isAssignableToRole: false,
  mail: null,
  mailEnabled: false,
  mailNickname: 'partner-managers',
  membershipRule: null,
  membershipRuleProcessingState: null,
  onPremisesSyncEnabled: null,
  preferredDataLocation: null,
  preferredLanguage: null,
  proxyAddresses: [],
  renewedDateTime: '2023-03-01T10:00:00Z',
  resourceBehaviorOptions: [],
  resourceProvisioningOptions: [],
  securityEnabled: true,
  theme: null,
  visibility: null,
};

const asGroup = (fields: Json): Json => ({ '@odata.type': '#microsoft.graph.group', ...fields });
const asRole = (fields: Json): Json => ({ '@odata.type': '#microsoft.graph.directoryRole', ...fields });

async function get(path: string, client: Client = tenant.graph): Promise<Page> {
  return (await client.api(path).get()) as Page;
}

async function graphErrorOf(request: Promise<unknown>): Promise<GraphError> {
  return request.then(
    () => {
      throw new Error('expected the Graph call to fail');
    },
    (error: GraphError) => error,
  );
}

/** An advanced query, as an OData cast on these relationships requires. */
function advanced(path: string, client: Client = tenant.graph): Promise<Page> {
  return client.api(path).header('ConsistencyLevel', 'eventual').count(true).get() as Promise<Page>;
}

function setMemberships(userId: string, memberships: { roles: string[]; groups: string[] }): Promise<Json> {
  return control<Json>(tenant.sim, 'PUT', `/users/${userId}/memberships`, memberships);
}

describe('memberOf: direct memberships', () => {
  it('lists the groups a user is directly in, each with @odata.type and Graph’s default group properties', async () => {
    const page = await get(`/users/${users.john}/memberOf`);

    expect(page).toEqual({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryObjects`, value: [asGroup(partnerManagers)] });
    expect(page.value.map((item) => validateGraph('microsoft.graph.directoryObject', item))).toEqual([[]]);
  });

  it('lists a directly held directory role with its properties', async () => {
    const page = await get(`/users/${users.dana}/memberOf`);

    expect(page.value).toEqual([asRole(roles.userAdministrator)]);
  });

  it('does not list nested groups or roles held through a group', async () => {
    await setMemberships(users.fox, { roles: [], groups: [groups.invitationDesk] });

    expect((await get(`/users/${users.john}/memberOf?$select=id`)).value).toEqual([asGroup({ id: groups.partnerManagers })]);
    expect((await get(`/users/${users.fox}/memberOf?$select=id`)).value).toEqual([asGroup({ id: groups.invitationDesk })]);
  });

  it('answers an empty collection for a member in nothing', async () => {
    expect(await get(`/users/${users.fox}/memberOf`)).toEqual({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryObjects`, value: [] });
  });
});

describe('transitiveMemberOf: direct and nested memberships, and roles through groups', () => {
  it('includes the group holding the user’s group (John is in Sales through Partner Managers)', async () => {
    const page = await get(`/users/${users.john}/transitiveMemberOf?$select=id,displayName`);

    expect(page).toEqual({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryObjects(id,displayName)`,
      value: [asGroup({ id: groups.partnerManagers, displayName: 'Partner Managers' }), asGroup({ id: groups.sales, displayName: 'Sales' })],
    });
  });

  it('includes a role held through a role-assignable group, after the groups', async () => {
    await setMemberships(users.fox, { roles: [], groups: [groups.invitationDesk] });

    const page = await get(`/users/${users.fox}/transitiveMemberOf?$select=id,displayName,roleTemplateId`);

    expect(page.value).toEqual([
      asGroup({ id: groups.invitationDesk, displayName: 'Invitation Desk' }),
      asRole({ id: roles.guestInviter.id, displayName: 'Guest Inviter', roleTemplateId: templates.guestInviter }),
    ]);
  });

  it('lists the seeded roles: Walter Global Administrator, Monica Guest Inviter; Alex only Sales', async () => {
    expect((await get(`/users/${users.walter}/transitiveMemberOf`)).value).toEqual([asRole(roles.globalAdministrator)]);
    expect((await get(`/users/${users.monica}/transitiveMemberOf`)).value).toEqual([asRole(roles.guestInviter)]);
    expect((await get(`/users/${users.alex}/transitiveMemberOf?$select=displayName`)).value).toEqual([asGroup({ displayName: 'Sales' })]);
  });

  it('accepts the user principal name, any case, like /users/{id}', async () => {
    const byName = await get('/users/JOHN@contoso.com/transitiveMemberOf?$select=id');

    expect(byName.value).toEqual([asGroup({ id: groups.partnerManagers }), asGroup({ id: groups.sales })]);
  });

  it('answers 404 Request_ResourceNotFound for an unknown user', async () => {
    const byName = await graphErrorOf(tenant.graph.api('/users/nobody@contoso.com/transitiveMemberOf').get());
    const byId = await graphErrorOf(tenant.graph.api('/users/4b1d0b2e-0000-4000-8000-000000000000/memberOf').get());

    expect(byName).toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
    expect(byName.message).toBe("Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.");
    expect(byId).toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
  });

  it('refuses an unknown $select property and unsupported options', async () => {
    const token = await accessToken(tenant.sim);
    const unknownProperty = await send(tenant.sim, 'GET', `/v1.0/users/${users.john}/transitiveMemberOf?$select=favouriteColour`, { token });
    const filtered = await send(tenant.sim, 'GET', `/v1.0/users/${users.john}/memberOf?$filter=displayName eq 'Sales'`, { token });

    expect(unknownProperty.status).toBe(400);
    expect(unknownProperty.body).toMatchObject({
      error: {
        code: 'BadRequest',
        message: "Parsing OData Select and Expand failed: Could not find a property named 'favouriteColour' on type 'microsoft.graph.directoryObject'.",
      },
    });
    expect(filtered.status).toBe(400);
    expect(filtered.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
  });
});

describe('paging', () => {
  it('pages with $top and follows @odata.nextLink, keeping $select', async () => {
    const first = await tenant.graph.api(`/users/${users.john}/transitiveMemberOf`).select('id').top(1).get() as Page;
    const second = await get(first['@odata.nextLink'] ?? 'missing');

    expect(first.value).toEqual([asGroup({ id: groups.partnerManagers })]);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:\\d+/v1\\.0/users/${users.john}/transitiveMemberOf\\?.*%24skiptoken=`));
    expect(second.value).toEqual([asGroup({ id: groups.sales })]);
    expect(second['@odata.nextLink']).toBeUndefined();
  });

  it('refuses a page size above 999', async () => {
    const error = await graphErrorOf(tenant.graph.api(`/users/${users.john}/memberOf`).top(1000).get());

    expect(error).toMatchObject({ statusCode: 400, code: 'Request_UnsupportedQuery' });
  });
});

describe('OData cast segments', () => {
  it('/microsoft.graph.group keeps only groups, in a groups context without @odata.type, counted', async () => {
    await setMemberships(users.john, { roles: [templates.directoryWriters], groups: [groups.partnerManagers] });

    const page = await advanced(`/users/${users.john}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName`);

    expect(page).toEqual({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#groups(id,displayName)`,
      '@odata.count': 2,
      value: [
        { id: groups.partnerManagers, displayName: 'Partner Managers' },
        { id: groups.sales, displayName: 'Sales' },
      ],
    });
  });

  it('/microsoft.graph.directoryRole (or the graph. alias) keeps only roles', async () => {
    await setMemberships(users.john, { roles: [templates.directoryWriters], groups: [groups.partnerManagers] });

    const full = await advanced(`/users/${users.john}/memberOf/microsoft.graph.directoryRole`);
    const alias = await advanced(`/users/${users.dana}/transitiveMemberOf/graph.directoryRole?$select=roleTemplateId`);

    expect(full).toEqual({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryRoles`, '@odata.count': 1, value: [roles.directoryWriters] });
    expect(alias.value).toEqual([{ roleTemplateId: templates.userAdministrator }]);
  });

  it('is an advanced query: without ConsistencyLevel: eventual and $count=true it is refused', async () => {
    const token = await accessToken(tenant.sim);
    const path = `/v1.0/users/${users.john}/transitiveMemberOf/microsoft.graph.group`;

    const noHeader = await send(tenant.sim, 'GET', `${path}?$count=true`, { token });
    const noCount = await send(tenant.sim, 'GET', path, { token, headers: { ConsistencyLevel: 'eventual' } });

    for (const answer of [noHeader, noCount]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'Request_UnsupportedQuery' } });
    }
  });

  it('checks $select against the cast type', async () => {
    const token = await accessToken(tenant.sim);

    const answer = await send(tenant.sim, 'GET', `/v1.0/users/${users.dana}/memberOf/microsoft.graph.directoryRole?$count=true&$select=groupTypes`, {
      token,
      headers: { ConsistencyLevel: 'eventual' },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { message: "Parsing OData Select and Expand failed: Could not find a property named 'groupTypes' on type 'microsoft.graph.directoryRole'." },
    });
  });
});

describe('limited information for objects the app may not read', () => {
  it('gives the Directory Reader app (User.Read.All only) a role’s @odata.type and id, every other property null', async () => {
    const reader = graphClientFor(tenant.sim, directoryReaderApp);

    const page = await get(`/users/${users.dana}/memberOf`, reader);

    expect(page.value).toEqual([
      asRole({ id: roles.userAdministrator.id, deletedDateTime: null, description: null, displayName: null, roleTemplateId: null }),
    ]);
  });

  it('gives it groups with null properties and empty collections, as in Microsoft’s example', async () => {
    const reader = graphClientFor(tenant.sim, directoryReaderApp);

    const page = await get(`/users/${users.john}/memberOf`, reader);
    const limited = Object.fromEntries(Object.entries(partnerManagers).map(([name, value]) => [name, Array.isArray(value) ? [] : null]));

    expect(page.value).toEqual([asGroup({ ...limited, id: groups.partnerManagers })]);
  });

  it('keeps the id even when $select leaves it out, and nulls what was selected', async () => {
    const reader = graphClientFor(tenant.sim, directoryReaderApp);

    const page = await get(`/users/${users.john}/transitiveMemberOf?$select=displayName`, reader);

    expect(page.value).toEqual([
      asGroup({ id: groups.partnerManagers, displayName: null }),
      asGroup({ id: groups.sales, displayName: null }),
    ]);
  });

  it('refuses an app whose permissions are not in the API’s table (User.ReadWrite.All only)', async () => {
    const answer = await send(tenant.sim, 'GET', `/v1.0/users/${users.john}/memberOf`, { token: await accessToken(tenant.sim, guestAdministrationApp) });

    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
  });
});

describe('directoryRoles', () => {
  it('lists the activated roles with their tenant object ids and Microsoft’s template ids', async () => {
    const page = await get('/directoryRoles');

    expect(page).toEqual({
      '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryRoles`,
      value: [roles.globalAdministrator, roles.userAdministrator, roles.guestInviter, roles.directoryWriters],
    });
  });

  it('filters by roleTemplateId and selects', async () => {
    const page = await tenant.graph.api('/directoryRoles').filter(`roleTemplateId eq '${templates.guestInviter}'`).select('id,displayName').get() as Page;

    expect(page).toEqual({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryRoles(id,displayName)`, value: [{ id: roles.guestInviter.id, displayName: 'Guest Inviter' }] });
  });

  it('reads one role by object id or by roleTemplateId=…', async () => {
    const byId = await get(`/directoryRoles/${roles.userAdministrator.id}`);
    const byTemplate = await get(`/directoryRoles/roleTemplateId=${templates.userAdministrator}`);

    expect(byId).toEqual({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryRoles/$entity`, ...roles.userAdministrator });
    expect(byTemplate).toEqual(byId);
  });

  it('lists a role’s members: users with Graph’s default user properties and role-assignable groups', async () => {
    const page = await get(`/directoryRoles/roleTemplateId=${templates.guestInviter}/members`);

    expect(page['@odata.context']).toBe(`${tenant.sim.url}/v1.0/$metadata#directoryObjects`);
    expect(page.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.user',
        businessPhones: [],
        displayName: 'Monica Reyes',
        givenName: 'Monica',
        jobTitle: 'Special Agent',
        mail: 'monica@contoso.com',
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: 'es-ES',
        surname: 'Reyes',
        userPrincipalName: 'monica@contoso.com',
        id: users.monica,
      },
      expect.objectContaining({ '@odata.type': '#microsoft.graph.group', id: groups.invitationDesk, isAssignableToRole: true, displayName: 'Invitation Desk' }),
    ]);
    expect(validateGraph('microsoft.graph.user', page.value[0])).toEqual([]);
  });

  it('pages members with $top', async () => {
    const first = await get(`/directoryRoles/${roles.guestInviter.id}/members?$top=1&$select=id`);
    const second = await get(first['@odata.nextLink'] ?? 'missing');

    expect(first.value).toEqual([{ '@odata.type': '#microsoft.graph.user', id: users.monica }]);
    expect(second).toEqual({ '@odata.context': `${tenant.sim.url}/v1.0/$metadata#directoryObjects(id)`, value: [asGroup({ id: groups.invitationDesk })] });
  });

  it('answers 404 for an unknown role and 403 to an app without RoleManagement.Read.Directory or Directory.Read.All', async () => {
    const unknown = await graphErrorOf(tenant.graph.api('/directoryRoles/roleTemplateId=00000000-0000-4000-8000-000000000000/members').get());
    const readerToken = await accessToken(tenant.sim, directoryReaderApp);
    const refused = await Promise.all(
      ['/v1.0/directoryRoles', `/v1.0/directoryRoles/${roles.guestInviter.id}`, `/v1.0/directoryRoles/${roles.guestInviter.id}/members`].map((path) =>
        send(tenant.sim, 'GET', path, { token: readerToken }),
      ),
    );

    expect(unknown).toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
    expect(refused.map((answer) => answer.status)).toEqual([403, 403, 403]);
    expect(refused[0]?.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});

describe('the memberships control route', () => {
  it('replaces a user’s direct roles and groups, which Graph shows at once', async () => {
    const answer = await setMemberships(users.fox, { roles: [templates.userAdministrator], groups: [groups.sales] });

    expect(answer).toEqual({ userId: users.fox, roles: [templates.userAdministrator], groups: [groups.sales] });
    expect(await control(tenant.sim, 'GET', `/users/fox@contoso.com/memberships`)).toEqual(answer);
    expect((await get(`/users/${users.fox}/transitiveMemberOf?$select=displayName`)).value).toEqual([
      asGroup({ displayName: 'Sales' }),
      asRole({ displayName: 'User Administrator' }),
    ]);
    expect((await get(`/directoryRoles/${roles.userAdministrator.id}/members?$select=id`)).value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: users.dana },
      { '@odata.type': '#microsoft.graph.user', id: users.fox },
    ]);
  });

  it('takes memberships away: an empty body leaves the user in nothing', async () => {
    await setMemberships(users.john, { roles: [], groups: [] });

    expect((await get(`/users/${users.john}/transitiveMemberOf`)).value).toEqual([]);
    expect((await get(`/users/${users.alex}/transitiveMemberOf?$select=displayName`)).value).toEqual([asGroup({ displayName: 'Sales' })]);
  });

  it('refuses unknown role template ids and group ids, naming them, and changes nothing', async () => {
    const answer = await send(tenant.sim, 'PUT', `/_sim/users/${users.fox}/memberships`, {
      body: { roles: [templates.guestInviter, '11111111-0000-4000-8000-000000000000'], groups: ['22222222-0000-4000-8000-000000000000'] },
    });
    const unknownUser = await send(tenant.sim, 'PUT', '/_sim/users/nobody@contoso.com/memberships', { body: { roles: [], groups: [] } });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error:
        "Unknown ids: no activated directory role has the template id '11111111-0000-4000-8000-000000000000'; no group has the id '22222222-0000-4000-8000-000000000000'.",
    });
    expect(await control(tenant.sim, 'GET', `/users/${users.fox}/memberships`)).toEqual({ userId: users.fox, roles: [], groups: [] });
    expect(unknownUser.status).toBe(404);
  });

  it('is undone by reset, which restores the seeded roles and groups', async () => {
    await setMemberships(users.dana, { roles: [], groups: [groups.sales] });
    await control(tenant.sim, 'POST', '/reset');

    expect(await control(tenant.sim, 'GET', `/users/${users.dana}/memberships`)).toEqual({ userId: users.dana, roles: [templates.userAdministrator], groups: [] });
    expect(await control(tenant.sim, 'GET', `/users/${users.john}/memberships`)).toEqual({ userId: users.john, roles: [], groups: [groups.partnerManagers] });
  });

  it('forgets a deleted user’s memberships', async () => {
    await control(tenant.sim, 'DELETE', `/users/${users.monica}`);

    expect((await get(`/directoryRoles/${roles.guestInviter.id}/members?$select=id`)).value).toEqual([asGroup({ id: groups.invitationDesk })]);
  });
});

describe('creating users through the control API', () => {
  it('creates a member Graph reads at once, who can then be given a role', async () => {
    const created = await control<Json>(tenant.sim, 'POST', '/users', {
      id: '5e0c1f4a-8b7d-4c2e-9f1a-3b4c5d6e7f80',
      displayName: 'Kim Hale',
      mail: 'kim@contoso.com',
      userType: 'Member',
    });
    await setMemberships('kim@contoso.com', { roles: [templates.guestInviter], groups: [] });

    expect(created).toMatchObject({
      id: '5e0c1f4a-8b7d-4c2e-9f1a-3b4c5d6e7f80',
      displayName: 'Kim Hale',
      mail: 'kim@contoso.com',
      userPrincipalName: 'kim@contoso.com',
      userType: 'Member',
      creationType: null,
      externalUserState: null,
    });
    expect(await get('/users/kim@contoso.com?$select=id,userType')).toMatchObject({ id: '5e0c1f4a-8b7d-4c2e-9f1a-3b4c5d6e7f80', userType: 'Member' });
    expect((await get('/users/kim@contoso.com/memberOf?$select=displayName')).value).toEqual([asRole({ displayName: 'Guest Inviter' })]);
  });

  it('creates a guest with a generated id and an #EXT# user principal name', async () => {
    const created = await control<Json>(tenant.sim, 'POST', '/users', { displayName: 'Pat Guest', mail: 'pat@litware.org', userType: 'Guest' });

    expect(created['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created).toMatchObject({ userType: 'Guest', userPrincipalName: 'pat_litware.org#EXT#@contoso.onmicrosoft.com', mail: 'pat@litware.org' });
    expect(await get(`/users/${String(created['id'])}?$select=userType`)).toMatchObject({ userType: 'Guest' });
  });

  it('refuses a taken id or address (409) and a member outside the verified domains (400)', async () => {
    const takenId = await send(tenant.sim, 'POST', '/_sim/users', { body: { id: users.fox, displayName: 'X', mail: 'x@contoso.com', userType: 'Member' } });
    const takenAddress = await send(tenant.sim, 'POST', '/_sim/users', { body: { displayName: 'X', mail: 'ann@fabrikam.com', userType: 'Guest' } });
    const externalMember = await send(tenant.sim, 'POST', '/_sim/users', { body: { displayName: 'X', mail: 'x@litware.org', userType: 'Member' } });

    expect([takenId.status, takenAddress.status, externalMember.status]).toEqual([409, 409, 400]);
    expect(takenId.body).toEqual({ error: `The object id ${users.fox} is already taken.` });
  });
});

describe('the fixture', () => {
  it('seeds the roles and groups the issue asks for', () => {
    const fixture = loadFixture(DEFAULT_FIXTURE_PATH);

    expect(fixture.groups.map((group) => [group.displayName, group.members])).toEqual([
      ['Partner Managers', [users.john]],
      ['Sales', [groups.partnerManagers, users.alex]],
      ['Invitation Desk', []],
    ]);
    expect(fixture.directoryRoles.map((role) => [role.roleTemplateId, role.members])).toEqual([
      [templates.globalAdministrator, [users.walter]],
      [templates.userAdministrator, [users.dana]],
      [templates.guestInviter, [users.monica, groups.invitationDesk]],
      [templates.directoryWriters, []],
    ]);
    expect(fixture.applications.find((app) => app.displayName === 'Guest Invites')?.roles).toEqual(
      expect.arrayContaining(['RoleManagement.Read.Directory', 'GroupMember.Read.All']),
    );
    expect(fixture.applications.find((app) => app.displayName === 'Directory Reader')?.roles).toEqual(['User.Read.All']);
  });

  it('refuses unknown members and roles held by groups that are not role-assignable, naming the field', () => {
    const fixture = JSON.parse(readFileSync(DEFAULT_FIXTURE_PATH, 'utf8')) as { groups: { members: string[] }[]; directoryRoles: { members: string[] }[] };
    fixture.groups[0]?.members.push('9e9e9e9e-0000-4000-8000-000000000000');
    fixture.directoryRoles[0]?.members.push(groups.sales);
    const directory = mkdtempSync(join(tmpdir(), 'sim-fixture-'));
    try {
      const path = join(directory, 'tenant.json');
      writeFileSync(path, JSON.stringify(fixture));

      expect(() => loadFixture(path)).toThrow(
        "unknown member '9e9e9e9e-0000-4000-8000-000000000000': no user or group in the fixture has this id\n  → at groups[0].members[1]",
      );
      expect(() => loadFixture(path)).toThrow(
        "group 'Sales' is not role-assignable (isAssignableToRole), so it cannot hold the role 'Global Administrator'\n  → at directoryRoles[0].members[1]",
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
