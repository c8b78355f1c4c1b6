import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { domainOf } from '../email-address.js';
import type { DirectoryUser } from '../fixture.js';
import type { SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { SimulatorState } from '../simulator-state.js';
import { directoryUser, type TenantState } from '../tenant-state.js';
import { graphDateTime } from '../time.js';
import { ControlError, parseBody } from './control-handler.js';

// Control routes for who is who in the directory: creating users (the people who ask the bot to invite),
// and replacing a user's direct directory-role and group memberships. Reset restores the fixture's.

const newUserBodySchema = z.strictObject({
  id: z.guid().optional(),
  displayName: z.string().min(1),
  mail: z.email(),
  userType: z.enum(['Member', 'Guest']),
});

/**
 * POST /_sim/users: a member's user principal name is its mail, which must be at a verified domain; a
 * guest's is `<mail with @→_>#EXT#@<initial domain>`. A guest made here was created directly, not by an
 * invitation (creationType and externalUserState null), like a guest an administrator adds with POST /users.
 */
export function createUser(state: SimulatorState, request: SimRequest): SimResponse {
  const body = parseBody(request, newUserBodySchema);
  const { tenant } = state;
  const id = (body.id ?? randomUUID()).toLowerCase();
  if (tenant.isObjectIdTaken(id)) throw new ControlError(409, `The object id ${id} is already taken.`);
  if (body.userType === 'Member' && !tenant.isVerifiedDomain(domainOf(body.mail))) {
    throw new ControlError(400, `A member's mail is also its user principal name, so it must be at a verified domain of the tenant, not '${domainOf(body.mail)}'.`);
  }
  const holder = tenant.findUserByAddress(body.mail);
  if (holder !== undefined) throw new ControlError(409, `The address ${body.mail} is already held by user ${holder.id}.`);
  const userPrincipalName = body.userType === 'Member' ? body.mail : `${body.mail.replace('@', '_')}#EXT#@${tenant.initialDomain}`;
  if (tenant.findUser(userPrincipalName) !== undefined) throw new ControlError(409, `The user principal name ${userPrincipalName} is already taken.`);

  const user = directoryUser({
    id,
    displayName: body.displayName,
    mail: body.mail,
    userPrincipalName,
    otherMails: [],
    userType: body.userType,
    creationType: null,
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    identities: [{ signInType: 'userPrincipalName', issuer: tenant.initialDomain, issuerAssignedId: userPrincipalName }],
    createdDateTime: graphDateTime(),
  });
  tenant.addUser(user);
  return jsonResponse(201, user);
}

const membershipsBodySchema = z.strictObject({
  /** Role template ids of activated directory roles. */
  roles: z.array(z.string()),
  groups: z.array(z.string()),
});

/** A user's direct memberships as the control API shows them. */
interface DirectMemberships {
  userId: string;
  roles: string[];
  groups: string[];
}

/** GET /_sim/users/{id}/memberships: the user's direct role (template ids) and group memberships. */
export function readMemberships(state: SimulatorState, _request: SimRequest, params: Record<string, string>): SimResponse {
  const user = requireUser(state.tenant, params['id'] ?? '');
  return jsonResponse(200, directMembershipsOf(state.tenant, user.id));
}

/**
 * PUT /_sim/users/{id}/memberships `{ roles, groups }`: afterwards the user holds exactly these roles and
 * belongs directly to exactly these groups. Unknown ids change nothing and are named in the 400.
 */
export function replaceMemberships(state: SimulatorState, request: SimRequest, params: Record<string, string>): SimResponse {
  const body = parseBody(request, membershipsBodySchema);
  const { tenant } = state;
  const user = requireUser(tenant, params['id'] ?? '');
  const roles = body.roles.map((templateId) => ({ templateId, role: tenant.findDirectoryRoleByTemplate(templateId) }));
  const groups = body.groups.map((groupId) => ({ groupId, group: tenant.findGroup(groupId) }));
  const problems = [
    ...roles.filter(({ role }) => role === undefined).map(({ templateId }) => `no activated directory role has the template id '${templateId}'`),
    ...groups.filter(({ group }) => group === undefined).map(({ groupId }) => `no group has the id '${groupId}'`),
  ];
  if (problems.length > 0) throw new ControlError(400, `Unknown ids: ${problems.join('; ')}.`);
  tenant.setDirectMemberships(
    user.id,
    unique(roles.flatMap(({ role }) => (role === undefined ? [] : [role]))),
    unique(groups.flatMap(({ group }) => (group === undefined ? [] : [group]))),
  );
  return jsonResponse(200, directMembershipsOf(tenant, user.id));
}

function requireUser(tenant: TenantState, idOrUserPrincipalName: string): DirectoryUser {
  const user = tenant.findUser(idOrUserPrincipalName);
  if (user === undefined) throw new ControlError(404, `No user with id or user principal name ${idOrUserPrincipalName}.`);
  return user;
}

function directMembershipsOf(tenant: TenantState, userId: string): DirectMemberships {
  const { roles, groups } = tenant.directMembershipsOf(userId);
  return { userId, roles: roles.map((role) => role.roleTemplateId), groups: groups.map((group) => group.id) };
}

function unique<Item>(items: readonly Item[]): Item[] {
  return [...new Set(items)];
}

const accountBodySchema = z.strictObject({ accountEnabled: z.boolean() });

/** PATCH /_sim/users/{id} `{ "accountEnabled": false }`: the user is blocked from signing in (someone leaving), or unblocked. */
export function changeAccount(state: SimulatorState, request: SimRequest, params: Record<string, string>): void {
  const body = parseBody(request, accountBodySchema);
  const id = params['id'] ?? '';
  const user = state.tenant.findUser(id);
  if (user === undefined) throw new ControlError(404, `No user with id ${id}.`);
  state.tenant.setAccountEnabled(user, body.accountEnabled);
}
