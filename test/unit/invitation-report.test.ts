import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportCard } from '../../src/cards/report-cards.js';
import { invitationReport, weekStartOf } from '../../src/domain/invitations/report.js';
import type { AuditEvent } from '../../src/domain/ports/audit-log.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { validateCard } from '../support/schemas.js';

const NOW = new Date('2026-12-05T12:00:00Z'); // a Saturday
const event = (at: string, action: AuditEvent['action'], subject: string, outcome: string, detail?: string, addresses?: string[]): AuditEvent => ({
  at,
  actor: { name: 'Dana' },
  action,
  subject,
  outcome,
  ...(detail ? { detail } : {}),
  ...(addresses ? { addresses } : {}),
});

const EVENTS: AuditEvent[] = [
  event('2026-12-01T09:00:00Z', 'invite', 'jane@fabrikam.com', 'invited'),
  event('2026-12-01T09:00:00Z', 'invite', 'ann@gmail.com', 'invited'),
  event('2026-12-01T09:00:01Z', 'invite', 'bad@blocked.com', 'failed', 'graph.domain-blocked'),
  event('2026-12-02T09:00:00Z', 'accepted', 'jane@fabrikam.com', 'entra', '2026-12-01T09:00:00Z'),
  event('2026-11-24T10:00:00Z', 'invite', 'bob@tailspin.com', 'invited'),
  event('2026-11-24T16:00:00Z', 'accepted', 'bob@tailspin.com', 'email-otp', '2026-11-24T10:00:00Z'),
  event('2026-11-25T10:00:00Z', 'refuse', 'batch b1', 'members-only', undefined, ['a@x.com', 'b@y.com']),
  event('2026-11-26T10:00:00Z', 'reject', 'batch b2', 'rejected'),
  event('2026-01-01T10:00:00Z', 'invite', 'old@fabrikam.com', 'invited'),
];

describe('the administrators report', () => {
  it('counts per week, the acceptance rate, time to accept, paths and reasons', () => {
    const report = invitationReport(EVENTS, NOW, 4);
    // The last week is the current one so far: a report on Saturday covers its Monday to now.
    expect(report.weeks).toEqual([
      { weekStart: '2026-11-09', invited: 0, accepted: 0 },
      { weekStart: '2026-11-16', invited: 0, accepted: 0 },
      { weekStart: '2026-11-23', invited: 1, accepted: 1 },
      { weekStart: '2026-11-30', invited: 2, accepted: 1 },
    ]);
    expect(report.invited).toBe(3);
    expect(report.acceptedOfInvited).toBe(2);
    expect(report.acceptanceRate).toBeCloseTo(2 / 3);
    expect(report.hoursToAccept).toEqual({ median: 6, p90: 24, count: 2 });
    expect(report.paths).toEqual([
      { key: 'email-otp', count: 1 },
      { key: 'entra', count: 1 },
    ]);
    expect(report.notInvited).toEqual([
      { key: 'policy.members-only', count: 2 },
      { key: 'approval.rejected', count: 1 },
      { key: 'graph.domain-blocked', count: 1 },
    ]);
  });

  it('weeks start on Monday, in UTC', () => {
    expect(weekStartOf(new Date('2026-12-07T00:00:00Z')).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(weekStartOf(new Date('2026-12-06T23:59:59Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('never counts an event outside the period, and its figures agree with each other', () => {
    const arbitraryEvent = fc.record({
      at: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      action: fc.constantFrom<AuditEvent['action']>('invite', 'accepted', 'refuse', 'reject', 'resend'),
      subject: fc.constantFrom('a@x.com', 'b@x.com', 'c@y.com', 'batch 1'),
      outcome: fc.constantFrom('invited', 'failed', 'entra', 'email-otp', 'members-only'),
      actor: fc.constant({}),
    });
    fc.assert(
      fc.property(fc.array(arbitraryEvent, { maxLength: 60 }), fc.integer({ min: 1, max: 52 }), (events, weeks) => {
        const report = invitationReport(events, NOW, weeks);
        const inPeriod = events.filter((e) => Date.parse(e.at) >= Date.parse(report.since) && Date.parse(e.at) <= NOW.getTime());
        expect(report.weeks).toHaveLength(weeks);
        expect(report.weeks.reduce((sum, week) => sum + week.invited, 0)).toBe(inPeriod.filter((e) => e.action === 'invite' && e.outcome === 'invited').length);
        expect(report.accepted).toBe(inPeriod.filter((e) => e.action === 'accepted').length);
        expect(report.acceptedOfInvited).toBeLessThanOrEqual(report.invited);
        if (report.acceptanceRate !== undefined) expect(report.acceptanceRate).toBeGreaterThanOrEqual(0);
        if (report.hoursToAccept) expect(report.hoursToAccept.p90).toBeGreaterThanOrEqual(report.hoursToAccept.median);
        expect(report.paths.reduce((sum, tally) => sum + tally.count, 0)).toBe(report.accepted);
      }),
    );
  });
});

describe('the report card', () => {
  const report = invitationReport(EVENTS, NOW, 4);

  it.each([
    ['en-US', 'Guest invitations: the last 4 weeks', 'Why addresses were not invited', 'Work account'],
    ['de-DE', 'Gasteinladungen: die letzten 4 Wochen', 'Warum Adressen nicht eingeladen wurden', 'Geschäftskonto'],
    ['fr-FR', 'Invitations d’invités : les 4 dernières semaines', 'Pourquoi des adresses n’ont pas été invitées', 'Compte professionnel'],
  ])('in %s: charts with text fallbacks, valid for Teams', (locale, title, reasons, path) => {
    const card = reportCard(report, 4, translatorFor({ locale, timeZone: 'Europe/Berlin' }));
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    for (const words of [title, reasons, path]) expect(json).toContain(words);
    expect(json).not.toContain('${');
    const charts = (card.body as { type: string; fallback?: { text: string } }[]).filter((element) => element.type.startsWith('Chart.'));
    expect(charts.map((chart) => chart.type)).toEqual(['Chart.VerticalBar.Grouped', 'Chart.Donut', 'Chart.HorizontalBar']);
    for (const chart of charts) expect(chart.fallback?.text).toBeTruthy();
  });

  it('says so when nothing happened', () => {
    const card = reportCard(invitationReport([], NOW, 2), 2, translatorFor({ locale: 'en' }));
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('No invitations in this period.');
  });

  it('a chart the schema does not know is refused, so the check can fail', () => {
    const card = reportCard(report, 4, translatorFor({ locale: 'en' }));
    const broken = { ...card, body: [...(card.body as object[]), { type: 'Chart.Donut', data: [{ legend: 'x' }], fallback: { type: 'TextBlock', text: 'x' } }] };
    expect(validateCard(broken)).not.toEqual([]);
  });
});
