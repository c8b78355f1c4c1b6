/**
 * The invitation email the bot sends from its own mailbox (INVITATION_DELIVERY=mailbox): Graph sends
 * nothing then, so the personal note, which Graph drops for app-only calls, reaches the guest.
 * Plain text only: nothing the inviter typed is interpreted as markup.
 */
import type { OutgoingMail } from '../ports/mailer.js';
import type { InviteBatch, ReviewEntry } from './batch.js';
import type { InvitationRecord } from './invitation.js';
import type { PathPrediction } from '../redemption/predict-path.js';
import { guestSteps } from '../redemption/path-guide.js';

/** What this guest will see, predicted from the organisation's configuration; both branches when it depends on them. */
function signInGuide(prediction: PathPrediction): string[] {
  const lines = ['How you will sign in:', ...guestSteps(prediction.path, prediction.via).map((step, i) => `  ${i + 1}. ${step}`)];
  if (prediction.otherwise) {
    const when = prediction.path === 'entra' ? 'If you have no work account there' : 'If you already have a personal Microsoft account for this address';
    lines.push(`${when}:`, ...guestSteps(prediction.otherwise.path, prediction.otherwise.via).map((step, i) => `  ${i + 1}. ${step}`));
  }
  return [...lines, ''];
}

/** After Resend or Reset redemption in mailbox delivery: the new link, and nothing the guest has seen already. */
export function newLinkMail(record: InvitationRecord, link: string): OutgoingMail {
  const inviter = record.inviter.name ?? 'A colleague';
  return {
    to: { address: record.email, ...(record.displayName ? { name: record.displayName } : {}) },
    subject: `Your invitation from ${inviter}, again`,
    text: [`Hello ${record.displayName ?? ''}`.trim() + ',', '', `${inviter} has sent you a new link to accept their invitation:`, link, '', 'Sign in with the account for this email address.'].join('\n'),
  };
}

export function invitationMail(batch: InviteBatch, entry: ReviewEntry, record: InvitationRecord): OutgoingMail {
  const inviter = batch.starter.name ?? 'A colleague';
  // The redeem link can be lost if the connection broke after Graph created the guest; a tenant-specific
  // landing page also redeems (just-in-time redemption), so it stands in.
  const link = record.inviteRedeemUrl ?? batch.options.redirectUrl;
  const note = batch.options.personalMessage.trim();
  const lines = [
    `Hello ${entry.displayName ?? ''}`.trim() + ',',
    '',
    `${inviter} has invited you to work with their organisation as a guest in Microsoft 365 (Teams and shared files).`,
    ...(note ? ['', `A note from ${inviter}:`, '', ...note.split(/\r?\n/).map((line) => `  ${line}`)] : []),
    '',
    'To accept, open this link and sign in with the account for this email address:',
    link,
    '',
    ...(entry.prediction ? signInGuide(entry.prediction) : []),
    `Afterwards you land on ${batch.options.redirectUrl}.`,
    '',
    'If you did not expect this invitation, you can ignore this email: nothing happens until you accept.',
  ];
  return {
    to: { address: entry.address, ...(entry.displayName ? { name: entry.displayName } : {}) },
    ...(batch.options.ccAddress ? { cc: batch.options.ccAddress } : {}),
    subject: `${inviter} invited you to collaborate`,
    text: lines.join('\n'),
  };
}
