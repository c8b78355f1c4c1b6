/** The tenant's redemption-relevant configuration and invitee-domain discovery. */
import type { DomainFacts, TenantSnapshot } from '../redemption/tenant-snapshot.js';

/**
 * The tenant's redemption-relevant configuration and invitee-domain discovery, read through Graph. The
 * adapter caches both; neither throws for a missing permission or an outage: what could not be read is
 * reported as such (snapshot.unreadable, DomainFacts 'unknown').
 */
export interface TenantConfigurationGateway {
  snapshot(): Promise<TenantSnapshot>;
  domainFacts(domain: string): Promise<DomainFacts>;
  /** Forgets what was cached (an administrator changed the configuration). */
  refresh(): void;
}
