import { z } from 'zod';
import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import type { TenantState } from '../tenant-state.js';
import { badRequest, resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { describeIssue, readJsonBody } from './json-body.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';
import { defaultUserProperties, projectUser, userSelection } from './user-projection.js';

// A guest's sponsors (b2b-sponsors; user-list-sponsors, user-post-sponsors, user-delete-sponsors): the users
// who answer for them. POST /invitations sets them from invitedUserSponsors; these read and change them.

/** Entra takes at most five sponsors per user; the error for a sixth is undocumented (README choice). */
const MAX_SPONSORS = 5;

/** GET /users/{id}/sponsors: a directoryObject collection of the sponsoring users. */
export function listSponsors({ request, params, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const { tenant } = context.state;
  const user = requireUser(tenant, params['id'] ?? '');
  const selection = userSelection(defaultUserProperties);
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'directoryObjects'),
    value: tenant.sponsorsOf(user.id).flatMap((id) => {
      const sponsor = tenant.findUser(id);
      return sponsor === undefined ? [] : [{ '@odata.type': '#microsoft.graph.user', ...projectUser(sponsor, selection) }];
    }),
  });
}

const referenceBody = z.strictObject({ '@odata.id': z.string() });

/** POST /users/{id}/sponsors/$ref `{ "@odata.id": ".../users/{sponsor id}" }`: 204. */
export function addSponsor({ request, params, context }: GraphCall): SimResponse {
  const { tenant } = context.state;
  const user = requireUser(tenant, params['id'] ?? '');
  // readJsonBody drops instance annotations, and @odata.id is one; read it from the raw body instead.
  readJsonBody(request);
  const parsed = referenceBody.safeParse(JSON.parse(request.rawBody));
  if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.directoryObject'));
  const sponsorId = /\/(?:users|directoryObjects)\(?'?\/?([0-9a-f-]{36})'?\)?$/i.exec(parsed.data['@odata.id'])?.[1];
  if (sponsorId === undefined) throw badRequest(`Invalid object identifier '${parsed.data['@odata.id']}'.`);
  const sponsor = tenant.findUser(sponsorId);
  if (sponsor === undefined) throw resourceNotFound(sponsorId);
  const current = tenant.sponsorsOf(user.id);
  if (current.includes(sponsor.id)) {
    throw badRequest("One or more added object references already exist for the following modified properties: 'sponsors'.");
  }
  if (current.length >= MAX_SPONSORS) throw badRequest(`A user can have at most ${MAX_SPONSORS} sponsors.`);
  tenant.setSponsors(user.id, [...current, sponsor.id]);
  return noContent;
}

/** DELETE /users/{id}/sponsors/{sponsor id}/$ref: 204; 404 when that user is not a sponsor. */
export function removeSponsor({ params, context }: GraphCall): SimResponse {
  const { tenant } = context.state;
  const user = requireUser(tenant, params['id'] ?? '');
  const sponsorId = (params['sponsorId'] ?? '').toLowerCase();
  const current = tenant.sponsorsOf(user.id);
  if (!current.includes(sponsorId)) throw resourceNotFound(sponsorId);
  tenant.setSponsors(
    user.id,
    current.filter((id) => id !== sponsorId),
  );
  return noContent;
}

function requireUser(tenant: TenantState, idOrUserPrincipalName: string) {
  const user = tenant.findUser(idOrUserPrincipalName);
  if (user === undefined) throw resourceNotFound(idOrUserPrincipalName);
  return user;
}
