/** An invitation in a few plain lines, for help answers about a named guest. */
import { failureOf, type InvitationRecord } from '../domain/invitations/invitation.js';
import { pathLabel, predictionOfRecord } from '../domain/redemption/path-guide.js';
import { signInLine } from '../cards/path-words.js';
import type { Translator } from '../i18n/translator.js';
import { say as spoken, sayKept } from '../cards/say.js';

export function describeInvitation(words: Translator, record: InvitationRecord | undefined): string[] {
  const say = (key: string, values = {}) => words.t(`replies:invitation.${key}`, values);
  if (!record) return [say('notInvited')];
  const date = (at: string) => words.dateTime(new Date(at), { dateStyle: 'medium' });
  const lines = [say('invitedOn', { named: record.inviter.name ? 'yes' : 'no', name: record.inviter.name ?? '', date: date(record.sentAt ?? record.createdAt) })];
  switch (record.state) {
    case 'Withdrawn':
      lines.push(say('Withdrawn', { named: record.withdrawn?.by.name ? 'yes' : 'no', name: record.withdrawn?.by.name ?? '' }));
      break;
    case 'Failed': {
      const failure = failureOf(record);
      lines.push(say('Failed', { reason: failure ? sayKept(words, failure) : say('noReason') }));
      break;
    }
    default:
      lines.push(say(record.state));
  }
  const predicted = predictionOfRecord(record);
  if (predicted && record.state !== 'Accepted') lines.push(say('predicted', { line: signInLine(words, predicted) }));
  if (record.state === 'Accepted' && record.actualPath) lines.push(say('signedInWith', { path: spoken(words, pathLabel(record.actualPath)) }));
  if (record.mailedAt) lines.push(say('mailed', { date: date(record.mailedAt) }));
  return lines;
}
