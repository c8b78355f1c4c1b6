/**
 * TenantConfigurationGateway over Microsoft Graph v1.0: the reads that decide a guest's redemption path
 * (shared/domain/redemption-paths.md, "Which tenant configuration decides the path → Graph reads"), each
 * with the permission it needs. A read that is refused or fails leaves that part unknown and says which
 * permission to grant; the snapshot is cached for a while, and domain discovery for longer.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { TenantConfigurationGateway } from '../domain/ports/tenant-configuration.js';
import type {
  DomainFacts,
  FallbackIdentityProvider,
  InboundAccess,
  PrimaryIdentityProvider,
  SamlFederation,
  TenantSnapshot,
} from '../domain/redemption/tenant-snapshot.js';
import { CONSUMER_DOMAINS } from '../domain/redemption/tenant-snapshot.js';
import { ALLOW_INVITES_FROM } from '../domain/policy/who-may-invite.js';
import { toServiceError } from './errors.js';

interface GraphAccessTargets {
  accessType?: 'allowed' | 'blocked';
  targets?: { target?: string; targetType?: string }[];
}
interface GraphCrossTenantConfiguration {
  tenantId?: string;
  b2bCollaborationInbound?: { usersAndGroups?: GraphAccessTargets | null } | null;
  invitationRedemptionIdentityProviderConfiguration?: {
    primaryIdentityProviderPrecedenceOrder?: string[];
    fallbackIdentityProvider?: string;
  } | null;
}

const INCOMPLETE_SNAPSHOT_TTL_MS = 60_000;
const PRIMARY: readonly PrimaryIdentityProvider[] = ['azureActiveDirectory', 'externalFederation', 'socialIdentityProviders'];
const FALLBACK: readonly FallbackIdentityProvider[] = ['defaultConfiguredIdp', 'emailOneTimePasscode', 'microsoftAccount'];

export interface TenantConfigurationCaching {
  readonly snapshotTtlMs: number;
  readonly domainTtlMs: number;
}

export class GraphTenantConfiguration implements TenantConfigurationGateway {
  private cached?: { snapshot: Promise<TenantSnapshot>; at: number; ttlMs: number };
  private readonly domains = new Map<string, { facts: Promise<DomainFacts>; at: number }>();

  constructor(
    private readonly client: Client,
    private readonly caching: TenantConfigurationCaching,
    private readonly now: () => number = Date.now,
  ) {}

  snapshot(): Promise<TenantSnapshot> {
    if (!this.cached || this.now() - this.cached.at >= this.cached.ttlMs) {
      const cached = { snapshot: this.readSnapshot(), at: this.now(), ttlMs: this.caching.snapshotTtlMs };
      // A snapshot with unread parts (a permission just granted, an outage) is read again soon.
      void cached.snapshot.then((snapshot) => {
        if (snapshot.unreadable.length > 0) cached.ttlMs = Math.min(cached.ttlMs, INCOMPLETE_SNAPSHOT_TTL_MS);
      });
      this.cached = cached;
    }
    return this.cached.snapshot;
  }

  domainFacts(domain: string): Promise<DomainFacts> {
    const key = domain.toLowerCase();
    if (CONSUMER_DOMAINS.includes(key)) return Promise.resolve({ kind: 'no-tenant' });
    const known = this.domains.get(key);
    if (known && this.now() - known.at < this.caching.domainTtlMs) return known.facts;
    const facts = this.discover(key);
    this.domains.set(key, { facts, at: this.now() });
    // An unknown answer (an outage) is not kept: the next review asks again.
    void facts.then((result) => {
      if (result.kind === 'unknown' && this.domains.get(key)?.facts === facts) this.domains.delete(key);
    });
    return facts;
  }

  refresh(): void {
    this.cached = undefined;
    this.domains.clear();
  }

  private async readSnapshot(): Promise<TenantSnapshot> {
    const unreadable: { part: string; permission: string }[] = [];
    const read = async <T>(part: string, permission: string, request: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await request();
      } catch (error) {
        unreadable.push({ part, permission: isRefused(error) ? permission : `${permission} (the read failed: ${toServiceError(error, part).code})` });
        return undefined;
      }
    };
    const [email, providers, federations, crossTenantDefault, partners, authorization] = await Promise.all([
      read('email one-time passcode setting', 'Policy.Read.All', () =>
        this.client.api('/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email').get() as Promise<{ allowExternalIdToUseEmailOtp?: string }>),
      read('identity providers (Google)', 'IdentityProvider.Read.All', () =>
        this.client.api('/identity/identityProviders').get() as Promise<{ value: { '@odata.type'?: string; identityProviderType?: string }[] }>),
      read('SAML/WS-Fed federations', 'IdentityProvider.Read.All', () =>
        this.client.api('/directory/federationConfigurations/graph.samlOrWsFedExternalDomainFederation').expand('domains').get() as Promise<{
          value: { displayName?: string; issuerUri?: string; domains?: { id?: string }[] }[];
        }>),
      read('cross-tenant access default', 'Policy.Read.All', () => this.client.api('/policies/crossTenantAccessPolicy/default').get() as Promise<GraphCrossTenantConfiguration>),
      read('cross-tenant access partners', 'Policy.Read.All', () =>
        this.client.api('/policies/crossTenantAccessPolicy/partners').get() as Promise<{ value: GraphCrossTenantConfiguration[] }>),
      read('who may invite guests (authorization policy)', 'Policy.Read.All', () =>
        this.client.api('/policies/authorizationPolicy').get() as Promise<{ allowInvitesFrom?: string }>),
    ]);
    const allowInvitesFrom = ALLOW_INVITES_FROM.find((level) => level === authorization?.allowInvitesFrom);
    const order = crossTenantDefault?.invitationRedemptionIdentityProviderConfiguration;
    const inboundDefault = inboundOf(crossTenantDefault?.b2bCollaborationInbound?.usersAndGroups);
    return {
      ...(email ? { emailOtp: email.allowExternalIdToUseEmailOtp === 'disabled' ? 'disabled' : 'enabled' } : {}),
      ...(providers ? { googleFederation: providers.value.some((provider) => provider.identityProviderType === 'Google') } : {}),
      ...(federations ? { samlFederations: federations.value.map(toFederation) } : {}),
      ...(allowInvitesFrom ? { allowInvitesFrom } : {}),
      ...(order ? { redemptionOrder: redemptionOrderOf(order) } : {}),
      ...(crossTenantDefault && partners
        ? {
            inbound: {
              default: inboundDefault ?? 'allowed',
              partners: Object.fromEntries(
                partners.value.flatMap((partner) => (partner.tenantId ? [[partner.tenantId, inboundOf(partner.b2bCollaborationInbound?.usersAndGroups)]] : [])),
              ),
            },
          }
        : {}),
      unreadable,
      readAt: new Date(this.now()).toISOString(),
    };
  }

  private async discover(domain: string): Promise<DomainFacts> {
    try {
      const found = (await this.client.api(`/tenantRelationships/findTenantInformationByDomainName(domainName='${domain.replace(/'/g, "''")}')`).get()) as {
        tenantId?: string;
        displayName?: string;
      };
      return found.tenantId ? { kind: 'entra-tenant', tenantId: found.tenantId, displayName: found.displayName ?? domain } : { kind: 'no-tenant' };
    } catch (error) {
      // Graph does not document its answer for a domain of no tenant; a 404 is taken to mean exactly that.
      return statusOf(error) === 404 ? { kind: 'no-tenant' } : { kind: 'unknown' };
    }
  }
}

function toFederation(federation: { displayName?: string; issuerUri?: string; domains?: { id?: string }[] }): SamlFederation {
  return {
    displayName: federation.displayName ?? federation.issuerUri ?? 'federated identity provider',
    issuerUri: federation.issuerUri ?? '',
    domains: (federation.domains ?? []).flatMap((domain) => (domain.id ? [domain.id.toLowerCase()] : [])),
  };
}

function redemptionOrderOf(order: NonNullable<GraphCrossTenantConfiguration['invitationRedemptionIdentityProviderConfiguration']>): TenantSnapshot['redemptionOrder'] {
  const primary = (order.primaryIdentityProviderPrecedenceOrder ?? []).filter((provider): provider is PrimaryIdentityProvider =>
    (PRIMARY as readonly string[]).includes(provider),
  );
  const fallback = (FALLBACK as readonly string[]).includes(order.fallbackIdentityProvider ?? '') ? (order.fallbackIdentityProvider as FallbackIdentityProvider) : 'defaultConfiguredIdp';
  return { primary: primary.length > 0 ? primary : PRIMARY, fallback };
}

/** null (inherit) → undefined; all users allowed/blocked; anything narrower → 'some'. */
function inboundOf(usersAndGroups: GraphAccessTargets | null | undefined): InboundAccess | undefined {
  if (!usersAndGroups?.accessType) return undefined;
  const everyone = (usersAndGroups.targets ?? []).some((target) => target.target === 'AllUsers');
  if (everyone) return usersAndGroups.accessType;
  // Allowed for listed users only, or blocked for listed users only: some guests pass, some do not.
  return 'some';
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { statusCode?: number }).statusCode : undefined;
}

function isRefused(error: unknown): boolean {
  const status = statusOf(error);
  return status === 401 || status === 403;
}
