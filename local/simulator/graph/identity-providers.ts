import { jsonResponse, type SimResponse } from '../http/response.js';
import type { GraphCall } from './graph-call.js';
import { metadataUrl, refuseUnknownQueryOptions } from './odata.js';

// The built-in providers every workforce tenant lists (builtInIdentityProvider: AADSignup,
// MicrosoftAccount, EmailOTP). They are listed whatever the email OTP policy says: that policy, not
// this list, switches passcodes for guests on or off.
const builtInIdentityProviders = [
  { id: 'AADSignup-OAUTH', identityProviderType: 'AADSignup', displayName: 'Azure Active Directory Sign up' },
  { id: 'EmailOtpSignup-OAUTH', identityProviderType: 'EmailOTP', displayName: 'Email One Time Passcode' },
  { id: 'MSASignup-OAUTH', identityProviderType: 'MicrosoftAccount', displayName: 'Microsoft Account' },
] as const;

/** GET /identity/identityProviders: the configured social providers, secrets masked as Graph does, then the built-in ones. */
export function listIdentityProviders({ request, context }: GraphCall): SimResponse {
  refuseUnknownQueryOptions(request, []);
  const social = context.state.tenant.configuration.socialIdentityProviders.map((provider) => ({
    '@odata.type': '#microsoft.graph.socialIdentityProvider',
    id: `${provider.identityProviderType}-OAUTH`,
    displayName: provider.displayName ?? provider.identityProviderType,
    identityProviderType: provider.identityProviderType,
    clientId: provider.clientId,
    clientSecret: '******',
  }));
  const builtIn = builtInIdentityProviders.map((provider) => ({ '@odata.type': '#microsoft.graph.builtInIdentityProvider', ...provider }));
  return jsonResponse(200, {
    '@odata.context': metadataUrl(request, 'identity/identityProviders'),
    value: [...social, ...builtIn],
  });
}
