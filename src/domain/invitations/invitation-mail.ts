/**
 * The invitation email the bot sends from its own mailbox (INVITATION_DELIVERY=mailbox): Graph sends
 * nothing then, so the personal note, which Graph drops for app-only calls, reaches the guest. The domain
 * says what the mail holds; the mailer writes it in the batch's email language.
 */
import type { OutgoingMail } from '../ports/mailer.js';
import type { InviteBatch, ReviewEntry } from './batch.js';
import type { InvitationRecord } from './invitation.js';

/** After Resend or Reset redemption in mailbox delivery: the new link, in the inviter's language (the record keeps no email language). */
export function newLinkMail(record: InvitationRecord, link: string): OutgoingMail {
  return {
    kind: 'new-link',
    to: { address: record.email, ...(record.displayName ? { name: record.displayName } : {}) },
    language: record.inviter.locale ?? 'en-US',
    ...(record.inviter.name ? { inviter: record.inviter.name } : {}),
    link,
  };
}

export function invitationMail(batch: InviteBatch, entry: ReviewEntry, record: InvitationRecord): OutgoingMail {
  return {
    kind: 'invitation',
    to: { address: entry.address, ...(entry.displayName ? { name: entry.displayName } : {}) },
    ...(batch.options.ccAddress ? { cc: batch.options.ccAddress } : {}),
    language: batch.options.messageLanguage,
    ...(batch.starter.name ? { inviter: batch.starter.name } : {}),
    // The redeem link can be lost if the connection broke after Graph created the guest; a tenant-specific
    // landing page also redeems (just-in-time redemption), so it stands in.
    link: record.inviteRedeemUrl ?? batch.options.redirectUrl,
    note: batch.options.personalMessage.trim(),
    landingPage: batch.options.redirectUrl,
    ...(entry.prediction ? { prediction: entry.prediction } : {}),
  };
}
