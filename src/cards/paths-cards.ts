/** `paths`: per predicted redemption path, how many guests accepted and how many the way predicted. */
import { pathLabel } from '../domain/redemption/path-guide.js';
import { translatorFor } from '../i18n/translator.js';
import { say } from './say.js';
import type { PathReport } from '../domain/use-cases/verify-paths.js';
import { renderCard, type AdaptiveCard } from './render.js';

export function pathsCard(report: PathReport): AdaptiveCard {
  const accepted = report.rows.reduce((sum, row) => sum + row.accepted, 0);
  const held = report.rows.reduce((sum, row) => sum + row.asPredicted, 0);
  const share = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);
  return renderCard('paths', {
    summary:
      report.rows.length === 0
        ? 'No invitation with a predicted path yet.'
        : `${accepted} guests accepted; ${held} signed in the way predicted (${share(held, accepted)}). ${report.checked} invitations checked in the directory just now.`,
    rows: report.rows.map((row) => ({
      label: say(translatorFor(), pathLabel(row.predicted)),
      value: `${row.invited} invited, ${row.accepted} accepted, ${row.asPredicted} as predicted (${share(row.asPredicted, row.accepted)})`,
    })),
  });
}
