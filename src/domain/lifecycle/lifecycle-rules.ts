/**
 * Looking after the guests this bot invited once they are in the directory: the three rules (redemption
 * deadline, access review, inactivity), what each guest's sponsor was asked and answered, and the plan of one
 * round. Plain rules on plain data: the round (use-cases/guest-lifecycle.ts) reads the facts and carries the
 * plan out. Only guests with an invitation record of this bot ever appear in a plan: the plan is built from
 * those records, never from the directory.
 */
import type { InvitationRecord, Inviter } from '../invitations/invitation.js';
import { sponsorsOf } from './guest-care.js';

const LIFECYCLE_RULES = ['redemption-deadline', 'access-review', 'inactivity'] as const;
export type LifecycleRule = (typeof LIFECYCLE_RULES)[number];
/** Why a guest was blocked: a rule's question, or the sponsor's own decision on My guests (no question asked). */
export type RemovalReason = LifecycleRule | 'sponsor-decision';

/**
 * What a sponsor's silence means once a review or inactivity question's answer time is over. `keep` (the
 * default): nobody loses access because a sponsor was on holiday; the guest is asked about again next
 * round. `remove`: for tenants that would rather lose a guest than keep one nobody answers for.
 */
type UnansweredPolicy = 'keep' | 'remove';

export interface LifecycleSettings {
  /** Pending guests older than `afterDays` are offered to their sponsor, then withdrawn `graceDays` later unless kept. */
  readonly redemption?: { readonly afterDays: number; readonly graceDays: number };
  /** Every `everyDays` each sponsor is asked about their accepted guests. */
  readonly review?: { readonly everyDays: number };
  /** Accepted guests not signed in for `afterDays` go to their sponsor the same way. */
  readonly inactivity?: { readonly afterDays: number };
  /** How long a sponsor has to answer a review or inactivity question. */
  readonly answerDays: number;
  /** Between blocking a removed guest's sign-in and deleting the guest. */
  readonly removalGraceDays: number;
  readonly unanswered: UnansweredPolicy;
  /** Every round only reports what it would do. */
  readonly dryRun: boolean;
}

export interface CareActor {
  readonly aadObjectId?: string;
  readonly name?: string;
}

/** One guest's lifecycle state, kept beside its invitation record (same tenant and address). */
export interface GuestLifecycle {
  readonly tenantId: string;
  readonly email: string;
  /** The open question to the sponsor. */
  readonly asked?: { readonly rule: LifecycleRule; readonly at: string; readonly answerBy: string };
  /** The last Keep (by the sponsor, or by the unanswered policy): the rule it answered, and when. */
  readonly kept?: { readonly rule: LifecycleRule; readonly at: string; readonly by: CareActor };
  /** Sign-in blocked; the guest is deleted at `deleteAt`. */
  readonly blocked?: { readonly rule: RemovalReason; readonly at: string; readonly deleteAt: string; readonly by: CareActor };
}

/** The tenant's round state: when sponsors were last asked for a review, what was already said once. */
export interface LifecycleCheckpoint {
  readonly tenantId: string;
  /** When the last round ran (rounds run at most every LIFECYCLE_ROUND_MINUTES). */
  readonly ranAt?: string;
  readonly reviewedAt?: string;
  /** When administrators were told the tenant has no licence for signInActivity (said once). */
  readonly unlicensedReportedAt?: string;
  /** The Entra lifecycle policies last reported (a fingerprint), so a change is reported and nothing else. */
  readonly policiesReported?: string;
}

/** A guest this bot invited and that is still in the directory, with its sponsor. */
export interface CaredGuest {
  readonly email: string;
  readonly userId: string;
  readonly displayName?: string;
  readonly state: 'PendingAcceptance' | 'Accepted';
  /** The inviter: the sponsor the bot can reach (in the chat they invited from, in their language). */
  readonly sponsor: Inviter;
  /** Everyone who answers for the guest (the inviter and co-sponsors, as stored with the invitation); each of them may answer. */
  readonly sponsorIds: readonly string[];
  readonly invitedAt: string;
  readonly acceptedAt?: string;
  /** The batch that invited the guest: where its sponsor asked for it. */
  readonly batchId?: string;
}

export type LifecycleStep =
  /** The sponsor is asked: Keep, or Withdraw (pending) / Remove (accepted). */
  | { readonly kind: 'ask'; readonly rule: LifecycleRule; readonly guest: CaredGuest; readonly answerBy: string; readonly lastSignInAt?: string }
  /** The redemption deadline's grace ran out unanswered: the pending guest is deleted. */
  | { readonly kind: 'withdraw'; readonly rule: LifecycleRule; readonly guest: CaredGuest }
  /** Unanswered under the `remove` policy: sign-in blocked now, deleted after the grace. */
  | { readonly kind: 'block'; readonly rule: LifecycleRule; readonly guest: CaredGuest; readonly deleteAt: string }
  /** The grace after blocking is over. */
  | { readonly kind: 'delete'; readonly rule: RemovalReason; readonly guest: CaredGuest }
  /** Unanswered under the `keep` policy, or the question no longer applies: closed, the guest kept. */
  | { readonly kind: 'keep'; readonly rule: LifecycleRule; readonly guest: CaredGuest; readonly because: 'unanswered' | 'accepted-meanwhile' | 'entra-policy' };

/** Why a rule that is on does not run this round. */
type SkippedRule = { readonly rule: LifecycleRule; readonly because: 'entra-policy' | 'unlicensed' | 'unreadable' };

export interface LifecyclePlan {
  readonly at: string;
  readonly steps: readonly LifecycleStep[];
  readonly skipped: readonly SkippedRule[];
  /** A review round is due: its questions are among the steps, and the checkpoint moves on. */
  readonly reviewDue: boolean;
}

/** When each guest last signed in, for the guests asked about; `null` = never (or before Microsoft kept it). */
export type SignIns = { readonly kind: 'known'; readonly lastSignInAt: ReadonlyMap<string, string | null> } | { readonly kind: 'unlicensed' } | { readonly kind: 'unreadable' };

export interface PlanInput {
  readonly now: Date;
  readonly settings: LifecycleSettings;
  readonly guests: readonly { readonly guest: CaredGuest; readonly care?: GuestLifecycle }[];
  readonly checkpoint?: LifecycleCheckpoint;
  /** Rules an Entra guest lifecycle policy already enforces in this tenant. */
  readonly coveredByEntra: ReadonlySet<LifecycleRule>;
  /** Absent when inactivity is off or covered. */
  readonly signIns?: SignIns;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

function olderThan(at: string | undefined, days: number, now: Date): boolean {
  return at !== undefined && now.getTime() - Date.parse(at) >= days * DAY_MS;
}

/** The rules switched on, in the order they are looked at. */
export function rulesOn(settings: LifecycleSettings): LifecycleRule[] {
  return LIFECYCLE_RULES.filter((rule) => (rule === 'redemption-deadline' ? settings.redemption : rule === 'access-review' ? settings.review : settings.inactivity) !== undefined);
}

/** The guests of the bot's records that lifecycle rules look at: sent, in the directory, not yet removed. */
export function caredGuest(record: InvitationRecord): CaredGuest | undefined {
  if (!record.invitedUserId || (record.state !== 'PendingAcceptance' && record.state !== 'Accepted')) return undefined;
  return {
    email: record.email,
    userId: record.invitedUserId,
    state: record.state,
    sponsor: record.inviter,
    sponsorIds: sponsorsOf(record),
    invitedAt: record.sentAt ?? record.createdAt,
    ...(record.displayName ? { displayName: record.displayName } : {}),
    ...(record.acceptedAt ? { acceptedAt: record.acceptedAt } : {}),
    ...(record.batchId ? { batchId: record.batchId } : {}),
  };
}

/** What one round does, guest by guest: at most one step per guest. */
export function planRound(input: PlanInput): LifecyclePlan {
  const { now, settings } = input;
  const on = new Set(rulesOn(settings));
  const skipped: SkippedRule[] = [...on].filter((rule) => input.coveredByEntra.has(rule)).map((rule) => ({ rule, because: 'entra-policy' as const }));
  const runs = (rule: LifecycleRule) => on.has(rule) && !input.coveredByEntra.has(rule);
  if (runs('inactivity') && input.signIns && input.signIns.kind !== 'known') skipped.push({ rule: 'inactivity', because: input.signIns.kind });
  const reviewDue = runs('access-review') && (!input.checkpoint?.reviewedAt || olderThan(input.checkpoint.reviewedAt, settings.review?.everyDays ?? 0, now));
  const answerBy = (days: number) => addDays(now, days).toISOString();
  const steps: LifecycleStep[] = [];

  for (const { guest, care } of input.guests) {
    if (care?.blocked) {
      if (now.getTime() >= Date.parse(care.blocked.deleteAt)) steps.push({ kind: 'delete', rule: care.blocked.rule, guest });
      continue;
    }
    if (care?.asked) {
      const rule = care.asked.rule;
      if (input.coveredByEntra.has(rule)) steps.push({ kind: 'keep', rule, guest, because: 'entra-policy' });
      else if (now.getTime() < Date.parse(care.asked.answerBy)) continue;
      else if (rule === 'redemption-deadline') steps.push(guest.state === 'PendingAcceptance' ? { kind: 'withdraw', rule, guest } : { kind: 'keep', rule, guest, because: 'accepted-meanwhile' });
      else if (settings.unanswered === 'remove') steps.push({ kind: 'block', rule, guest, deleteAt: answerBy(settings.removalGraceDays) });
      else steps.push({ kind: 'keep', rule, guest, because: 'unanswered' });
      continue;
    }
    const keptFor = (rule: LifecycleRule) => (care?.kept?.rule === rule ? care.kept.at : undefined);
    if (guest.state === 'PendingAcceptance') {
      const redemption = settings.redemption;
      // A Keep starts the deadline again: the sponsor is asked once more after another `afterDays`.
      if (redemption && runs('redemption-deadline') && olderThan(keptFor('redemption-deadline') ?? guest.invitedAt, redemption.afterDays, now)) {
        steps.push({ kind: 'ask', rule: 'redemption-deadline', guest, answerBy: answerBy(redemption.graceDays) });
      }
      continue;
    }
    const inactivity = settings.inactivity;
    if (inactivity && runs('inactivity') && input.signIns?.kind === 'known') {
      const lastSignInAt = input.signIns.lastSignInAt.get(guest.userId);
      // Never signed in (as far as Microsoft recorded): counted from acceptance; a Keep counts as a fresh start.
      const since = [lastSignInAt ?? guest.acceptedAt ?? guest.invitedAt, keptFor('inactivity')].filter((at): at is string => at !== undefined).sort().at(-1);
      if (olderThan(since, inactivity.afterDays, now)) {
        steps.push({ kind: 'ask', rule: 'inactivity', guest, answerBy: answerBy(settings.answerDays), ...(lastSignInAt ? { lastSignInAt } : {}) });
        continue;
      }
    }
    if (reviewDue) steps.push({ kind: 'ask', rule: 'access-review', guest, answerBy: answerBy(settings.answerDays) });
  }
  return { at: now.toISOString(), steps, skipped, reviewDue };
}

/** May this person answer for the guest: one of its sponsors. */
export function isSponsorOf(guest: CaredGuest, actor: CareActor): boolean {
  const id = actor.aadObjectId?.toLowerCase();
  return id !== undefined && guest.sponsorIds.some((sponsorId) => sponsorId.toLowerCase() === id);
}

/** The inviter can be asked while they still answer for the guest (an administrator may have handed it over). */
export function inviterIsSponsor(guest: CaredGuest): boolean {
  return isSponsorOf(guest, guest.sponsor);
}

/** A sponsor's answer about one guest. */
export type CareDecision = 'keep' | 'remove';

/** What an answer does to a guest with an open question: a pending guest is withdrawn at once, an accepted one blocked first. */
export function removalOf(guest: CaredGuest): 'withdraw' | 'block' {
  return guest.state === 'PendingAcceptance' ? 'withdraw' : 'block';
}
