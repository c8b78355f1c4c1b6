/** An invitation in a few plain lines, for help answers about a named guest. */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { pathLabel, predictionOfRecord } from '../domain/redemption/path-guide.js';
import { signInLine } from '../cards/path-words.js';
import { say } from '../cards/say.js';
import { translatorFor } from '../i18n/translator.js';

export function describeInvitation(record: InvitationRecord | undefined): string[] {
  if (!record) return ['Not invited with Guest Invites: the address may have been invited another way, or not at all.'];
  const when = (record.sentAt ?? record.createdAt).slice(0, 10);
  const by = record.inviter.name ? ` by ${record.inviter.name}` : '';
  const lines = [`Invited${by} on ${when}.`];
  switch (record.state) {
    case 'PendingAcceptance':
      lines.push('Not accepted yet.');
      break;
    case 'Accepted':
      lines.push('Accepted. If they accepted with the wrong account, Reset redemption lets them accept again with the right one.');
      break;
    case 'Sending':
      lines.push('Being sent right now.');
      break;
    case 'Removed':
      lines.push('The guest is no longer in your directory: invite them again if they still need access.');
      break;
    case 'Withdrawn':
      lines.push(`Withdrawn${record.withdrawn?.by.name ? ` by ${record.withdrawn.by.name}` : ''} before the guest accepted: invite them again if they still need access.`);
      break;
    case 'Failed':
      lines.push(`The invitation failed: ${record.lastError?.message ?? 'no reason recorded'}.`);
      break;
  }
  const predicted = predictionOfRecord(record);
  if (predicted && record.state !== 'Accepted') lines.push(`${signInLine(translatorFor(), predicted)}.`);
  if (record.state === 'Accepted' && record.actualPath) lines.push(`Signed in with: ${say(translatorFor(), pathLabel(record.actualPath))}.`);
  if (record.mailedAt) lines.push(`Emailed from the invitation mailbox on ${record.mailedAt.slice(0, 10)}.`);
  return lines;
}
