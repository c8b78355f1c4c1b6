import type { DirectoryChangeLog, RemovalReason } from '../directory-changes.js';
import { userPropertyNamed, type DirectoryUser } from '../fixture.js';
import type { SimRequest } from '../http/request.js';
import { jsonResponse, type SimResponse } from '../http/response.js';
import type { TenantState } from '../tenant-state.js';
import { decodeDeltaState, encodeDeltaState, syncStateNotFound, type DeltaState } from './delta-token.js';
import { badRequest } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, queryOption, refuseUnknownQueryOptions, selectedProperties } from './odata.js';
import { readPreferences } from './prefer-header.js';
import { projectUser, userSelection, type UserProperty, type UserSelection } from './user-projection.js';

// GET /users/delta (user: delta; delta-query-overview). The initial round lists every user, page by page,
// and ends with a deltaLink at the change-log position the round started from; a later round lists the
// users changed since that position, and removed ones as { id, @removed }. Users come in id order so that
// a round resumes after the last id it returned even while users come and go; a change made while a round
// is being paged is reported again by the next round (Graph, too, warns of replays).

/** Graph documents no page size for users/delta; 100, like GET /users, is the simulator's (README). */
const defaultDeltaPageSize = 100;

type DeltaEntry =
  | { kind: 'user'; user: DirectoryUser; changed: ReadonlySet<string> | 'all' }
  | { kind: 'removed'; id: string; reason: RemovalReason };

export function usersDelta({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, ['$select', '$deltatoken', '$skiptoken']);
  const { tenant } = context.state;
  const preferences = readPreferences(request);
  const headers: Record<string, string> = preferences.applied === undefined ? {} : { 'Preference-Applied': preferences.applied };
  const round = roundOf(request, tenant.changes);
  const selection = userSelection(round.s === null ? undefined : (round.s as UserProperty[]));
  const odataContext = metadataUrl(request, selection.contextFragment);
  const deltaLink = (): string => link(request, '$deltatoken', { ...round, from: round.upTo, after: null, t: Date.now() });

  // $deltatoken=latest: "sync from now", a deltaLink without enumerating anyone (delta-query-overview).
  if (isLatest(request)) return jsonResponse(200, { '@odata.context': odataContext, '@odata.deltaLink': deltaLink(), value: [] }, headers);

  const pageSize = preferences.maxPageSize ?? defaultDeltaPageSize;
  const remaining = (round.from === null ? everyUser(tenant) : changedSince(tenant, round))
    .filter((entry) => round.after === null || idOf(entry) > round.after)
    .sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
  const page = remaining.slice(0, pageSize);
  const last = page.at(-1);
  const continuation =
    remaining.length > pageSize && last !== undefined
      ? { '@odata.nextLink': link(request, '$skiptoken', { ...round, after: idOf(last) }) }
      : { '@odata.deltaLink': deltaLink() };
  return jsonResponse(
    200,
    {
      '@odata.context': odataContext,
      ...continuation,
      value: page.map((entry) => project(entry, selection, preferences.returnMinimal)),
    },
    headers,
  );
}

/** The round this request asks for: a new one, the continuation of a page, or the changes since a deltaLink. */
function roundOf(request: SimRequest, log: DirectoryChangeLog): DeltaState {
  const skipToken = queryOption(request, '$skiptoken');
  const deltaToken = queryOption(request, '$deltatoken');
  if (skipToken !== null && deltaToken !== null) throw badRequest('Specify either $skiptoken or $deltatoken, not both.');
  if ((skipToken === null && deltaToken === null) || isLatest(request)) {
    const selected = selectedProperties(request, 'microsoft.graph.user', userPropertyNamed) ?? null;
    return { e: log.epoch, t: Date.now(), s: selected, from: null, upTo: log.position, after: null };
  }
  // The first call's options live in the token (delta-query-overview); naming them again is refused (README).
  if (queryOption(request, '$select') !== null) {
    throw badRequest('Query options belong on the first delta request only; they are carried by its state tokens.');
  }
  if (skipToken !== null) return withKnownSelection(decodeDeltaState(skipToken, log.epoch, log.position));
  const previous = withKnownSelection(decodeDeltaState(deltaToken ?? '', log.epoch, log.position));
  return { ...previous, t: Date.now(), from: previous.upTo, upTo: log.position, after: null };
}

/** A token naming a property the simulator does not model was not issued by it: unknown, like any other. */
function withKnownSelection(state: DeltaState): DeltaState {
  if (state.s?.some((name) => userPropertyNamed(name) !== name)) throw syncStateNotFound();
  return state;
}

function isLatest(request: SimRequest): boolean {
  return queryOption(request, '$deltatoken')?.toLowerCase() === 'latest';
}

/** The initial round: everyone in the directory now (replication lag does not apply, README). */
function everyUser(tenant: TenantState): DeltaEntry[] {
  return tenant.listUsers().map((user) => ({ kind: 'user', user, changed: 'all' }));
}

/** Users changed in (from, upTo]; with $select, only a change to a selected property counts (user: delta). */
function changedSince(tenant: TenantState, round: DeltaState): DeltaEntry[] {
  const selected = round.s === null ? undefined : new Set(round.s);
  const summaries = [...tenant.changes.summarise(round.from ?? 0, round.upTo).values()];
  return summaries
    .filter(
      (summary) =>
        summary.created ||
        summary.removal !== undefined ||
        selected === undefined ||
        [...summary.properties].some((property) => selected.has(property)),
    )
    .map((summary): DeltaEntry => {
      const user = tenant.findUser(summary.userId);
      if (user !== undefined) return { kind: 'user', user, changed: summary.created ? 'all' : summary.properties };
      // Gone now, even if removed after this round's end: its current state is "removed".
      return { kind: 'removed', id: summary.userId, reason: tenant.changes.lastRemoval(summary.userId) ?? 'changed' };
    });
}

function idOf(entry: DeltaEntry): string {
  return entry.kind === 'user' ? entry.user.id : entry.id;
}

/** A user with its selected properties (only the changed ones with `return=minimal`), id always; or a removal. */
function project(entry: DeltaEntry, selection: UserSelection, minimal: boolean): Record<string, unknown> {
  if (entry.kind === 'removed') return { id: entry.id, '@removed': { reason: entry.reason } };
  const { changed } = entry;
  const properties = minimal && changed !== 'all' ? selection.properties.filter((property) => changed.has(property)) : selection.properties;
  return { ...projectUser(entry.user, { ...selection, properties }), id: entry.user.id };
}

/** An absolute link back to this simulator, carrying nothing but the opaque token, as Graph's do. */
function link(request: SimRequest, option: '$skiptoken' | '$deltatoken', state: DeltaState): string {
  return `${request.origin}/v1.0/users/delta?${option}=${encodeDeltaState(state)}`;
}
