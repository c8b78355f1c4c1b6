import { randomUUID } from 'node:crypto';
import { SignJWT, errors, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { Application } from './fixture.js';

// Real RS256 access tokens shaped like the v1.0 tokens Entra issues to apps for Microsoft Graph
// (client-credentials grant), and their verification for the fake Graph.

export const graphResource = 'https://graph.microsoft.com';
/** Microsoft Graph's well-known application id, which Entra also accepts as the resource. */
export const graphApplicationId = '00000003-0000-0000-c000-000000000000';
export const accessTokenLifetimeSeconds = 3599;

export interface AppTokenClaims {
  tid: string;
  appid: string;
  oid: string;
  roles: string[];
  /** When the token was issued, in seconds since the epoch (`iat`). */
  issuedAt: number;
}

/** Why a token was refused; 'lifetime' covers both expired and not-yet-valid, as Graph's message does. */
export type TokenRejection = 'malformed' | 'signature' | 'lifetime' | 'audience' | 'issuer' | 'tenant';

export type TokenVerification = { valid: true; claims: AppTokenClaims } | { valid: false; reason: TokenRejection };

function entraV1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export class TokenService {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  /** A fresh signing key per simulator run: tokens from an earlier run are rejected, as after a key rollover. */
  static async create(): Promise<TokenService> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const keyId = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid: keyId, use: 'sig', alg: 'RS256' };
    return new TokenService(privateKey, publicKey, publicJwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async issueAppToken(tenantId: string, app: Application): Promise<string> {
    const issuedAt = Math.floor(Date.now() / 1000);
    return new SignJWT({
      tid: tenantId,
      appid: app.clientId,
      app_displayname: app.displayName,
      appidacr: '1', // 1 = the client authenticated with a secret
      idp: entraV1Issuer(tenantId),
      idtyp: 'app',
      oid: app.servicePrincipalId,
      roles: app.roles,
      uti: randomUUID(),
      ver: '1.0',
    })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.publicJwk.kid })
      .setAudience(graphResource)
      .setIssuer(entraV1Issuer(tenantId))
      .setSubject(app.servicePrincipalId)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + accessTokenLifetimeSeconds)
      .sign(this.privateKey);
  }

  /** A managed identity's token (v2.0, issuer `issuer`), as the Azure host's identity endpoint hands out. */
  async issueManagedIdentityToken(options: { issuer: string; tenantId: string; clientId: string; principalId: string; audience: string }): Promise<string> {
    const issuedAt = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: options.tenantId, azp: options.clientId, oid: options.principalId, idtyp: 'app', uti: randomUUID(), ver: '2.0' })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.publicJwk.kid })
      .setAudience(options.audience)
      .setIssuer(options.issuer)
      .setSubject(options.principalId)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + accessTokenLifetimeSeconds)
      .sign(this.privateKey);
  }

  /** The claims of a token this simulator signed and that is still valid; undefined otherwise. */
  async verifyOwnToken(token: string): Promise<JWTPayload | undefined> {
    try {
      return (await jwtVerify(token, this.publicKey, { algorithms: ['RS256'] })).payload;
    } catch {
      return undefined;
    }
  }

  async verifyAppToken(token: string, tenantId: string): Promise<TokenVerification> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['RS256'],
        audience: [graphResource, graphApplicationId],
        issuer: entraV1Issuer(tenantId),
      });
      if (payload['tid'] !== tenantId) return { valid: false, reason: 'tenant' };
      const claims: AppTokenClaims = {
        tid: tenantId,
        appid: String(payload['appid']),
        oid: String(payload['oid']),
        roles: Array.isArray(payload['roles']) ? payload['roles'].map(String) : [],
        issuedAt: Number(payload['iat'] ?? 0),
      };
      return { valid: true, claims };
    } catch (error) {
      return { valid: false, reason: rejectionReason(error) };
    }
  }
}

function rejectionReason(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return 'lifetime';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'nbf') return 'lifetime';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  return 'malformed';
}
