/** `paths`: per predicted redemption path, how many guests accepted and how many the way predicted. */
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { PathReport } from '../domain/use-cases/verify-paths.js';
import type { Translator } from '../i18n/translator.js';
import { renderCard, type AdaptiveCard } from './render.js';
import { say as spoken } from './say.js';

export function pathsCard(words: Translator, report: PathReport): AdaptiveCard {
  const accepted = report.rows.reduce((sum, row) => sum + row.accepted, 0);
  const held = report.rows.reduce((sum, row) => sum + row.asPredicted, 0);
  const share = (part: number, whole: number) => (whole === 0 ? '–' : words.number(part / whole, { style: 'percent' }));
  return renderCard(
    'paths',
    {
      summary:
        report.rows.length === 0
          ? words.t('cards/paths:none')
          : words.t('cards/paths:summary', { accepted, held, share: share(held, accepted), checked: report.checked }),
      rows: report.rows.map((row) => ({
        label: spoken(words, pathLabel(row.predicted)),
        value: words.t('cards/paths:row', { invited: row.invited, accepted: row.accepted, asPredicted: row.asPredicted, share: share(row.asPredicted, row.accepted) }),
      })),
    },
    words,
  );
}
