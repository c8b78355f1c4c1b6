/** The bot's own mailbox. */
import type { PathPrediction } from '../redemption/predict-path.js';

/**
 * A mail from the bot's own mailbox, as facts: the mailer writes it in `language` (the batch's email language),
 * as plain text, so nothing anyone typed is ever interpreted as markup.
 */
export type OutgoingMail = {
  readonly to: { readonly address: string; readonly name?: string };
  readonly cc?: string;
  /** BCP 47, e.g. "de-DE": the invitation email's language chosen on the review. */
  readonly language: string;
  /** Who invites, as Teams names them; a mail without a name speaks of "a colleague". */
  readonly inviter?: string;
  readonly link: string;
} & (
  | {
      readonly kind: 'invitation';
      /** The inviter's personal note, verbatim ('' when none). */
      readonly note: string;
      /** Where the guest lands after accepting. */
      readonly landingPage: string;
      /** How this guest will sign in, predicted from the organisation's configuration. */
      readonly prediction?: PathPrediction;
    }
  /** After Resend or Reset redemption: the new link, and nothing the guest has seen already. */
  | { readonly kind: 'new-link' }
);

/** The bot's own mailbox (INVITATION_DELIVERY=mailbox), which can carry the personal note Graph drops. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
