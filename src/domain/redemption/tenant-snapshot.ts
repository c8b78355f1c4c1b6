/**
 * What decides a guest's redemption path on our side: the tenant's configuration as Graph reports it
 * (shared/domain/redemption-paths.md, "Which tenant configuration decides the path"), and what we know of
 * the invitee's domain. A part the bot may not read (a missing permission) is `undefined`, and predictions
 * say so instead of guessing.
 */

import type { AllowInvitesFrom } from '../policy/who-may-invite.js';

export type PrimaryIdentityProvider = 'azureActiveDirectory' | 'externalFederation' | 'socialIdentityProviders';

/**
 * After the primary providers: defaultConfiguredIdp = an existing Microsoft account, then the email
 * one-time passcode if it is on, else a new Microsoft account; emailOneTimePasscode = passcode only (MSA
 * fallback turned off); microsoftAccount = a Microsoft account only.
 */
export type FallbackIdentityProvider = 'defaultConfiguredIdp' | 'emailOneTimePasscode' | 'microsoftAccount';

/** Inbound B2B collaboration for users: everyone allowed, everyone blocked, or some users and groups only. */
export type InboundAccess = 'allowed' | 'blocked' | 'some';

export interface SamlFederation {
  readonly displayName: string;
  readonly issuerUri: string;
  readonly domains: readonly string[];
}

export interface TenantSnapshot {
  /** Passcode for guests: Graph's `default` counts as enabled (auto-enabled from October 2021). */
  readonly emailOtp?: 'enabled' | 'disabled';
  /** Google federation configured (identityProviders). */
  readonly googleFederation?: boolean;
  readonly samlFederations?: readonly SamlFederation[];
  readonly redemptionOrder?: { readonly primary: readonly PrimaryIdentityProvider[]; readonly fallback: FallbackIdentityProvider };
  /** Cross-tenant access: the default, and partners that override it (absent = inherit). */
  readonly inbound?: { readonly default: InboundAccess; readonly partners: Readonly<Record<string, InboundAccess | undefined>> };
  /** Who the tenant lets invite guests (authorizationPolicy); the bot holds each asker to it. */
  readonly allowInvitesFrom?: AllowInvitesFrom;
  /** Which parts could not be read, each with the permission the bot lacks. */
  readonly unreadable: readonly { readonly part: string; readonly permission: string }[];
  readonly readAt: string;
}

/** What discovery says of an invitee's domain (findTenantInformationByDomainName). */
export type DomainFacts =
  | { readonly kind: 'entra-tenant'; readonly tenantId: string; readonly displayName: string }
  | { readonly kind: 'no-tenant' }
  /** The lookup failed (permission, outage): the Entra branch stays open. */
  | { readonly kind: 'unknown' };

export const DEFAULT_REDEMPTION_ORDER = {
  primary: ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'],
  fallback: 'defaultConfiguredIdp',
} as const satisfies TenantSnapshot['redemptionOrder'];

/** Google federation covers Gmail only (Workspace domains need SAML/WS-Fed). */
export const GMAIL_DOMAINS: readonly string[] = ['gmail.com', 'googlemail.com'];

/**
 * Microsoft's consumer mail domains: every address there is a personal Microsoft account. Microsoft
 * publishes no list (redemption-paths.md); these are the long-standing ones (INFERENCE).
 */
export const MICROSOFT_CONSUMER_DOMAINS: readonly string[] = [
  'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'hotmail.co.uk', 'live.co.uk', 'outlook.co.uk', 'hotmail.fr', 'live.fr', 'outlook.fr', 'hotmail.de', 'live.de', 'outlook.de',
  'hotmail.it', 'live.it', 'outlook.it', 'hotmail.es', 'outlook.es', 'live.nl', 'hotmail.nl', 'live.com.au', 'outlook.com.au', 'hotmail.co.jp', 'outlook.jp', 'live.jp',
];

/** Well-known consumer mail domains that are no Entra tenant: discovery can be skipped for them. */
export const CONSUMER_DOMAINS: readonly string[] = [
  ...GMAIL_DOMAINS, ...MICROSOFT_CONSUMER_DOMAINS,
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com',
  'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 'mail.com', 'zoho.com', 'yandex.com', 'qq.com', '163.com',
];
