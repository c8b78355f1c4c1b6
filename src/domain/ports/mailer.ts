/** The bot's own mailbox. */
export interface OutgoingMail {
  readonly to: { readonly address: string; readonly name?: string };
  readonly cc?: string;
  readonly subject: string;
  /** Plain text: nothing anyone typed is ever interpreted as markup. */
  readonly text: string;
}

/** The bot's own mailbox (INVITATION_DELIVERY=mailbox), which can carry the personal note Graph drops. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
