/**
 * Turns a paste into a review: every address checked the way Entra will check it, duplicates merged,
 * the organisation's own domains and domain rules applied, and the directory and our own records asked
 * who is already there. Nothing is sent.
 */
import { checkEmailAddress, domainMatches } from '../addresses/email-address.js';
import type { InviteeListParse } from '../addresses/invitee-list.js';
import { MAX_BATCH_ADDRESSES, type ReviewEntry } from '../invitations/batch.js';
import { isSettled } from '../invitations/invitation.js';
import { checkDomainRules, type DomainRules } from '../policy/domain-rules.js';
import type { DirectoryGateway, DirectoryUser } from '../ports/directory-gateway.js';
import type { InvitationStore } from '../ports/invitation-store.js';

export interface ReviewDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly rules: DomainRules;
  readonly tenantId: string;
}

export type ReviewOutcome =
  | { readonly kind: 'review'; readonly entries: readonly ReviewEntry[] }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-many'; readonly count: number };

export async function reviewInvitees(deps: ReviewDependencies, parse: InviteeListParse): Promise<ReviewOutcome> {
  const merged = mergeDuplicates(parse);
  if (merged.length === 0) return { kind: 'empty' };
  if (merged.length > MAX_BATCH_ADDRESSES) return { kind: 'too-many', count: merged.length };

  const ownDomains = await deps.directory.verifiedDomains();
  const checked = merged.map((entry) => checkOffline(entry, ownDomains, deps.rules));
  return { kind: 'review', entries: await checkDirectory(deps, checked) };
}

interface Candidate {
  readonly key: string;
  readonly address: string;
  readonly displayName?: string;
  readonly occurrences: number;
  readonly missingAt: boolean;
}

/** Case-insensitive; the first display name given wins; order of first appearance is kept. */
function mergeDuplicates(parse: InviteeListParse): Candidate[] {
  const byKey = new Map<string, Candidate>();
  const add = (address: string, displayName: string | undefined, missingAt: boolean) => {
    const key = address.trim().toLowerCase();
    const known = byKey.get(key);
    if (known) {
      byKey.set(key, { ...known, occurrences: known.occurrences + 1, ...(known.displayName || !displayName ? {} : { displayName }) });
    } else {
      byKey.set(key, { key, address: address.trim(), ...(displayName ? { displayName } : {}), occurrences: 1, missingAt });
    }
  };
  for (const invitee of parse.invitees) add(invitee.address, invitee.displayName, false);
  // A fragment with an "@" (`@Jane`) gets checkEmailAddress's own reason.
  for (const fragment of parse.unreadable) add(fragment, undefined, !fragment.includes('@'));
  return [...byKey.values()];
}

function checkOffline(candidate: Candidate, ownDomains: readonly string[], rules: DomainRules): ReviewEntry {
  const base = { occurrences: candidate.occurrences, ...(candidate.displayName ? { displayName: candidate.displayName } : {}) };
  if (candidate.missingAt) return { ...base, address: candidate.address, attention: 'missing-at' };
  const check = checkEmailAddress(candidate.address);
  if (!check.ok) {
    return { ...base, address: candidate.address, attention: 'invalid-address', problem: check.problem, ...(check.detail ? { detail: check.detail } : {}) };
  }
  const { normalised, domain } = check.address;
  const own = ownDomains.find((ownDomain) => domainMatches(domain, ownDomain));
  if (own) return { ...base, address: normalised, attention: 'own-domain', detail: own };
  const rule = checkDomainRules(domain, rules);
  if (!rule.ok && rule.reason === 'not-allowed-domain' && rules.outsideAllowed === 'approve') return { ...base, address: normalised, outsideAllowedDomains: true };
  if (!rule.ok) return { ...base, address: normalised, attention: rule.reason, ...(rule.reason === 'blocked-domain' ? { detail: rule.rule } : {}) };
  return { ...base, address: normalised };
}

/**
 * Our own records first, then the directory for the addresses we have not settled: each asked for all the
 * paste's addresses at once (the adapters group them into as few requests as the services allow), since one
 * request per address made the review's cost grow with the paste (test/bench/turn.bench.ts).
 */
async function checkDirectory(deps: ReviewDependencies, entries: readonly ReviewEntry[]): Promise<ReviewEntry[]> {
  const ready = entries.filter((entry) => entry.attention === undefined).map((entry) => entry.address);
  if (ready.length === 0) return [...entries];
  const records = await deps.store.getMany(deps.tenantId, ready);
  const unsettled = ready.filter((address) => {
    const record = records.get(address);
    return !(record && isSettled(record.value.state));
  });
  const users = unsettled.length > 0 ? await deps.directory.findUsersByEmail(unsettled) : new Map<string, DirectoryUser>();
  return entries.map((entry) => {
    if (entry.attention !== undefined) return entry;
    const record = records.get(entry.address);
    if (record && isSettled(record.value.state)) {
      return { ...entry, attention: 'already-invited', guestState: record.value.state === 'Accepted' ? 'Accepted' : 'PendingAcceptance' };
    }
    const user = users.get(entry.address);
    if (!user) return entry;
    if (user.userType === 'Member') return { ...entry, attention: 'existing-member' };
    return { ...entry, attention: 'existing-guest', ...(user.externalUserState ? { guestState: user.externalUserState } : {}) };
  });
}

export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
