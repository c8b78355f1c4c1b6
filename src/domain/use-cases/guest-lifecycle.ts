/**
 * The lifecycle round for the guests this bot invited, run by the tracker's lease holder: reads the facts
 * (invitation records, each guest's care row, Entra's own lifecycle policies, sign-in activity), plans with
 * lifecycle/lifecycle-rules.ts, and carries the plan out, or in dry run only reports it. Also the sponsor's
 * answers from their card. Every change is audited and announced to the administrators. Nothing outside the
 * invitation store is ever touched: every guest acted on comes from an invitation record of this bot.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import {
  addDays,
  caredGuest,
  inviterIsSponsor,
  isSponsorOf,
  planRound,
  removalOf,
  rulesOn,
  type CareActor,
  type CareDecision,
  type CaredGuest,
  type GuestLifecycle,
  type LifecycleCheckpoint,
  type LifecyclePlan,
  type LifecycleRule,
  type LifecycleSettings,
  type LifecycleStep,
  type RemovalReason,
  type SignIns,
} from '../lifecycle/lifecycle-rules.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { DirectoryGateway } from '../ports/directory-gateway.js';
import { storedLifecycle, type GuestLifecycleStore } from '../ports/guest-lifecycle-store.js';
import { storedInvitation, type InvitationStore } from '../ports/invitation-store.js';
import type { EntraPolicies, LifecycleDirectory } from '../ports/lifecycle-directory.js';
import type { LifecycleNotices, SponsorQuestion } from '../ports/lifecycle-notices.js';
import { updateVersioned, type Versioned } from '../ports/versioned.js';
import { markWithdrawn } from './fix-invitation.js';

export interface LifecycleDependencies {
  readonly settings: LifecycleSettings;
  readonly store: InvitationStore;
  readonly care: GuestLifecycleStore;
  readonly directory: Pick<DirectoryGateway, 'deleteUser' | 'guestSignIn'>;
  readonly lifecycle: LifecycleDirectory;
  readonly notices: LifecycleNotices;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly tenantId: string;
  /** Rounds run at most this often (the tracker's rounds are far more frequent); 0 = at every tracking round. */
  readonly roundEveryMs: number;
}

const BOT: CareActor = { name: 'Guest Invites' };

/** What the next round would do, and why some rules do not run: for the dry run and the admin preview. */
export interface LifecyclePreview {
  readonly plan: LifecyclePlan;
  readonly entra: EntraPolicies;
  readonly rules: readonly LifecycleRule[];
  readonly dryRun: boolean;
  /**
   * Guests with an open question, or about to be asked, whose inviter no longer answers for them: nobody the
   * bot can reach is asked, so an administrator decides (the preview points to `orphaned guests`).
   */
  readonly unaskable: readonly string[];
}

export type LifecycleRoundOutcome =
  | { readonly kind: 'off' }
  | { readonly kind: 'not-due' }
  | { readonly kind: 'ran'; readonly preview: LifecyclePreview; readonly failed: readonly { readonly email: string; readonly step: LifecycleStep['kind']; readonly error: unknown }[] };

interface Facts {
  readonly preview: LifecyclePreview;
  readonly checkpoint?: Versioned<LifecycleCheckpoint>;
  readonly signIns?: SignIns;
}

async function gatherFacts(deps: LifecycleDependencies): Promise<Facts> {
  const now = deps.clock.now();
  const rules = rulesOn(deps.settings);
  const entra = await deps.lifecycle.entraPolicies();
  const coveredByEntra = new Set(entra.kind === 'policies' ? entra.policies.flatMap((policy) => policy.covers) : []);
  const [records, cares, checkpoint] = await Promise.all([deps.store.list(deps.tenantId), deps.care.list(deps.tenantId), deps.care.checkpoint(deps.tenantId).read()]);
  const careOf = new Map(cares.map((row) => [row.value.email, row.value]));
  const guests = records.flatMap((row) => {
    const guest = caredGuest(row.value);
    const care = careOf.get(row.value.email);
    return guest ? [{ guest, ...(care ? { care } : {}) }] : [];
  });
  const inactivityRuns = deps.settings.inactivity !== undefined && !coveredByEntra.has('inactivity');
  const signIns = inactivityRuns ? await deps.lifecycle.lastSignIns(guests.filter(({ guest }) => guest.state === 'Accepted').map(({ guest }) => guest.userId)) : undefined;
  const plan = planRound({ now, settings: deps.settings, guests, coveredByEntra, ...(checkpoint ? { checkpoint: checkpoint.value } : {}), ...(signIns ? { signIns } : {}) });
  const askedNow = new Set(plan.steps.flatMap((step) => (step.kind === 'ask' ? [step.guest.email] : [])));
  const unaskable = guests.filter(({ guest, care }) => !inviterIsSponsor(guest) && (care?.asked !== undefined || askedNow.has(guest.email))).map(({ guest }) => guest.email);
  return { preview: { plan, entra, rules, dryRun: deps.settings.dryRun, unaskable }, ...(checkpoint ? { checkpoint } : {}), ...(signIns ? { signIns } : {}) };
}

/** The next round as it would run now, changing nothing (the admin command). */
export async function previewLifecycle(deps: LifecycleDependencies): Promise<LifecyclePreview> {
  return (await gatherFacts(deps)).preview;
}

/** One round, when one is due: in dry run it reports the plan and changes nothing. */
export async function lifecycleRound(deps: LifecycleDependencies): Promise<LifecycleRoundOutcome> {
  if (rulesOn(deps.settings).length === 0) return { kind: 'off' };
  const now = deps.clock.now();
  const ranAt = (await deps.care.checkpoint(deps.tenantId).read())?.value.ranAt;
  if (ranAt && now.getTime() - Date.parse(ranAt) < deps.roundEveryMs) return { kind: 'not-due' };
  const facts = await gatherFacts(deps);
  const { plan } = facts.preview;
  await reportOnce(deps, facts);
  const failed: { email: string; step: LifecycleStep['kind']; error: unknown }[] = [];
  if (!deps.settings.dryRun) {
    const asked: { guest: CaredGuest; question: SponsorQuestion }[] = [];
    for (const step of plan.steps) {
      try {
        const question = await carryOut(deps, step);
        if (question) asked.push({ guest: step.guest, question });
      } catch (error) {
        // One guest's failure (Graph down, throttled past retries) leaves the others done; the next round tries again.
        failed.push({ email: step.guest.email, step: step.kind, error });
      }
    }
    await askSponsors(deps, asked);
  }
  await updateVersioned(
    deps.care.checkpoint(deps.tenantId),
    (current) => ({
      tenantId: deps.tenantId,
      ...current,
      ranAt: now.toISOString(),
      ...(plan.reviewDue && !deps.settings.dryRun ? { reviewedAt: now.toISOString() } : {}),
    }),
    { what: 'record the lifecycle round' },
  );
  if (plan.steps.length > 0) await deps.notices.announce({ kind: 'round', plan, dryRun: deps.settings.dryRun });
  return { kind: 'ran', preview: facts.preview, failed };
}

/** Said once: the tenant has no licence for sign-in activity; Entra's policies (again when they change). */
async function reportOnce(deps: LifecycleDependencies, facts: Facts): Promise<void> {
  const now = deps.clock.now().toISOString();
  const checkpoint = facts.checkpoint?.value;
  const { entra } = facts.preview;
  const fingerprint = entra.kind === 'policies' ? entra.policies.map((policy) => `${policy.id}:${[...policy.ruleTypes].sort().join('+')}`).sort().join(',') : '';
  const policiesChanged = fingerprint !== (checkpoint?.policiesReported ?? '');
  const unlicensedNews = facts.signIns?.kind === 'unlicensed' && !checkpoint?.unlicensedReportedAt;
  if (!policiesChanged && !unlicensedNews) return;
  if (policiesChanged && entra.kind === 'policies') {
    await deps.notices.announce({ kind: 'entra-policies', policies: entra.policies });
    await audit(deps, BOT, 'lifecycle-notice', 'entra-lifecycle-policies', 'entra-policies', entra.policies.map((policy) => `${policy.displayName}: ${policy.covers.join(', ') || 'no rule of ours'}`).join('; '));
  }
  if (unlicensedNews) {
    await deps.notices.announce({ kind: 'unlicensed' });
    await audit(deps, BOT, 'lifecycle-notice', 'signInActivity', 'unlicensed', 'signInActivity answered 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant (the inactivity rule needs Microsoft Entra ID P1)');
  }
  await updateVersioned(
    deps.care.checkpoint(deps.tenantId),
    (current) => ({ tenantId: deps.tenantId, ...current, policiesReported: fingerprint, ...(unlicensedNews ? { unlicensedReportedAt: now } : {}) }),
    { what: 'record what administrators were told' },
  );
}

/** Does one step; answers the question to put to the sponsor when the step asks one. */
async function carryOut(deps: LifecycleDependencies, step: LifecycleStep): Promise<SponsorQuestion | undefined> {
  const now = deps.clock.now().toISOString();
  const { guest } = step;
  switch (step.kind) {
    case 'ask':
      await writeCare(deps, guest, { asked: { rule: step.rule, at: now, answerBy: step.answerBy } });
      await audit(deps, BOT, 'guest-review-asked', guest.email, step.rule, `asked ${describe(guest.sponsor)}; answer by ${step.answerBy}`);
      return {
        email: guest.email,
        rule: step.rule,
        state: guest.state,
        answerBy: step.answerBy,
        ...(guest.displayName ? { displayName: guest.displayName } : {}),
        ...(step.lastSignInAt ? { lastSignInAt: step.lastSignInAt } : {}),
      };
    case 'keep':
      await writeCare(deps, guest, { kept: { rule: step.rule, at: now, by: BOT } });
      await audit(deps, BOT, 'guest-kept', guest.email, step.rule, step.because);
      return undefined;
    case 'withdraw':
      await withdraw(deps, guest, BOT, step.rule, 'unanswered');
      return undefined;
    case 'block':
      await block(deps, guest, BOT, step.rule, step.deleteAt, 'unanswered');
      return undefined;
    case 'delete':
      await deps.directory.deleteUser(guest.userId);
      await markRecord(deps, guest, (record) => ({ ...record, state: 'Removed', updatedAt: now }));
      await writeCare(deps, guest, {});
      await audit(deps, BOT, 'guest-deleted', guest.email, step.rule, 'deleted after the grace; restorable in Microsoft Entra for 30 days');
      return undefined;
  }
}

/** One card per sponsor with every guest they are asked about this round. */
async function askSponsors(deps: LifecycleDependencies, asked: readonly { guest: CaredGuest; question: SponsorQuestion }[]): Promise<void> {
  const bySponsor = new Map<string, { guest: CaredGuest; question: SponsorQuestion }[]>();
  for (const entry of asked) {
    // A guest whose inviter no longer answers for it has nobody the bot can reach: it is reported, not asked.
    const key = inviterIsSponsor(entry.guest) ? (entry.guest.sponsor.aadObjectId ?? '') : '';
    bySponsor.set(key, [...(bySponsor.get(key) ?? []), entry]);
  }
  for (const [key, entries] of bySponsor) {
    const sponsor = entries[0]!.guest.sponsor;
    const batchIds = [...new Set(entries.flatMap(({ guest }) => (guest.batchId ? [guest.batchId] : [])))].reverse();
    const questions = entries.map(({ question }) => question);
    const reached = key !== '' && (await deps.notices.askSponsor(sponsor, questions, batchIds));
    if (!reached) {
      for (const { guest } of entries) await audit(deps, BOT, 'guest-review-asked', guest.email, 'sponsor-unreachable', `no chat with ${describe(sponsor)} to ask in; an administrator can answer from the preview`);
    }
  }
}

/**
 * Where a sponsor answered: the review card answers its open questions only; My guests also lets a sponsor
 * remove an accepted guest at any time (no question needed to decide a guest should go).
 */
export type AnswerSource = 'review-card' | 'my-guests';

export interface SponsorAnswer {
  readonly email: string;
  readonly decision: CareDecision;
}

type AnswerRefusal = 'not-asked' | 'not-yours' | 'gone';

export interface AnswerOutcome {
  readonly kept: readonly string[];
  /** Pending guests withdrawn, accepted guests blocked (deleted after the grace). */
  readonly removed: readonly string[];
  /** Those of `removed` that were pending: withdrawn at once. */
  readonly withdrawn: readonly string[];
  readonly refused: readonly { readonly email: string; readonly why: AnswerRefusal }[];
  /** When the removed accepted guests will be deleted. */
  readonly deleteAt?: string;
}

/**
 * The sponsor's answers, from the review card or My guests (one path for both): only a sponsor of the guest
 * may answer; Keep answers an open question; Remove answers one too, or (My guests) removes an accepted guest.
 */
export async function answerQuestions(deps: LifecycleDependencies, actor: CareActor, answers: readonly SponsorAnswer[], source: AnswerSource): Promise<AnswerOutcome> {
  const kept: string[] = [];
  const removed: string[] = [];
  const withdrawn: string[] = [];
  const refused: { email: string; why: AnswerRefusal }[] = [];
  const deleteAt = addDays(deps.clock.now(), deps.settings.removalGraceDays).toISOString();
  for (const answer of answers) {
    const record = await deps.store.get(deps.tenantId, answer.email);
    const guest = record ? caredGuest(record.value) : undefined;
    if (!guest) {
      refused.push({ email: answer.email, why: 'gone' });
      continue;
    }
    if (!isSponsorOf(guest, actor)) {
      refused.push({ email: answer.email, why: 'not-yours' });
      continue;
    }
    const care = (await deps.care.get(deps.tenantId, answer.email))?.value;
    const asked = care?.asked;
    const where = source === 'my-guests' ? ' on My guests' : '';
    if (answer.decision === 'keep') {
      if (!asked) {
        refused.push({ email: answer.email, why: 'not-asked' });
        continue;
      }
      await writeCare(deps, guest, { kept: { rule: asked.rule, at: deps.clock.now().toISOString(), by: actor } });
      await audit(deps, actor, 'guest-kept', guest.email, asked.rule, `the sponsor answered Keep${where}`);
      kept.push(guest.email);
      continue;
    }
    // Unasked, only My guests removes, and only an accepted guest not already blocked (pending ones have Withdraw there).
    const removable = asked ?? (source === 'my-guests' && guest.state === 'Accepted' && !care?.blocked ? { rule: 'sponsor-decision' as const } : undefined);
    if (!removable) {
      refused.push({ email: answer.email, why: 'not-asked' });
      continue;
    }
    if (asked && removalOf(guest) === 'withdraw') {
      if ((await withdraw(deps, guest, actor, asked.rule, `the sponsor answered Withdraw${where}`)) === 'kept') {
        kept.push(guest.email);
        continue;
      }
      withdrawn.push(guest.email);
    } else await block(deps, guest, actor, removable.rule, deleteAt, `the sponsor answered Remove${where}`);
    removed.push(guest.email);
  }
  if (kept.length + removed.length > 0) await deps.notices.announce({ kind: 'answered', sponsor: actor, kept, removed });
  return { kept, removed, withdrawn, refused, ...(removed.length > 0 ? { deleteAt } : {}) };
}

/** A pending guest deleted (the same withdraw as the fix card's): unless they accepted meanwhile, then kept. */
async function withdraw(deps: LifecycleDependencies, guest: CaredGuest, by: CareActor, rule: LifecycleRule, why: string): Promise<'withdrawn' | 'kept'> {
  const now = deps.clock.now().toISOString();
  const user = await deps.directory.guestSignIn(guest.userId);
  if (user?.state === 'Accepted') {
    await writeCare(deps, guest, { kept: { rule, at: now, by: BOT } });
    await audit(deps, by, 'guest-kept', guest.email, rule, 'accepted before the withdrawal');
    return 'kept';
  }
  if (user) await deps.directory.deleteUser(guest.userId);
  const stored = await deps.store.get(deps.tenantId, guest.email);
  if (stored) await markWithdrawn(deps, stored, by);
  await writeCare(deps, guest, {});
  await audit(deps, by, 'withdraw-invitation', guest.email, rule, `${why}; the guest user was deleted (restorable in Microsoft Entra for 30 days)`);
  return 'withdrawn';
}

async function block(deps: LifecycleDependencies, guest: CaredGuest, by: CareActor, rule: RemovalReason, deleteAt: string, why: string): Promise<void> {
  await deps.lifecycle.blockSignIn(guest.userId);
  await writeCare(deps, guest, { blocked: { rule, at: deps.clock.now().toISOString(), deleteAt, by } });
  await audit(deps, by, 'guest-blocked', guest.email, rule, `${why}; sign-in blocked, deleted at ${deleteAt}`);
}

/** The guest's care row becomes `state` (what is not in it is cleared). */
async function writeCare(deps: LifecycleDependencies, guest: CaredGuest, state: Omit<GuestLifecycle, 'tenantId' | 'email'>): Promise<void> {
  const next: GuestLifecycle = { tenantId: deps.tenantId, email: guest.email, ...state };
  await updateVersioned(storedLifecycle(deps.care, next), () => next, { what: 'record the guest lifecycle state' });
}

async function markRecord(deps: LifecycleDependencies, guest: CaredGuest, change: (record: InvitationRecord) => InvitationRecord): Promise<void> {
  await updateVersioned(storedInvitation(deps.store, { tenantId: deps.tenantId, email: guest.email }), (current) => (current ? change(current) : undefined), {
    what: 'record the guest removed',
  });
}

function audit(deps: LifecycleDependencies, actor: CareActor, action: Parameters<AuditLog['append']>[1]['action'], subject: string, outcome: string, detail: string): Promise<void> {
  return deps.audit.append(deps.tenantId, { at: deps.clock.now().toISOString(), actor, action, subject, outcome, detail });
}

function describe(sponsor: CareActor): string {
  return sponsor.name ?? sponsor.aadObjectId ?? 'an unknown sponsor';
}
