/** What the bot needs from the rest of the app for intake and sending, bound to their dependencies by src/app. */
import type { EntryResult, InviteBatch, StatusCardLocation } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import type { TenantSnapshot } from '../domain/redemption/tenant-snapshot.js';
import type { FixAction, FixActor, FixOutcome } from '../domain/use-cases/fix-invitation.js';
import type { PathReport } from '../domain/use-cases/verify-paths.js';
import type { InvitationPage, StatusFilter } from '../domain/use-cases/my-invitations.js';
import type { BatchActionOutcome } from '../domain/use-cases/batch-actions.js';
import type { DeliveryMode } from '../domain/use-cases/send-work.js';
import type { StartReviewCommand, StartReviewOutcome } from '../domain/use-cases/start-review.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { AuditEvent } from '../domain/ports/audit-log.js';
import type { NotificationChannel } from '../domain/ports/channel-store.js';
import type { InviterCheck } from '../domain/use-cases/authorize.js';
import type { RequestSendingOutcome } from '../domain/use-cases/request-sending.js';
import type { Decision, DecisionOutcome } from '../domain/use-cases/decide-approval.js';
import type { AdminOutcome, AuditRequest } from '../domain/use-cases/administration.js';
import type { ChooseGuestCareOutcome, GuestCareChoice } from '../domain/use-cases/choose-guest-care.js';
import type { GuestPage } from '../domain/use-cases/my-guests.js';
import type { HandOverOutcome, SponsorlessOutcome } from '../domain/use-cases/hand-over-guests.js';
import type { InvitationReport } from '../domain/invitations/report.js';
import type { LeftConversation } from '../domain/use-cases/forget-conversation.js';
import type { AnswerOutcome, AnswerSource, LifecyclePreview, SponsorAnswer } from '../domain/use-cases/guest-lifecycle.js';

export interface IntakeServices {
  startReview(command: StartReviewCommand): Promise<StartReviewOutcome>;
  getBatch(batchId: string): Promise<InviteBatch | undefined>;
  changeDraft(batchId: string, actorAadObjectId: string | undefined, change: (batch: InviteBatch) => InviteBatch): Promise<BatchActionOutcome>;
  /** The review card's co-sponsors and "add to this team/chat", stored on the draft (co-sponsors looked up first). */
  chooseCare(batchId: string, actorAadObjectId: string | undefined, choice: GuestCareChoice): Promise<ChooseGuestCareOutcome>;
  /** May this person invite? A refusal is audited and told to the administrators' channel. */
  checkInviter(actor: Inviter): Promise<InviterCheck>;
  /**
   * Send a draft: checked against who may invite and the approval rules, it goes on the durable queue or
   * to an administrator; `card` is where its progress is shown.
   */
  send(batchId: string, actor: Inviter, card: StatusCardLocation | undefined): Promise<RequestSendingOutcome>;
  /** An administrator's approve or reject (checked on the server, audited either way). */
  decide(batchId: string, actor: Inviter, decision: Decision, comment: string): Promise<DecisionOutcome>;
  /** The requester takes back a request that waits for approval. */
  withdraw(batchId: string, actor: Inviter): Promise<BatchActionOutcome>;
  isAdministrator(actor: Inviter): Promise<boolean>;
  /** `notify here` with the channel, `notify off` without. */
  chooseChannel(actor: Inviter, channel: Pick<NotificationChannel, 'conversation' | 'name' | 'teamId'> | undefined): Promise<AdminOutcome<NotificationChannel | undefined>>;
  auditTrail(actor: Inviter, request: AuditRequest): Promise<AdminOutcome<AuditEvent[]>>;
  /** The administrators' report over the last weeks, from the audit trail. */
  report(actor: Inviter, weeks: number): Promise<AdminOutcome<InvitationReport>>;
  /** A signed, short-lived link to the CSV export of the same request. */
  exportLink(actor: Inviter, request: AuditRequest): string;
  /** The CSV export itself, for an administrator (checked now, and audited as an export). */
  exportAuditCsv(actor: Inviter, request: AuditRequest): Promise<AdminOutcome<string>>;
  /** Retry failed (a finished batch) or Resume (a paused one). */
  sendAgain(batchId: string, actorAadObjectId: string | undefined, card: StatusCardLocation | undefined): Promise<BatchActionOutcome>;
  outcomes(batchId: string): Promise<EntryResult[]>;
  /** Resend, Reset redemption or Copy link, for someone allowed to (checked in the use case, audited). */
  fix(address: string, action: FixAction, actor: FixActor): Promise<FixOutcome>;
  /** The invitations this person sent, a page at a time, brought up to date with the directory. */
  myInvitations(inviterAadObjectId: string, page: number, filter?: StatusFilter): Promise<InvitationPage>;
  /** The guests this person sponsors (pending or accepted), a page at a time. */
  myGuests(sponsorAadObjectId: string, page: number): Promise<GuestPage>;
  /** Administrators: the guests this bot invited whose sponsors have all left. */
  sponsorlessGuests(actor: Inviter): Promise<SponsorlessOutcome>;
  /**
   * Administrators: one sponsorless guest (by address) or all of them to the person at `sponsorAddress`; the
   * administrators' channel and the new sponsor (reached through `serviceUrl`, the presser's Teams service) are told.
   */
  handOverGuests(actor: Inviter, request: { readonly guest?: string; readonly sponsorAddress: string }, reach: { readonly serviceUrl: string }): Promise<HandOverOutcome>;
  /** Predicted paths against actual ones, after asking the directory about guests not yet seen accepted. */
  pathReport(): Promise<PathReport>;
  /** Forgets the cached tenant configuration, reads it again, and audits a change of who may invite. */
  refreshSignInSettings(actor: Inviter): Promise<TenantSnapshot>;
  /** The bot was removed from this conversation (or its team): nothing more is posted there. */
  conversationEnded(left: LeftConversation, why: string): Promise<void>;
  /** Our record of an invitation to this (normalised) address, if we sent one. */
  invitation(address: string): Promise<InvitationRecord | undefined>;
  /** A sponsor's answers from their guest review card (only the sponsor may answer; checked in the use case, audited). */
  answerGuestReview(actor: Inviter, answers: readonly SponsorAnswer[], source: AnswerSource): Promise<AnswerOutcome>;
  /** What the next lifecycle round would do now, for an administrator; changes nothing. */
  previewLifecycle(actor: Inviter): Promise<AdminOutcome<LifecyclePreview>>;
}

export interface IntakeSettings {
  readonly tenantId: string;
  readonly defaultRedirectUrl: string;
  readonly redirectChoices: readonly { readonly title?: string; readonly url: string }[];
  readonly delivery: DeliveryMode;
  /** The bot's public address (PUBLIC_BASE_URL): guidance and help answers link to its guest help page; empty = no link. */
  readonly publicBaseUrl: string;
  /** Single notices to the admin channel, or a daily digest (the `notify here` answer says which). */
  readonly digest: boolean;
  /** The longest paste read (MAX_PASTE_CHARACTERS); a longer one is answered with how long it was. */
  readonly maxPasteCharacters: number;
  /**
   * Take a file upload address on this machine (a stand-in for OneDrive): only without Bot Framework
   * authentication, which the configuration allows on loopback only (the Playground, tests).
   */
  readonly acceptLoopbackUploads?: boolean;
}
