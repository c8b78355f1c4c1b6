/** A message accepted by POST /users/{id}/sendMail, as the control API reports it. */
export interface SentMail {
  /** The sending mailbox's address. */
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  contentType: 'Text' | 'HTML';
  content: string;
  sentAt: string;
}

/** The outbox of every mailbox in the tenant: what sendMail accepted, oldest first. */
export class SentMailLog {
  private messages: SentMail[] = [];

  record(message: SentMail): void {
    this.messages.push(message);
  }

  list(): readonly SentMail[] {
    return this.messages;
  }

  clear(): void {
    this.messages = [];
  }
}
