import { X509Certificate, createHash } from 'node:crypto';
import { decodeProtectedHeader, errors, importX509, jwtVerify, type JWTPayload } from 'jose';
import type { Application } from '../fixture.js';
import { entraFailures, type EntraFailure } from './errors.js';

// Entra's checks on a signed client assertion (RFC 7523, private_key_jwt): the key must be one of the app's
// registered certificates (found by the x5t / x5t#S256 thumbprint in the header), the signature must verify,
// iss and sub must be the client id, aud the token endpoint, and the assertion must be within its lifetime.
// A federated credential's assertion is instead a token from a trusted issuer about a registered subject.

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Entra allows a few minutes of clock skew; the conservative reading is five. */
const CLOCK_SKEW_SECONDS = 300;

export type AssertionOutcome = { valid: true } | { valid: false; failure: EntraFailure };

export async function checkCertificateAssertion(assertion: string, app: Application, tokenEndpoint: string): Promise<AssertionOutcome> {
  const refuse = (failure: EntraFailure): AssertionOutcome => ({ valid: false, failure });
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return refuse(entraFailures.malformedAssertion());
  }
  const sha256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  const certificate = app.certificates.find((pem) => {
    const der = new X509Certificate(pem).raw;
    return (sha256 !== undefined && thumbprint(der, 'sha256') === sha256) || (sha1 !== undefined && thumbprint(der, 'sha1') === sha1);
  });
  if (!certificate) return refuse(entraFailures.certificateNotRegistered(app.clientId, hexOf(sha256 ?? sha1 ?? '')));
  const alg = header.alg === 'PS256' ? 'PS256' : 'RS256';
  let payload: JWTPayload;
  try {
    const key = await importX509(certificate, alg);
    ({ payload } = await jwtVerify(assertion, key, { algorithms: ['RS256', 'PS256'], clockTolerance: CLOCK_SKEW_SECONDS }));
  } catch (error) {
    if (error instanceof errors.JWTExpired || (error instanceof errors.JWTClaimValidationFailed && (error.claim === 'nbf' || error.claim === 'iat'))) {
      return refuse(entraFailures.assertionOutsideLifetime(new Date()));
    }
    return refuse(entraFailures.assertionSignatureInvalid(app.clientId));
  }
  if (payload.exp === undefined) return refuse(entraFailures.assertionOutsideLifetime(new Date()));
  if (payload.iss !== app.clientId || payload.sub !== app.clientId) return refuse(entraFailures.assertionClientMismatch());
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((audience) => audience !== undefined && sameEndpoint(audience, tokenEndpoint))) return refuse(entraFailures.assertionAudienceMismatch());
  return { valid: true };
}

/** A federated credential: the assertion is a token some trusted issuer gave `subject` for the exchange audience. */
export async function checkFederatedAssertion(
  assertion: string,
  app: Application,
  verify: (token: string) => Promise<JWTPayload | undefined>,
): Promise<AssertionOutcome> {
  const payload = await verify(assertion);
  if (!payload) return { valid: false, failure: entraFailures.assertionSignatureInvalid(app.clientId) };
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const matches = app.federatedCredentials.some(
    (credential) => credential.issuer === payload.iss && credential.subject === payload.sub && credential.audiences.some((audience) => audiences.includes(audience)),
  );
  return matches ? { valid: true } : { valid: false, failure: entraFailures.noMatchingFederatedCredential() };
}

function thumbprint(der: Buffer, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(der).digest('base64url');
}

function hexOf(base64url: string): string {
  return Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
}

/** The token endpoint as the client named it: the query string (MSAL's client-request-id) does not count. */
function sameEndpoint(audience: string, tokenEndpoint: string): boolean {
  return audience.replace(/\/+$/, '').toLowerCase() === tokenEndpoint.replace(/\/+$/, '').toLowerCase();
}
