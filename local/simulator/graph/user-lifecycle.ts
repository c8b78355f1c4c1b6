import { z } from 'zod';
import { userPropertyNamed } from '../fixture.js';
import { jsonResponse, noContent, type SimResponse } from '../http/response.js';
import { badRequest, GraphRequestError, resourceNotFound } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { describeIssue, readJsonBody } from './json-body.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';
import { acceptedRoles } from './permissions.js';
import { getUser } from './users.js';
import { requireAnyRole } from './authentication.js';

// The calls that look after guests once invited (guest-lifecycle.md §5): blocking sign-in, sign-in activity
// (Entra ID P1 and AuditLog.Read.All), and Entra's guest lifecycle policies. Switches: PATCH /_sim/lifecycle.

const SIGN_IN_ACTIVITY = 'signinactivity';

/** The 403 Graph answers when the tenant lacks the licence for signInActivity (REPORTED, fact sheet §5). */
const nonPremiumTenant = (): GraphRequestError =>
  new GraphRequestError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', 'Neither tenant is B2C or tenant doesn\'t have premium license');

/** PATCH /users/{id}: the simulator models `accountEnabled` only; other properties are refused, never ignored. */
const patchBodySchema = z.strictObject({ accountEnabled: z.boolean() });

export function patchUser({ request, params, context }: GraphCall): SimResponse {
  const parsed = patchBodySchema.safeParse(readJsonBody(request));
  if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.user'));
  const idOrUserPrincipalName = params['id'] ?? '';
  const user = context.state.tenant.findUser(idOrUserPrincipalName);
  if (user === undefined || !context.state.replication.isReadable(user.id)) throw resourceNotFound(idOrUserPrincipalName);
  context.state.tenant.setAccountEnabled(user, parsed.data.accountEnabled);
  return noContent;
}

/**
 * GET /users/{id}: with signInActivity in $select, what that needs (AuditLog.Read.All besides the user read,
 * and the licence) is checked and the activity projected; any other request is the ordinary user read.
 */
export function getUserOrSignInActivity(call: GraphCall): SimResponse {
  const { request, params, caller, context } = call;
  const selected = (request.query.get('$select') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (!selected.some((name) => name.toLowerCase() === SIGN_IN_ACTIVITY)) return getUser(call);
  refuseUnknownQueryOptions(request, ['$select']);
  requireAnyRole(caller, acceptedRoles.readSignInActivity);
  if (!context.state.lifecycle.signInActivityLicensed) throw nonPremiumTenant();
  const idOrUserPrincipalName = params['id'] ?? '';
  const user = context.state.tenant.findUser(idOrUserPrincipalName);
  if (user === undefined || !context.state.replication.isReadable(user.id)) throw resourceNotFound(idOrUserPrincipalName);
  const lastSignIn = context.state.lifecycle.lastSignIns.get(user.id) ?? null;
  const projected: Record<string, unknown> = {};
  for (const name of selected) {
    if (name.toLowerCase() === SIGN_IN_ACTIVITY) {
      projected['signInActivity'] = { lastSignInDateTime: lastSignIn, lastSuccessfulSignInDateTime: lastSignIn, lastNonInteractiveSignInDateTime: null };
      continue;
    }
    const property = userPropertyNamed(name);
    if (property === undefined) throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    projected[property] = user[property];
  }
  return jsonResponse(200, { '@odata.context': metadataUrl(request, `users(${selected.join(',')})/$entity`), ...projected });
}

/** GET /identityGovernance/lifecycleWorkflows/lifecyclePolicies. */
export function listLifecyclePolicies({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const policies = context.state.lifecycle.lifecyclePolicies;
  // Microsoft does not document the answer of a tenant without the licence; the simulator answers 403 (README).
  if (policies === 'unavailable') throw new GraphRequestError(403, 'Authorization_RequestDenied', 'The tenant is not licensed for guest lifecycle policies.');
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'identityGovernance/lifecycleWorkflows/lifecyclePolicies'),
    value: policies.map((policy) => ({
      '@odata.type': '#microsoft.graph.identityGovernance.guestLifecyclePolicy',
      id: policy.id,
      displayName: policy.displayName,
      rules: policy.rules.map((rule) => ({ '@odata.type': `#microsoft.graph.identityGovernance.${rule}` })),
    })),
  });
}
