/**
 * Adds each ready address's predicted redemption path to a review, from one snapshot of the tenant's
 * configuration and one discovery per distinct domain. An address whose organisation the tenant's
 * cross-tenant access blocks is flagged: its invitation could never be accepted.
 */
import type { ReviewEntry } from '../invitations/batch.js';
import type { TenantConfigurationGateway } from '../ports/tenant-configuration.js';
import { predictRedemption } from '../redemption/predict-path.js';
import type { DomainFacts } from '../redemption/tenant-snapshot.js';
import { mapWithConcurrency } from './review-invitees.js';

/** Discovery requests in flight at once. */
const DISCOVERY_CONCURRENCY = 8;

export async function withPredictions(tenant: TenantConfigurationGateway, entries: readonly ReviewEntry[]): Promise<ReviewEntry[]> {
  const ready = entries.filter((entry) => entry.attention === undefined);
  if (ready.length === 0) return [...entries];
  const snapshot = await tenant.snapshot();
  const domains = [...new Set(ready.map((entry) => domainOf(entry.address)))];
  const facts = new Map<string, DomainFacts>(
    await mapWithConcurrency(domains, DISCOVERY_CONCURRENCY, async (domain) => [domain, await tenant.domainFacts(domain)] as const),
  );
  return entries.map((entry) => {
    if (entry.attention !== undefined) return entry;
    const prediction = predictRedemption(entry.address, facts.get(domainOf(entry.address)) ?? { kind: 'unknown' }, snapshot);
    return prediction.path === 'blocked' ? { ...entry, prediction, attention: 'inbound-blocked' } : { ...entry, prediction };
  });
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
