/**
 * The lists people paste, from review to sending: each action on a batch bound to the stores, the
 * organisation's rules and the tenant. Refusals are told to the administrators (`refused`); whatever put
 * work on the sending queue wakes this instance's worker (`workQueued`) so sending starts at once.
 */
import type { Message } from '../domain/message.js';
import type { EntryResult, InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { ApprovalRules } from '../domain/policy/approval-rules.js';
import type { DomainRules } from '../domain/policy/domain-rules.js';
import type { ApprovalDesk } from '../domain/ports/approval-desk.js';
import type { BatchOutcomeStore } from '../domain/ports/batch-outcome-store.js';
import type { BatchStore } from '../domain/ports/batch-store.js';
import type { DirectoryGateway } from '../domain/ports/directory-gateway.js';
import type { InvitationStore } from '../domain/ports/invitation-store.js';
import type { RequesterTally } from '../domain/ports/requester-tally.js';
import type { WorkQueue } from '../domain/ports/work-queue.js';
import { checkInviter, type AuthorizeDependencies, type InviterCheck } from '../domain/use-cases/authorize.js';
import { changeDraft, sendAgain, type BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import { chooseGuestCare, type ChooseGuestCareOutcome, type GuestCareChoice } from '../domain/use-cases/choose-guest-care.js';
import { decideApproval, withdrawRequest, type Decision, type DecisionOutcome } from '../domain/use-cases/decide-approval.js';
import { requestSending, type RequestSendingOutcome } from '../domain/use-cases/request-sending.js';
import { startReview, type StartReviewCommand, type StartReviewOutcome } from '../domain/use-cases/start-review.js';
import { readyEntries } from '../domain/invitations/batch.js';

export interface BatchRequestsDependencies extends AuthorizeDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly batches: BatchStore;
  readonly outcomes: BatchOutcomeStore;
  readonly queue: WorkQueue;
  readonly tally: RequesterTally;
  readonly desk: ApprovalDesk;
  readonly domainRules: DomainRules;
  readonly approvalRules: ApprovalRules;
  readonly newId: () => string;
  /** The administrators hear of a refusal: who, why, and how many addresses it kept from being invited. */
  readonly refused: (actor: Inviter, why: Message, addresses: number) => Promise<void>;
  /** Work went on the sending queue (or may have): a worker nearby should look now, not at its next poll. */
  readonly workQueued: () => void;
}

export interface BatchRequests {
  startReview(command: StartReviewCommand): Promise<StartReviewOutcome>;
  getBatch(batchId: string): Promise<InviteBatch | undefined>;
  changeDraft(batchId: string, actorAadObjectId: string | undefined, change: (batch: InviteBatch) => InviteBatch): Promise<BatchActionOutcome>;
  /** The review card's co-sponsors and "add to this team/chat", stored on the draft (co-sponsors looked up first). */
  chooseCare(batchId: string, actorAadObjectId: string | undefined, choice: GuestCareChoice): Promise<ChooseGuestCareOutcome>;
  checkInviter(actor: Inviter): Promise<InviterCheck>;
  send(batchId: string, actor: Inviter, card: StatusCardLocation | undefined): Promise<RequestSendingOutcome>;
  decide(batchId: string, actor: Inviter, decision: Decision, comment: string): Promise<DecisionOutcome>;
  withdraw(batchId: string, actor: Inviter): Promise<BatchActionOutcome>;
  sendAgain(batchId: string, actorAadObjectId: string | undefined, card: StatusCardLocation | undefined): Promise<BatchActionOutcome>;
  outcomes(batchId: string): Promise<EntryResult[]>;
}

export function batchRequests(deps: BatchRequestsDependencies): BatchRequests {
  const { tenantId, batches, outcomes, queue, clock, audit, tally, desk } = deps;
  const key = (batchId: string) => ({ tenantId, batchId });
  const queued = <T>(outcome: Promise<T>) => outcome.finally(deps.workQueued);
  return {
    startReview: (command) =>
      startReview({ directory: deps.directory, store: deps.store, batches, clock, tenantId, tenant: deps.tenant, rules: deps.domainRules, newId: deps.newId }, command),
    getBatch: async (batchId) => (await batches.get(tenantId, batchId))?.value,
    changeDraft: (batchId, actor, change) => changeDraft({ batches, clock }, key(batchId), actor, change),
    chooseCare: (batchId, actor, choice) => chooseGuestCare({ batches, clock, directory: deps.directory }, key(batchId), actor, choice),
    checkInviter: async (actor) => {
      const check = await checkInviter(deps, actor, 'invite');
      if (!check.ok) await deps.refused(actor, check.why, 0);
      return check;
    },
    send: async (batchId, actor, card) => {
      const outcome = await queued(requestSending(deps, key(batchId), actor, card));
      if (outcome.kind === 'refused') await deps.refused(actor, outcome.check.why, readyEntries(outcome.batch).length);
      return outcome;
    },
    decide: (batchId, actor, decision, comment) =>
      queued(decideApproval({ people: deps.people, groups: deps.groups, batches, clock, queue, outcomes, audit, tally, desk }, key(batchId), actor, decision, comment)),
    withdraw: (batchId, actor) => withdrawRequest({ batches, clock, audit, desk }, key(batchId), actor),
    sendAgain: (batchId, actor, card) => queued(sendAgain({ batches, clock, queue, outcomes }, key(batchId), actor, card)),
    outcomes: (batchId) => outcomes.list(tenantId, batchId),
  };
}
