import { z } from 'zod';
import { domainOf, normaliseAddress } from './email-address.js';

// Who exists outside the resource tenant. Entra decides a guest's path by *user*-based discovery
// (redemption-paths.md): a domain owned by a tenant proves nothing, the user must exist there.

// A user of an external tenant: an address, or an address with its object id there (for
// cross-tenant policies that target single users).
const worldUserSchema = z.union([
  z.email().transform((address) => ({ address, id: null as string | null })),
  z.strictObject({ address: z.email(), id: z.guid().nullable().default(null) }),
]);

const entraTenantSchema = z.strictObject({
  tenantId: z.guid(),
  displayName: z.string(),
  defaultDomainName: z.string().min(1),
  federationBrandName: z.string().nullable().default(null),
  /** Its verified domains. */
  domains: z.array(z.string().min(1)).min(1),
  /** The accounts that really exist there. */
  users: z.array(worldUserSchema).default([]),
});

export const externalWorldSchema = z
  .strictObject({
    entraTenants: z.array(entraTenantSchema),
    /** Personal Microsoft accounts on any domain (an MSA can exist on a Gmail or work address). */
    microsoftAccounts: z.array(z.email()),
    /** Consumer Microsoft mail domains: every address there counts as an existing personal account. */
    microsoftConsumerDomains: z.array(z.string().min(1)),
    /** Google federation covers only these (gmail.com, googlemail.com). */
    gmailDomains: z.array(z.string().min(1)),
  })
  .superRefine((world, context) => {
    const domains = world.entraTenants.flatMap((tenant) => tenant.domains.map((domain) => domain.toLowerCase()));
    if (new Set(domains).size !== domains.length) {
      context.addIssue({ code: 'custom', path: ['entraTenants'], message: 'a domain is verified in one tenant only' });
    }
    const ids = world.entraTenants.map((tenant) => tenant.tenantId.toLowerCase());
    if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', path: ['entraTenants'], message: 'duplicate tenantId' });
  });

export type ExternalWorld = z.infer<typeof externalWorldSchema>;
export type EntraTenant = ExternalWorld['entraTenants'][number];
export type WorldUser = EntraTenant['users'][number];

// POST /_sim/world: additions only. A tenant with a known tenantId gains the domains and users given.
const tenantAdditionSchema = z.strictObject({
  tenantId: z.guid(),
  displayName: z.string().optional(),
  defaultDomainName: z.string().min(1).optional(),
  federationBrandName: z.string().nullable().optional(),
  domains: z.array(z.string().min(1)).optional(),
  users: z.array(worldUserSchema).optional(),
});

export const worldAdditionsSchema = z.strictObject({
  entraTenants: z.array(tenantAdditionSchema).optional(),
  microsoftAccounts: z.array(z.email()).optional(),
  microsoftConsumerDomains: z.array(z.string().min(1)).optional(),
  gmailDomains: z.array(z.string().min(1)).optional(),
});

export type WorldAdditions = z.infer<typeof worldAdditionsSchema>;
export type WorldAdditionsInput = z.input<typeof worldAdditionsSchema>;

export type WorldResult = { ok: true; world: ExternalWorld } | { ok: false; problem: string };

/** The world with the additions; the result must still be valid (a new tenant needs a displayName). */
export function addToWorld(current: ExternalWorld, additions: WorldAdditions): WorldResult {
  // Untyped until validated: a new tenant may lack required fields, which the parse below reports.
  const tenants: Record<string, unknown>[] = current.entraTenants.map((tenant) => ({ ...tenant }));
  for (const addition of additions.entraTenants ?? []) {
    const known = tenants.find((tenant) => String(tenant['tenantId']).toLowerCase() === addition.tenantId.toLowerCase());
    if (known === undefined) {
      // A new tenant's default domain is its first domain unless named.
      tenants.push({ ...addition, defaultDomainName: addition.defaultDomainName ?? addition.domains?.[0] });
      continue;
    }
    const { domains, users, ...rest } = addition;
    Object.assign(known, rest, {
      domains: union(known['domains'] as string[], domains ?? []),
      users: [...(known['users'] as WorldUser[]), ...(users ?? []).filter((user) => !hasUser(known['users'] as WorldUser[], user.address))],
    });
  }
  const parsed = externalWorldSchema.safeParse({
    entraTenants: tenants,
    microsoftAccounts: union(current.microsoftAccounts, additions.microsoftAccounts ?? []),
    microsoftConsumerDomains: union(current.microsoftConsumerDomains, additions.microsoftConsumerDomains ?? []),
    gmailDomains: union(current.gmailDomains, additions.gmailDomains ?? []),
  });
  return parsed.success ? { ok: true, world: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
}

/** The managed tenant that really holds an account with this address. */
export function findEntraAccount(world: ExternalWorld, address: string): { tenant: EntraTenant; user: WorldUser } | undefined {
  for (const tenant of world.entraTenants) {
    const user = tenant.users.find((candidate) => normaliseAddress(candidate.address) === normaliseAddress(address));
    if (user !== undefined) return { tenant, user };
  }
  return undefined;
}

/** The external tenant that verified this domain, whether or not a given user exists there. */
export function tenantOwningDomain(world: ExternalWorld, domain: string): EntraTenant | undefined {
  return world.entraTenants.find((tenant) => includesIgnoringCase(tenant.domains, domain));
}

export function hasMicrosoftAccount(world: ExternalWorld, address: string): boolean {
  return includesIgnoringCase(world.microsoftAccounts, address) || includesIgnoringCase(world.microsoftConsumerDomains, domainOf(address));
}

export function isGmailAddress(world: ExternalWorld, address: string): boolean {
  return includesIgnoringCase(world.gmailDomains, domainOf(address));
}

function includesIgnoringCase(values: readonly string[], wanted: string): boolean {
  return values.some((value) => value.toLowerCase() === wanted.trim().toLowerCase());
}

function hasUser(users: readonly WorldUser[], address: string): boolean {
  return users.some((user) => normaliseAddress(user.address) === normaliseAddress(address));
}

function union(values: readonly string[], more: readonly string[]): string[] {
  return [...values, ...more.filter((value) => !includesIgnoringCase(values, value))];
}
