/**
 * The administrators' report as a card: Teams' Adaptive Card charts (Chart.VerticalBar.Grouped, Chart.Donut,
 * Chart.HorizontalBar), each with a text fallback for clients that do not draw charts (the Agents Playground
 * among them), and the headline figures as facts every client shows.
 */
import type { InvitationReport, Tally } from '../domain/invitations/report.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { RedemptionPath } from '../domain/redemption/predict-path.js';
import type { Translator } from '../i18n/translator.js';
import { say as spoken } from './say.js';
import { renderCard, type AdaptiveCard } from './render.js';


/** A Graph failure code or policy refusal in words; a code the catalogue does not know is shown as itself. */
function reasonLabel(words: Translator, code: string): string {
  return words.has(`cards/report:reasons.${code}`) ? words.t(`cards/report:reasons.${code}`) : words.t(`cards/report:reasons.other`, { code });
}

/** The path's short name, as every other card names it; a path the audit trail did not know is said so. */
function pathName(words: Translator, path: string): string {
  return words.has(`paths:label.${path}`) ? spoken(words, pathLabel(path as RedemptionPath)) : words.t('cards/report:pathUnknown');
}

const lines = (words: Translator, tallies: readonly Tally[], label: (key: string) => string) =>
  tallies.map((tally) => words.t(`cards/report:slice`, { label: label(tally.key), count: words.number(tally.count) })).join('\n\n');

export function reportCard(report: InvitationReport, weeks: number, words: Translator): AdaptiveCard {
  const day = { dateStyle: 'medium' } as const;
  const weekLabel = (weekStart: string) => words.dateTime(new Date(`${weekStart}T12:00:00Z`), { day: 'numeric', month: 'short' });
  const notInvited = report.notInvited.reduce((sum, tally) => sum + tally.count, 0);
  const none = words.t(`cards/report:none`);
  return renderCard(
    'report',
    {
      weeks,
      invited: report.invited,
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
      weekSeries: (['invited', 'accepted'] as const).map((series) => ({
        legend: words.t(`cards/report:series.${series}`),
        values: report.weeks.map((week) => ({ x: weekLabel(week.weekStart), y: week[series] })),
      })),
      weeksText: report.weeks
        .map((week) => words.t(`cards/report:weekLine`, { week: weekLabel(week.weekStart), invited: week.invited, accepted: week.accepted }))
        .join('\n\n'),
      pathSlices: report.paths.map((tally) => ({ legend: pathName(words, tally.key), value: tally.count })),
      pathsText: lines(words, report.paths, (key) => pathName(words, key)),
      reasonBars: report.notInvited.map((tally) => ({ x: reasonLabel(words, tally.key), y: tally.count })),
      reasonsText: lines(words, report.notInvited, (key) => reasonLabel(words, key)),
    },
    words,
  );
}
