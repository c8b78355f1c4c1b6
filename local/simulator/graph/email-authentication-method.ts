import { jsonResponse, type SimResponse } from '../http/response.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';

/**
 * GET /policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email: the email OTP
 * policy. `allowExternalIdToUseEmailOtp` is what decides whether guests may redeem with a passcode;
 * `state` and the targets concern members' self-service password reset.
 */
export function getEmailAuthenticationMethod({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const method = context.state.tenant.configuration.emailAuthenticationMethod;
  return jsonResponse(200, {
    // The context Graph's own example shows for this singleton.
    '@odata.context': metadataUrl(request, 'authenticationMethodConfigurations/$entity'),
    '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
    id: 'Email',
    state: method.state,
    allowExternalIdToUseEmailOtp: method.allowExternalIdToUseEmailOtp,
    excludeTargets: [],
    includeTargets: [],
  });
}
