import { headerValue, type SimRequest } from '../http/request.js';
import type { SimulatorContext } from '../simulator-state.js';
import type { AppTokenClaims, TokenRejection } from '../tokens.js';
import { insufficientPrivileges, invalidAuthenticationToken } from './errors.js';

// Graph's messages for each way a bearer token can be unacceptable.
const rejectionMessages: Record<TokenRejection, string> = {
  malformed: 'CompactToken parsing failed with error code: 80049217',
  signature: 'Access token validation failure.',
  lifetime: 'Access token has expired or is not yet valid.',
  audience: 'Access token validation failure. Invalid audience.',
  issuer: 'Access token validation failure.',
  tenant: 'Access token validation failure.',
};

/** The app behind the request's bearer token, which must come from this simulator for this tenant. */
export async function authenticate(context: SimulatorContext, request: SimRequest): Promise<AppTokenClaims> {
  const token = /^Bearer\s+(\S+)$/i.exec(headerValue(request, 'authorization') ?? '')?.[1];
  if (token === undefined) throw invalidAuthenticationToken('Access token is empty.');
  const verification = await context.tokens.verifyAppToken(token, context.state.tenant.tenantId);
  if (!verification.valid) throw invalidAuthenticationToken(rejectionMessages[verification.reason]);
  // Revoked through the control API: refused as Graph refuses a token that expired early.
  const revokedBefore = context.state.tokensRevokedBefore;
  if (revokedBefore !== undefined && verification.claims.issuedAt < Math.floor(revokedBefore / 1000)) throw invalidAuthenticationToken(rejectionMessages.lifetime);
  return verification.claims;
}

/** Application permissions are all-or-nothing per operation: any one of the accepted roles will do. */
export function requireAnyRole(claims: AppTokenClaims, acceptedRoles: readonly string[]): void {
  if (!acceptedRoles.some((role) => claims.roles.includes(role))) throw insufficientPrivileges();
}
