import type { DirectoryRole } from '../fixture.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { TenantState } from '../tenant-state.js';
import {
  directoryRoleEntry,
  groupEntry,
  mayReadInFull,
  parseDirectoryObjectSelection,
  projectDirectoryObject,
  userEntry,
  type DirectoryEntry,
} from './directory-objects.js';
import { badRequest, resourceNotFound, unsupportedQuery } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { isAdvancedQuery, metadataUrl, refuseUnknownQueryOptions } from './odata.js';
import { paginate } from './paging.js';

// The activated directory roles (directoryrole-list, directoryrole-get, directoryrole-list-members).
// A role is addressed by its object id or by `roleTemplateId=<template id>`.

/** GET /directoryRoles: every activated role; `$select` and `$filter` with `eq` on id, roleTemplateId, displayName. */
export function listDirectoryRoles({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$select', '$filter']);
  const selection = parseDirectoryObjectSelection(request, ['directoryRole'], 'microsoft.graph.directoryRole', 'directoryRoles');
  const filterText = request.query.get('$filter');
  const matches = filterText === null ? () => true : parseRoleFilter(filterText);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, selection.contextFragment),
    value: context.state.tenant
      .listDirectoryRoles()
      .filter(matches)
      .map((role) => projectDirectoryObject(directoryRoleEntry(role), selection, { withType: false, inFull: true })),
  });
}

/** GET /directoryRoles/{id | roleTemplateId=…}. */
export function getDirectoryRole({ request, params, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$select']);
  const selection = parseDirectoryObjectSelection(request, ['directoryRole'], 'microsoft.graph.directoryRole', 'directoryRoles');
  const role = requireRole(context.state.tenant, params['id'] ?? '');
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, `${selection.contextFragment}/$entity`),
    ...projectDirectoryObject(directoryRoleEntry(role), selection, { withType: false, inFull: true }),
  });
}

/** GET /directoryRoles/{id | roleTemplateId=…}/members: users and role-assignable groups, paged. */
export function listDirectoryRoleMembers({ request, params, caller, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$select', '$top', '$skiptoken', '$count']);
  const advanced = isAdvancedQuery(request);
  const selection = parseDirectoryObjectSelection(request, ['user', 'group'], 'microsoft.graph.directoryObject', 'directoryObjects');
  const { tenant, replication } = context.state;
  const role = requireRole(tenant, params['id'] ?? '');
  const entries = role.members.flatMap((memberId): DirectoryEntry[] => {
    const user = tenant.findUser(memberId);
    if (user !== undefined) return replication.isReadable(user.id) ? [userEntry(user)] : [];
    const group = tenant.findGroup(memberId);
    return group === undefined ? [] : [groupEntry(group)];
  });
  const page = paginate(request, entries);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, selection.contextFragment),
    ...(advanced ? { '@odata.count': entries.length } : {}),
    ...(page.nextLink === undefined ? {} : { '@odata.nextLink': page.nextLink }),
    value: page.items.map((entry) => projectDirectoryObject(entry, selection, { withType: true, inFull: mayReadInFull(caller, entry.type) })),
  });
}

function requireRole(tenant: TenantState, key: string): DirectoryRole {
  const role = tenant.findDirectoryRole(key);
  if (role === undefined) throw resourceNotFound(key);
  return role;
}

const filterableRoleProperties = ['id', 'roleTemplateId', 'displayName'] as const;

/** `<property> eq '<value>'` on one of the filterable properties; values compare regardless of case. */
function parseRoleFilter(text: string): (role: DirectoryRole) => boolean {
  const clause = /^\s*([A-Za-z]+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(text);
  if (clause === null) throw badRequest(`Invalid filter clause: the simulator understands only <property> eq '<value>' on directoryRoles, not '${text}'.`);
  const property = filterableRoleProperties.find((name) => name.toLowerCase() === (clause[1] ?? '').toLowerCase());
  if (property === undefined) {
    throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${clause[1] ?? ''}' of resource 'DirectoryRole'.`);
  }
  const value = (clause[2] ?? '').replaceAll("''", "'").toLowerCase();
  return (role) => role[property].toLowerCase() === value;
}
