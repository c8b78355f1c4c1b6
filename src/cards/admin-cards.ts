/**
 * What administrators see: approval requests in their channel, the notices the bot posts there, the
 * daily digest, and the audit trail in chat. Names, addresses and comments are data in TextRuns.
 * Posted cards speak the admin channel's language (ADMIN_LOCALE), dates in its time zone (ADMIN_TIME_ZONE).
 */
import { pauseMessage, readyEntries, type EntryResult, type InviteBatch } from '../domain/invitations/batch.js';
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { describeApprovalReason } from '../domain/policy/approval-rules.js';
import type { AuditEvent } from '../domain/ports/audit-log.js';
import type { Digest } from '../domain/use-cases/daily-digest.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { reportCharts, withBodyAppended } from './report-cards.js';
import { say as spoken, sayKept } from './say.js';

/** Guests listed on an approval card; the rest are counted. */
const APPROVAL_GUESTS_SHOWN = 25;
export const AUDIT_ROWS_SHOWN = 25;

export function approvalCard(words: Translator, batch: InviteBatch): AdaptiveCard {
  const ready = readyEntries(batch);
  const decision = batch.approval?.decision;
  const open = batch.state === 'AwaitingApproval' && !decision;
  return renderCard(
    'approval',
    {
      batchId: batch.batchId,
      open,
      state: open ? 'open' : decision?.outcome ?? 'withdrawn',
      style: open ? 'accent' : !decision ? 'default' : decision.outcome === 'approved' ? 'good' : 'attention',
      requester: batch.starter.name ?? words.t('cards/approval:someone'),
      count: ready.length,
      where: batch.conversationType,
      reasons: (batch.approval?.reasons ?? []).map((reason) => ({ text: words.t('cards/approval:reason', { reason: spoken(words, describeApprovalReason(reason)) }) })),
      guests: ready.slice(0, APPROVAL_GUESTS_SHOWN).map((entry) => ({ address: entry.address, name: entry.displayName ?? '' })),
      more: Math.max(0, ready.length - APPROVAL_GUESTS_SHOWN),
      personalMessage: batch.options.personalMessage,
      decision: decision
        ? words.t('cards/approval:decision', {
            outcome: decision.outcome,
            named: decision.by.name ? 'yes' : 'no',
            name: decision.by.name ?? '',
            at: words.dateTime(new Date(decision.at)),
          })
        : '',
      comment: decision?.comment ?? '',
    },
    words,
  );
}

export interface AuditCardRequest {
  readonly days: number;
  readonly address?: string;
}

export function auditCard(words: Translator, events: readonly AuditEvent[], request: AuditCardRequest, exportUrl: string): AdaptiveCard {
  const shown = events.slice(0, AUDIT_ROWS_SHOWN);
  const say = (key: string, values = {}) => words.t(`cards/audit:${key}`, values);
  return renderCard(
    'audit',
    {
      title: request.address ? say('titleAbout', { address: request.address }) : say('title'),
      summary:
        events.length > shown.length
          ? say('summaryMore', { shown: shown.length, days: request.days, timeZone: words.timeZone })
          : say('summary', { count: events.length, days: request.days, timeZone: words.timeZone }),
      rows: shown.map((event) => ({
        when: words.dateTime(new Date(event.at), { dateStyle: 'short', timeStyle: 'short' }),
        who: event.actor.name ?? event.actor.aadObjectId ?? say('theBot'),
        // Audit actions and outcomes are the trail's own vocabulary, the same in the CSV export: shown as recorded.
        action: event.action,
        subject: event.addresses && event.addresses.length > 0 && !request.address ? say('subjectWithGuests', { subject: event.subject, count: event.addresses.length }) : event.subject,
        outcome: event.detail ? say('outcomeWithDetail', { outcome: event.outcome, detail: event.detail }) : event.outcome,
      })),
      exportUrl,
    },
    words,
  );
}

interface NoticeLine {
  readonly lead?: string;
  readonly text: string;
  readonly code?: string;
}

export function adminNotice(words: Translator, style: string, title: string, lines: readonly NoticeLine[], facts: readonly { label: string; value: string }[] = []): AdaptiveCard {
  return renderCard('admin-notice', { style, title, lines: lines.map((line) => ({ lead: line.lead ?? '', text: line.text, code: line.code ?? '' })), facts }, words);
}

function say(words: Translator, key: string, values = {}): string {
  return words.t(`cards/admin-notice:${key}`, values);
}

export function notificationsHereCard(words: Translator, digest: boolean): AdaptiveCard {
  return adminNotice(words, 'good', say(words, 'here.title'), [{ text: say(words, 'here.text', { digest: digest ? 'yes' : 'no' }) }]);
}

export function notificationsOffCard(words: Translator): AdaptiveCard {
  return adminNotice(words, 'default', say(words, 'off.title'), [{ text: say(words, 'off.text') }]);
}

function requester(words: Translator, batch: InviteBatch): string {
  return batch.starter.name ?? say(words, 'someone');
}

export function batchFinishedNotice(words: Translator, batch: InviteBatch, results: readonly EntryResult[]): AdaptiveCard {
  const count = (outcome: EntryResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  const failed = results.filter((result) => result.outcome === 'failed');
  const fact = (key: string, value: number) => ({ label: say(words, `fact.${key}`), value: words.number(value) });
  return adminNotice(
    words,
    failed.length > 0 ? 'warning' : 'good',
    say(words, failed.length > 0 ? 'finished.titleSomeFailed' : 'finished.title'),
    [
      { lead: requester(words, batch), text: say(words, 'finished.invitedFrom', { where: batch.conversationType }) },
      ...failed.slice(0, 10).map((result) => ({ text: say(words, 'finished.failedLine', { reason: result.reason ? sayKept(words, result.reason) : '' }), code: result.address })),
    ],
    [fact('invited', count('invited')), fact('alreadyThere', count('already-invited') + count('existing-guest') + count('existing-member')), fact('failed', failed.length)],
  );
}

export function batchPausedNotice(words: Translator, batch: InviteBatch): AdaptiveCard {
  return adminNotice(words, 'warning', say(words, 'paused.title'), [{ lead: requester(words, batch), text: say(words, 'paused.text', { why: batch.pause ? spoken(words, pauseMessage(batch.pause)) : '' }).trimEnd() }]);
}

export function guestAcceptedNotice(words: Translator, record: InvitationRecord): AdaptiveCard {
  return adminNotice(words, 'good', say(words, 'accepted.title'), [
    { text: say(words, 'accepted.address'), code: record.email },
    {
      text: say(words, 'accepted.by', {
        named: record.inviter.name ? 'yes' : 'no',
        inviter: record.inviter.name ?? '',
        withPath: record.actualPath ? 'yes' : 'no',
        path: record.actualPath ? spoken(words, pathLabel(record.actualPath)) : '',
      }),
    },
  ]);
}

export function refusalNotice(words: Translator, actorName: string | undefined, why: string, count: number): AdaptiveCard {
  return adminNotice(words, 'attention', say(words, 'refused.title'), [{ lead: actorName ?? say(words, 'someone'), text: say(words, 'refused.text', { count }) }, { text: why }]);
}

/** The day's tallies, then the report's charts over the last weeks (the `report` command's, from the same audit trail). */
export function digestCard(words: Translator, { events, since, report, weeks }: Digest): AdaptiveCard {
  const tally = (action: AuditEvent['action'], outcome?: string) => events.filter((event) => event.action === action && (!outcome || event.outcome === outcome)).length;
  const fact = (key: string, value: number) => ({ label: say(words, `fact.${key}`), value: words.number(value) });
  const day = adminNotice(
    words,
    'accent',
    say(words, 'digest.title', { since: words.dateTime(since) }),
    [{ text: say(words, 'digest.text') }],
    [
      fact('invited', tally('invite', 'invited')),
      fact('failed', tally('invite', 'failed')),
      fact('refused', tally('refuse')),
      fact('approvalRequests', tally('approval-requested')),
      fact('approved', tally('approve', 'done')),
      fact('rejected', tally('reject', 'done')),
      fact('resends', tally('resend', 'done') + tally('reset-redemption', 'done')),
    ],
  );
  return withBodyAppended(day, reportCharts(report, words, say(words, 'digest.trend', { weeks })));
}
