/**
 * The administrators' report as a card: Teams' Adaptive Card charts (Chart.VerticalBar.Grouped, Chart.Donut,
 * Chart.HorizontalBar), each with a text fallback for clients that do not draw charts, and the headline figures
 * as facts every client shows. The charts are one template (cards/report-charts.json) that the `report`
 * command's card and the daily digest both end with.
 */
import type { InvitationReport, Tally } from '../domain/invitations/report.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { RedemptionPath } from '../domain/redemption/predict-path.js';
import type { Translator } from '../i18n/translator.js';
import { say as spoken } from './say.js';
import { renderCard, type AdaptiveCard } from './render.js';

/** A Graph failure code or policy refusal in words; a code the catalogue does not know is shown as itself. */
function reasonLabel(words: Translator, code: string): string {
  return words.has(`cards/report-charts:reasons.${code}`) ? words.t(`cards/report-charts:reasons.${code}`) : words.t(`cards/report-charts:reasons.other`, { code });
}

/** The path's short name, as every other card names it; a path the audit trail did not know is said so. */
function pathName(words: Translator, path: string): string {
  return words.has(`paths:label.${path}`) ? spoken(words, pathLabel(path as RedemptionPath)) : words.t('cards/report-charts:pathUnknown');
}

const lines = (words: Translator, tallies: readonly Tally[], label: (key: string) => string) =>
  tallies.map((tally) => words.t(`cards/report-charts:slice`, { label: label(tally.key), count: words.number(tally.count) })).join('\n\n');

/**
 * The report's charts with their fallbacks, as card body elements: invitations and acceptances per week, the
 * sign-in paths, why addresses were not invited. `heading` (may be empty) goes above them.
 */
export function reportCharts(report: InvitationReport, words: Translator, heading = ''): readonly unknown[] {
  const weekLabel = (weekStart: string) => words.dateTime(new Date(`${weekStart}T12:00:00Z`), { day: 'numeric', month: 'short' });
  const charts = renderCard(
    'report-charts',
    {
      heading,
      invited: report.invited,
      weekSeries: (['invited', 'accepted'] as const).map((series) => ({
        legend: words.t(`cards/report-charts:series.${series}`),
        values: report.weeks.map((week) => ({ x: weekLabel(week.weekStart), y: week[series] })),
      })),
      weeksText: report.weeks
        .map((week) => words.t(`cards/report-charts:weekLine`, { week: weekLabel(week.weekStart), invited: week.invited, accepted: week.accepted }))
        .join('\n\n'),
      pathSlices: report.paths.map((tally) => ({ legend: pathName(words, tally.key), value: tally.count })),
      pathsText: lines(words, report.paths, (key) => pathName(words, key)),
      reasonBars: report.notInvited.map((tally) => ({ x: reasonLabel(words, tally.key), y: tally.count })),
      reasonsText: lines(words, report.notInvited, (key) => reasonLabel(words, key)),
    },
    words,
  );
  return charts.body as readonly unknown[];
}

/** A card with `elements` added at the end of its body. */
export function withBodyAppended(card: AdaptiveCard, elements: readonly unknown[]): AdaptiveCard {
  return { ...card, body: [...(card.body as readonly unknown[]), ...elements] };
}

export function reportCard(report: InvitationReport, weeks: number, words: Translator): AdaptiveCard {
  const day = { dateStyle: 'medium' } as const;
  const notInvited = report.notInvited.reduce((sum, tally) => sum + tally.count, 0);
  const none = words.t(`cards/report:none`);
  const figures = renderCard(
    'report',
    {
      weeks,
      period: words.t(`cards/report:period`, { since: words.dateTime(new Date(report.since), day), until: words.dateTime(new Date(report.until), day) }),
      invitedText: words.t(`cards/report:invitedValue`, { invited: report.invited }),
      rateText:
        report.acceptanceRate === undefined
          ? none
          : words.t(`cards/report:rateValue`, { rate: words.number(report.acceptanceRate, { style: 'percent' }), accepted: report.acceptedOfInvited, invited: report.invited }),
      timeToAcceptText: report.hoursToAccept
        ? words.t(`cards/report:timeToAcceptValue`, { median: words.number(report.hoursToAccept.median), p90: words.number(report.hoursToAccept.p90) })
        : none,
      notInvitedText: words.t(`cards/report:notInvitedValue`, { count: notInvited }),
    },
    words,
  );
  return withBodyAppended(figures, reportCharts(report, words));
}
