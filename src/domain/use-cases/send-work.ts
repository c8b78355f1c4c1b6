/**
 * The sending pipeline's unit of work: a few addresses of a batch taken from the queue. Each address is
 * invited exactly once (inviteGuest), its outcome recorded beside the batch, and the batch's card told.
 * A failure of one address never stops the others; a throttled or busy address goes back on the queue;
 * an anti-abuse block or the daily limit pauses the whole batch instead of failing every address.
 */
import { readyEntries, type BatchPause, type EntryResult, type InviteBatch, type ReviewEntry } from '../invitations/batch.js';
import { isSettledOutcome, progressOf, type SendWork } from '../invitations/send-work.js';
import type { InvitationRecord } from '../invitations/invitation.js';
import { isServiceError, ServiceError } from '../errors.js';
import { invitationMail } from '../invitations/invitation-mail.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { BatchObserver } from '../ports/batch-observer.js';
import type { BatchOutcomeStore } from '../ports/batch-outcome-store.js';
import { storedBatch, type BatchStore } from '../ports/batch-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { WorkQueue } from '../ports/work-queue.js';
import { StaleWriteError, updateVersioned, type Versioned } from '../ports/versioned.js';
import { inviteGuest, RECHECK_DELAYS_MS, type InviteGuestDependencies, type InviteGuestOutcome } from './invite-guest.js';

/**
 * microsoft: Graph emails the invitation (the personal note cannot travel: Graph drops it for app-only calls).
 * mailbox: Graph sends nothing; the bot emails the note and the redeem link from its own mailbox.
 * link: nobody emails; the inviter passes the redeem link on.
 */
export type DeliveryMode = 'microsoft' | 'mailbox' | 'link';

/** Only the bot's own mailbox carries the inviter's note to the guest; elsewhere a note would be typed for nobody. */
export function carriesPersonalNote(mode: DeliveryMode): boolean {
  return mode === 'mailbox';
}
export type InvitationDelivery = { readonly mode: 'microsoft' | 'link' } | { readonly mode: 'mailbox'; readonly mailer: Mailer };

export interface SendWorkDependencies extends InviteGuestDependencies {
  readonly batches: BatchStore;
  readonly outcomes: BatchOutcomeStore;
  readonly queue: WorkQueue;
  readonly observer: BatchObserver;
  readonly delivery: InvitationDelivery;
  /** Every address's outcome is audited, under the requester's name. */
  readonly audit?: AuditLog;
}

/**
 * Attempts of one address in a round when Graph fails in passing (5xx, a broken or refused connection).
 * Each attempt after an uncertain failure looks the address up first (inviteGuest), so a guest Graph did
 * create is found, not invited again.
 */
const TRANSIENT_ATTEMPTS = 3;
const TRANSIENT: ReadonlySet<string> = new Set(['graph.unavailable', 'graph.unreachable', 'graph.unexpected']);

type Verdict =
  | { readonly kind: 'done'; readonly result: EntryResult }
  | { readonly kind: 'later'; readonly afterMs: number }
  | { readonly kind: 'pause'; readonly pause: BatchPause };

export async function processSendWork(deps: SendWorkDependencies, work: SendWork): Promise<void> {
  const stored = await sendableBatch(deps, work);
  if (!stored) return;
  const batch = stored.value;
  const known = new Map((await deps.outcomes.list(work.tenantId, work.batchId)).map((result) => [result.address, result]));
  const entries = new Map(readyEntries(batch).map((entry) => [entry.address, entry]));
  const open = work.addresses.flatMap((address) => {
    const entry = entries.get(address);
    return entry && !isSettledOutcome(known.get(address), batch.round) ? [entry] : [];
  });

  // The addresses of one message go out side by side: Graph answers an invitation in a good fraction of a
  // second, and the shared pacer, not this loop, keeps the tenant under its budget.
  const settled = await Promise.allSettled(
    open.map(async (entry) => {
      const verdict = await sendAddress(deps, batch, entry);
      if (verdict.kind === 'done') {
        await deps.outcomes.record(work.tenantId, work.batchId, verdict.result);
        deps.observer.recorded(batch, verdict.result);
        await deps.audit?.append(work.tenantId, {
          at: deps.clock.now().toISOString(),
          actor: batch.starter,
          action: 'invite',
          subject: entry.address,
          outcome: verdict.result.outcome,
          ...(verdict.result.code ? { detail: verdict.result.code } : {}),
        });
      }
      return { address: entry.address, verdict };
    }),
  );
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  // Outcomes already recorded stay; the message comes back for the rest.
  if (failure) throw failure.reason;
  const verdicts = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));

  const pause = verdicts.find((item) => item.verdict.kind === 'pause')?.verdict;
  const later = verdicts.filter((item) => item.verdict.kind !== 'done');
  if (pause?.kind === 'pause') {
    await pauseBatch(deps, stored, pause.pause);
    // A pause that ends by itself (the daily limit) brings its addresses back then; after an anti-abuse
    // block, Resume sends every address without a success.
    if (pause.pause.resumesAt) await enqueueLater(deps, work, later.map((item) => item.address), Date.parse(pause.pause.resumesAt) - deps.clock.now().getTime());
    return;
  }
  if (later.length > 0) {
    const afterMs = Math.max(...later.map((item) => (item.verdict.kind === 'later' ? item.verdict.afterMs : 0)));
    await enqueueLater(deps, work, later.map((item) => item.address), afterMs);
  } else {
    await finishIfComplete(deps, work);
  }
}

function enqueueLater(deps: SendWorkDependencies, work: SendWork, addresses: readonly string[], afterMs: number): Promise<void> {
  return deps.queue.enqueue({ ...work, addresses }, Math.max(1, Math.ceil(afterMs / 1000)));
}

/** The batch if its work should go on: Sending, or Paused by the daily limit whose time has come. */
async function sendableBatch(deps: SendWorkDependencies, work: SendWork): Promise<Versioned<InviteBatch> | undefined> {
  const update = await updateVersioned(
    storedBatch(deps.batches, work),
    (batch): InviteBatch | undefined => {
      const pause = batch?.pause;
      if (batch?.state !== 'Paused' || pause?.reason !== 'daily-limit' || !pause.resumesAt) return undefined;
      if (Date.parse(pause.resumesAt) > deps.clock.now().getTime()) return undefined;
      const { pause: _done, ...rest } = batch;
      return { ...rest, state: 'Sending', updatedAt: deps.clock.now().toISOString() };
    },
    { what: `resume batch ${work.batchId}` },
  );
  return update.record?.value.state === 'Sending' ? update.record : undefined;
}

async function sendAddress(deps: SendWorkDependencies, batch: InviteBatch, entry: ReviewEntry): Promise<Verdict> {
  let transient = 0;
  for (;;) {
    const outcome = await inviteGuest(deps, {
      tenantId: batch.tenantId,
      address: entry.address,
      ...(entry.displayName ? { displayName: entry.displayName } : {}),
      inviter: batch.starter,
      ...(batch.care?.coSponsors.length ? { coSponsorIds: batch.care.coSponsors.map((sponsor) => sponsor.id) } : {}),
      ...(batch.care?.addToSpace && batch.invitedFrom ? { placeIn: batch.invitedFrom } : {}),
      originConversationId: batch.conversationId,
      batchId: batch.batchId,
      ...(entry.prediction ? { predictedPath: entry.prediction.path } : {}),
      ...(entry.prediction?.via ? { predictedVia: entry.prediction.via } : {}),
      ...(entry.prediction?.otherwise ? { predictedOtherwise: entry.prediction.otherwise.path } : {}),
      redirectUrl: batch.options.redirectUrl,
      sendInvitationMessage: deps.delivery.mode === 'microsoft',
      messageLanguage: batch.options.messageLanguage,
      ...(batch.options.ccAddress ? { ccAddress: batch.options.ccAddress } : {}),
    });
    // inviteGuest already tried the request again through several 429s: the address waits on the queue.
    if (outcome.kind === 'failed' && outcome.error.code === 'graph.throttled') return { kind: 'later', afterMs: (outcome.error.retryAfterSeconds ?? 5) * 1000 };
    if (outcome.kind === 'failed' && TRANSIENT.has(outcome.error.code) && ++transient < TRANSIENT_ATTEMPTS) {
      if (outcome.error.code === 'graph.unreachable') await deps.clock.sleep((deps.recheckDelaysMs ?? RECHECK_DELAYS_MS)[0] ?? 1000);
      continue;
    }
    return verdictOf(deps, batch, entry, outcome);
  }
}

async function verdictOf(deps: SendWorkDependencies, batch: InviteBatch, entry: ReviewEntry, outcome: InviteGuestOutcome): Promise<Verdict> {
  const done = (result: Omit<EntryResult, 'address' | 'round'>): Verdict => ({ kind: 'done', result: { address: entry.address, round: batch.round, ...result } });
  switch (outcome.kind) {
    case 'invited':
      return done(await deliver(deps, batch, entry, outcome.record));
    case 'already-invited':
      // Our own batch got there first (a redelivered message, a crash after Graph's answer): still invited by it.
      return outcome.record.batchId === batch.batchId ? done(await deliver(deps, batch, entry, outcome.record)) : done({ outcome: 'already-invited' });
    case 'existing-guest':
      return done({ outcome: 'existing-guest' });
    case 'existing-member':
    case 'own-domain':
      return done({ outcome: 'existing-member' });
    case 'invalid-address':
      return done({ outcome: 'failed', reason: 'Not a valid address.' });
    case 'in-progress':
      return { kind: 'later', afterMs: outcome.retryAfterMs };
    case 'paced':
      return {
        kind: 'pause',
        pause: {
          reason: 'daily-limit',
          message: 'Today’s invitation limit for your organisation is reached. Sending goes on by itself when the next day’s budget opens.',
          resumesAt: outcome.resumesAt.toISOString(),
        },
      };
    case 'failed':
      if (outcome.error.code === 'graph.invitations-blocked') return { kind: 'pause', pause: { reason: 'anti-abuse', message: outcome.error.userMessage } };
      return done({ outcome: 'failed', reason: reasonOf(outcome.error, entry.address), code: outcome.error.code });
  }
}

/** In mailbox mode, the bot's own email; once per invitation, remembered on the record. */
async function deliver(
  deps: SendWorkDependencies,
  batch: InviteBatch,
  entry: ReviewEntry,
  record: InvitationRecord,
): Promise<Omit<EntryResult, 'address' | 'round'>> {
  if (deps.delivery.mode === 'link') return { outcome: 'invited', ...(record.inviteRedeemUrl ? { redeemUrl: record.inviteRedeemUrl } : {}) };
  if (deps.delivery.mode !== 'mailbox' || record.mailedAt) return { outcome: 'invited' };
  try {
    await deps.delivery.mailer.send(invitationMail(batch, entry, record));
    const latest = await deps.store.get(record.tenantId, record.email);
    if (latest) await deps.store.replace({ ...latest.value, mailedAt: deps.clock.now().toISOString() }, latest.etag).catch(ignoreStale);
    return { outcome: 'invited' };
  } catch (error) {
    if (!isServiceError(error)) throw error;
    return { outcome: 'failed', reason: reasonOf(new ServiceError('mail.failed', error.detail, error.serviceMessage ?? error.userMessage)) };
  }
}

function ignoreStale(error: unknown): void {
  if (!(error instanceof StaleWriteError)) throw error;
}

/**
 * Graph's own words help with a refusal it explains; a policy refusal is named by the rule, never in Graph's
 * words, with the domain when the rule is about the guest's domain.
 */
function reasonOf(error: ServiceError, address?: string): string {
  if (DOMAIN_REFUSALS.has(error.code) && address) return `${error.userMessage} (${address.slice(address.lastIndexOf('@') + 1)})`;
  if (DOMAIN_REFUSALS.has(error.code) || error.code === 'graph.invitations-not-allowed') return error.userMessage;
  return error.serviceMessage ? `${error.userMessage} (${error.serviceMessage})` : error.userMessage;
}

const DOMAIN_REFUSALS: ReadonlySet<string> = new Set(['graph.domain-blocked', 'graph.cross-tenant-blocked']);

async function pauseBatch(deps: SendWorkDependencies, stored: Versioned<InviteBatch>, pause: BatchPause): Promise<void> {
  const update = await updateVersioned(
    storedBatch(deps.batches, stored.value),
    (batch): InviteBatch | undefined => (batch?.state === 'Sending' ? { ...batch, state: 'Paused', pause, updatedAt: deps.clock.now().toISOString() } : undefined),
    { what: `pause batch ${stored.value.batchId}`, first: stored },
  );
  if (update.kind === 'written') await deps.observer.stateChanged(update.record.value);
}

/** The queue gave up on this work (poison): its open addresses fail with the reason, so the batch can finish. */
export async function giveUpOnWork(deps: SendWorkDependencies, work: SendWork, reason: string): Promise<void> {
  const stored = await deps.batches.get(work.tenantId, work.batchId);
  if (!stored) return;
  const known = new Map((await deps.outcomes.list(work.tenantId, work.batchId)).map((result) => [result.address, result]));
  for (const address of work.addresses) {
    if (isSettledOutcome(known.get(address), stored.value.round)) continue;
    await deps.outcomes.record(work.tenantId, work.batchId, { address, outcome: 'failed', reason, round: stored.value.round });
  }
  await finishIfComplete(deps, work);
}

/**
 * Whoever records the last outcome moves the batch to Done; the ETag lets exactly one instance win, and
 * only the winner shows the final card.
 */
export async function finishIfComplete(deps: Pick<SendWorkDependencies, 'batches' | 'outcomes' | 'observer' | 'clock'>, key: Pick<SendWork, 'tenantId' | 'batchId'>): Promise<void> {
  const update = await updateVersioned(
    storedBatch(deps.batches, key),
    async (batch): Promise<InviteBatch | undefined> => {
      if (batch?.state !== 'Sending') return undefined;
      if (progressOf(batch, await deps.outcomes.list(key.tenantId, key.batchId)).remaining > 0) return undefined;
      return { ...batch, state: 'Done', updatedAt: deps.clock.now().toISOString() };
    },
    { what: `finish batch ${key.batchId}` },
  );
  if (update.kind === 'written') await deps.observer.stateChanged(update.record.value);
}
