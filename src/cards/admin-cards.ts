/**
 * What administrators see: approval requests in their channel, the notices the bot posts there, the
 * daily digest, and the audit trail in chat. Names, addresses and comments are data in TextRuns.
 */
import { readyEntries, type EntryResult, type InviteBatch } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { describeApprovalReason } from '../domain/policy/approval-rules.js';
import type { Message } from '../domain/message.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import { say } from './say.js';
import type { AuditEvent } from '../domain/ports.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** Guests listed on an approval card; the rest are counted. */
const APPROVAL_GUESTS_SHOWN = 25;
export const AUDIT_ROWS_SHOWN = 25;

const WHERE: Record<InviteBatch['conversationType'], string> = { personal: 'personal chat', groupChat: 'group chat', channel: 'channel' };

export function approvalCard(batch: InviteBatch): AdaptiveCard {
  const ready = readyEntries(batch);
  const decision = batch.approval?.decision;
  const open = batch.state === 'AwaitingApproval' && !decision;
  return renderCard('approval', {
    batchId: batch.batchId,
    open,
    style: open ? 'accent' : !decision ? 'default' : decision.outcome === 'approved' ? 'good' : 'attention',
    title: open ? 'Approval needed: guest invitations' : decision?.outcome === 'approved' ? 'Approved: guest invitations' : decision ? 'Rejected: guest invitations' : 'Withdrawn by the requester',
    requester: batch.starter.name ?? 'Someone',
    count: plural(ready.length, 'guest'),
    where: WHERE[batch.conversationType],
    reasons: (batch.approval?.reasons ?? []).map((reason) => ({ text: say(translatorFor(), describeApprovalReason(reason)) })),
    guests: ready.slice(0, APPROVAL_GUESTS_SHOWN).map((entry) => ({ address: entry.address, name: entry.displayName ?? '' })),
    more: ready.length > APPROVAL_GUESTS_SHOWN ? `and ${ready.length - APPROVAL_GUESTS_SHOWN} more` : '',
    personalMessage: batch.options.personalMessage,
    decision: decision ? `${decision.outcome === 'approved' ? 'Approved' : 'Rejected'} by ${decision.by.name ?? 'an administrator'} at ${decision.at.slice(0, 16).replace('T', ' ')} UTC` : '',
    comment: decision?.comment ?? '',
  });
}

export interface AuditCardRequest {
  readonly days: number;
  readonly address?: string;
}

export function auditCard(events: readonly AuditEvent[], request: AuditCardRequest, exportUrl: string): AdaptiveCard {
  const about = request.address ? ` about ${request.address}` : '';
  const shown = events.slice(0, AUDIT_ROWS_SHOWN);
  return renderCard('audit', {
    title: `Audit trail${about}`,
    summary:
      events.length > shown.length
        ? `The newest ${shown.length} of the last ${request.days} days (more than ${shown.length}); the export has them all.`
        : `${plural(events.length, 'event')} in the last ${request.days} days, newest first. Times are UTC.`,
    rows: shown.map((event) => ({
      when: event.at.slice(0, 16).replace('T', ' '),
      who: event.actor.name ?? event.actor.aadObjectId ?? 'the bot',
      action: event.action,
      subject: event.addresses && event.addresses.length > 0 && !request.address ? `${event.subject} (${plural(event.addresses.length, 'guest')})` : event.subject,
      outcome: event.detail ? `${event.outcome} · ${event.detail}` : event.outcome,
    })),
    exportUrl,
  });
}

interface NoticeLine {
  readonly lead?: string;
  readonly text: string;
  readonly code?: string;
}

function adminNotice(style: string, title: string, lines: readonly NoticeLine[], facts: readonly { label: string; value: string }[] = []): AdaptiveCard {
  return renderCard('admin-notice', { style, title, lines: lines.map((line) => ({ lead: line.lead ?? '', text: line.text, code: line.code ?? '' })), facts });
}

export function notificationsHereCard(digest: boolean): AdaptiveCard {
  return adminNotice('good', 'Guest Invites reports here now', [
    {
      text: digest
        ? 'Approval requests come here as they happen; everything else (batches sent, acceptances, failures, refusals, decisions) comes once a day as a digest.'
        : 'Batches sent, acceptances, failures, policy refusals and approval requests come to this channel. Say notify off to stop.',
    },
  ]);
}

export function notificationsOffCard(): AdaptiveCard {
  return adminNotice('default', 'Notifications stopped', [{ text: 'Guest Invites no longer posts to a channel. Requests that need approval cannot be sent until an administrator says notify here in a channel.' }]);
}

export function batchFinishedNotice(batch: InviteBatch, results: readonly EntryResult[]): AdaptiveCard {
  const count = (outcome: EntryResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  const failed = results.filter((result) => result.outcome === 'failed');
  return adminNotice(
    failed.length > 0 ? 'warning' : 'good',
    failed.length > 0 ? 'Invitations sent, some failed' : 'Invitations sent',
    [
      { lead: batch.starter.name ?? 'Someone', text: ` invited guests from a ${WHERE[batch.conversationType]}.` },
      ...failed.slice(0, 10).map((result) => ({ text: `${result.reason ?? 'Failed'} `, code: result.address })),
    ],
    [
      { label: 'Invited', value: String(count('invited')) },
      { label: 'Already there', value: String(count('already-invited') + count('existing-guest') + count('existing-member')) },
      { label: 'Failed', value: String(failed.length) },
    ],
  );
}

export function batchPausedNotice(batch: InviteBatch): AdaptiveCard {
  return adminNotice('warning', 'Sending paused', [
    { lead: batch.starter.name ?? 'Someone', text: `’s invitations are paused. ${batch.pause?.message ?? ''}`.trim() },
  ]);
}

export function guestAcceptedNotice(record: InvitationRecord): AdaptiveCard {
  return adminNotice('good', 'Guest accepted', [
    { text: 'Accepted: ', code: record.email },
    { text: `Invited by ${record.inviter.name ?? 'someone'}${record.actualPath ? `; signs in with ${say(translatorFor(), pathLabel(record.actualPath))}` : ''}.` },
  ]);
}

export function refusalNotice(actorName: string | undefined, why: Message, count: number, words: Translator = translatorFor()): AdaptiveCard {
  return adminNotice('attention', 'Invitation refused by policy', [
    { lead: actorName ?? 'Someone', text: count > 0 ? ` asked to invite ${plural(count, 'guest')} and was refused.` : ' asked to invite guests and was refused.' },
    { text: say(words, why) },
  ]);
}

export function digestCard(events: readonly AuditEvent[], since: Date): AdaptiveCard {
  const tally = (action: AuditEvent['action'], outcome?: string) => events.filter((event) => event.action === action && (!outcome || event.outcome === outcome)).length;
  return adminNotice(
    'accent',
    `Guest Invites: the day since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    [{ text: 'Say audit in a chat with me for the details, or audit 1 to see exactly these events.' }],
    [
      { label: 'Invited', value: String(tally('invite', 'invited')) },
      { label: 'Failed', value: String(tally('invite', 'failed')) },
      { label: 'Refused by policy', value: String(tally('refuse')) },
      { label: 'Approval requests', value: String(tally('approval-requested')) },
      { label: 'Approved', value: String(tally('approve', 'done')) },
      { label: 'Rejected', value: String(tally('reject', 'done')) },
      { label: 'Resends and resets', value: String(tally('resend', 'done') + tally('reset-redemption', 'done')) },
    ],
  );
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
