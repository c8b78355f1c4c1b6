/**
 * When a request to invite goes to an administrator first instead of straight out: the organisation's
 * own thresholds (configuration), never the tenant's rules, which refuse rather than ask. Administrators'
 * own requests need nobody's approval: they are the ones who would give it.
 */
import { message, type Message } from '../message.js';

export interface ApprovalRules {
  /** A batch with more addresses to send than this needs approval; 0 = never. */
  readonly batchSizeAbove: number;
  /** A requester who would invite more than this many guests in one UTC day needs approval; 0 = never. */
  readonly dailyPerRequesterAbove: number;
  /** Addresses outside INVITE_ALLOWED_DOMAINS: refused at review (default), or sent for approval. */
  readonly outsideAllowedDomains: 'refuse' | 'approve';
}

export type ApprovalReason =
  | { readonly kind: 'batch-size'; readonly count: number; readonly limit: number }
  | { readonly kind: 'daily-quota'; readonly sentToday: number; readonly count: number; readonly limit: number }
  | { readonly kind: 'outside-allowed-domains'; readonly domains: readonly string[] };

export interface ApprovalRequestFacts {
  /** Addresses the batch would send now. */
  readonly addresses: readonly string[];
  /** Of those, the ones outside the allowed domains (only when such addresses go to approval). */
  readonly outsideAllowed: readonly string[];
  /** Guests this requester already sent invitations to today (UTC). */
  readonly sentToday: number;
  readonly requesterIsAdministrator: boolean;
}

export function approvalReasons(facts: ApprovalRequestFacts, rules: ApprovalRules): ApprovalReason[] {
  if (facts.requesterIsAdministrator || facts.addresses.length === 0) return [];
  const reasons: ApprovalReason[] = [];
  const count = facts.addresses.length;
  if (rules.batchSizeAbove > 0 && count > rules.batchSizeAbove) reasons.push({ kind: 'batch-size', count, limit: rules.batchSizeAbove });
  if (rules.dailyPerRequesterAbove > 0 && facts.sentToday + count > rules.dailyPerRequesterAbove) {
    reasons.push({ kind: 'daily-quota', sentToday: facts.sentToday, count, limit: rules.dailyPerRequesterAbove });
  }
  if (rules.outsideAllowedDomains === 'approve' && facts.outsideAllowed.length > 0) {
    const domains = [...new Set(facts.outsideAllowed.map((address) => address.slice(address.lastIndexOf('@') + 1)))].sort();
    reasons.push({ kind: 'outside-allowed-domains', domains });
  }
  return reasons;
}

/** Why a request waits for an administrator (`policy:approval.<kind>`), with the numbers and domains that made it wait. */
export function describeApprovalReason(reason: ApprovalReason): Message {
  switch (reason.kind) {
    case 'batch-size':
      return message('policy:approval.batch-size', { count: reason.count, limit: reason.limit });
    case 'daily-quota':
      return message('policy:approval.daily-quota', { sentToday: reason.sentToday, count: reason.count, limit: reason.limit });
    case 'outside-allowed-domains':
      return message('policy:approval.outside-allowed-domains', { domains: reason.domains.join(', ') });
  }
}
