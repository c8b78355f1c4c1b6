import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import { resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';
import { matchesFilter, parseUserFilter } from './odata-filter.js';
import { paginate } from './paging.js';
import { parseUserSelection, projectUser } from './user-projection.js';

/** GET /users/{id | userPrincipalName}. Reads, unlike the directory itself, miss users still replicating. */
export function getUser({ request, params, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$select']);
  const selection = parseUserSelection(request);
  const idOrUserPrincipalName = params['id'] ?? '';
  const user = context.state.tenant.findUser(idOrUserPrincipalName);
  if (user === undefined || !context.state.replication.isReadable(user.id)) throw resourceNotFound(idOrUserPrincipalName);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, `${selection.contextFragment}/$entity`),
    ...projectUser(user, selection),
  });
}

/** GET /users with $filter, $select, $top and the $skiptoken of a nextLink. */
export function listUsers({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$filter', '$select', '$top', '$skiptoken']);
  const selection = parseUserSelection(request);
  const filterText = request.query.get('$filter');
  const filter = filterText === null ? undefined : parseUserFilter(filterText);
  const { tenant, replication } = context.state;
  const matching = tenant
    .listUsers()
    .filter((user) => replication.isReadable(user.id) && (filter === undefined || matchesFilter(user, filter)));
  const page = paginate(request, matching);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, selection.contextFragment),
    ...(page.nextLink === undefined ? {} : { '@odata.nextLink': page.nextLink }),
    value: page.items.map((user) => projectUser(user, selection)),
  });
}

/**
 * DELETE /users/{id | userPrincipalName}: a soft deletion (restorable for 30 days, delta reports
 * `@removed: changed`); `204`, or `404 Request_ResourceNotFound` for a user that is not (or no longer) there.
 */
export function deleteUser({ params, context }: GraphCall): SimResponse {
  const idOrUserPrincipalName = params['id'] ?? '';
  const user = context.state.tenant.findUser(idOrUserPrincipalName);
  if (user === undefined || !context.state.replication.isReadable(user.id)) throw resourceNotFound(idOrUserPrincipalName);
  context.state.tenant.deleteUser(user.id, false);
  return noContent;
}
