import { jsonResponse, type SimResponse } from '../http/response.js';
import {
  directoryRoleEntry,
  groupEntry,
  mayReadInFull,
  parseDirectoryObjectSelection,
  projectDirectoryObject,
  type DirectoryEntry,
} from './directory-objects.js';
import { resourceNotFound, unsupportedQuery } from './errors.js';
import type { GraphCall, GraphHandler } from './graph-call.js';
import { isAdvancedQuery, metadataUrl, refuseUnknownQueryOptions } from './odata.js';
import { paginate } from './paging.js';

// GET /users/{id | userPrincipalName}/memberOf and /transitiveMemberOf (user-list-memberof,
// user-list-transitivememberof), optionally cast to /microsoft.graph.group or /microsoft.graph.directoryRole.
// Groups come first in the tenant's order, then roles. Administrative units are not modelled.

export type MembershipScope = 'direct' | 'transitive';
export type MembershipCast = 'group' | 'directoryRole';

const castCollections: Record<MembershipCast, { typeName: string; entitySet: string }> = {
  group: { typeName: 'microsoft.graph.group', entitySet: 'groups' },
  directoryRole: { typeName: 'microsoft.graph.directoryRole', entitySet: 'directoryRoles' },
};

export function listMemberships(scope: MembershipScope, cast?: MembershipCast): GraphHandler {
  return (call) => memberships(call, scope, cast);
}

function memberships({ request, params, caller, context }: GraphCall, scope: MembershipScope, cast: MembershipCast | undefined): SimResponse {
  refuseUnknownQueryOptions(request, ['$select', '$top', '$skiptoken', '$count']);
  const advanced = isAdvancedQuery(request);
  // An OData cast on these relationships is an advanced query (aad-advanced-queries; the pages' header tables).
  if (cast !== undefined && !advanced) {
    throw unsupportedQuery("Request with an OData cast on memberOf or transitiveMemberOf only works with the request header 'ConsistencyLevel: eventual' and $count=true.");
  }
  const collection = cast === undefined ? { typeName: 'microsoft.graph.directoryObject', entitySet: 'directoryObjects' } : castCollections[cast];
  const selection = parseDirectoryObjectSelection(request, cast === undefined ? ['group', 'directoryRole'] : [cast], collection.typeName, collection.entitySet);

  const { tenant, replication } = context.state;
  const idOrUserPrincipalName = params['id'] ?? '';
  const user = tenant.findUser(idOrUserPrincipalName);
  if (user === undefined || !replication.isReadable(user.id)) throw resourceNotFound(idOrUserPrincipalName);

  const found = scope === 'direct' ? tenant.directMembershipsOf(user.id) : tenant.transitiveMembershipsOf(user.id);
  const entries: DirectoryEntry[] = [...found.groups.map(groupEntry), ...found.roles.map(directoryRoleEntry)].filter(
    (entry) => cast === undefined || entry.type === cast,
  );
  const page = paginate(request, entries);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, selection.contextFragment),
    ...(advanced ? { '@odata.count': entries.length } : {}),
    ...(page.nextLink === undefined ? {} : { '@odata.nextLink': page.nextLink }),
    value: page.items.map((entry) =>
      projectDirectoryObject(entry, selection, { withType: cast === undefined, inFull: mayReadInFull(caller, entry.type) }),
    ),
  });
}
