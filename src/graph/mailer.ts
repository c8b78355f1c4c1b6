/**
 * The bot's own mailbox through Graph (POST /users/{mailbox}/sendMail, application permission Mail.Send),
 * for INVITATION_DELIVERY=mailbox. Retried by the SDK only on 429 (not processed); a 503/504 may have
 * sent the mail, and a second copy is worse than a failure the inviter can retry.
 */
import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { Mailer, OutgoingMail } from '../domain/ports/mailer.js';
import { toServiceError } from './errors.js';
import { mailText } from './mail-text.js';

const RETRY_ONLY_THROTTLED = new RetryHandlerOptions(undefined, undefined, (_delay, _attempt, _request, _options, response) => response.status === 429);

export class GraphMailer implements Mailer {
  constructor(
    private readonly client: Client,
    /** UPN or object id of the mailbox the invitations come from. */
    private readonly mailbox: string,
    /** The bot's public address (PUBLIC_BASE_URL): the mail links to its guest help page; empty = no link. */
    private readonly publicBaseUrl = '',
  ) {}

  /** Written in the mail's language (the batch's email language), as Graph's own invitation email would be. */
  async send(mail: OutgoingMail): Promise<void> {
    const { subject, text } = mailText(mail, this.publicBaseUrl);
    const message = {
      subject,
      body: { contentType: 'Text', content: text },
      toRecipients: [{ emailAddress: { address: mail.to.address, ...(mail.to.name ? { name: mail.to.name } : {}) } }],
      ...(mail.cc ? { ccRecipients: [{ emailAddress: { address: mail.cc } }] } : {}),
    };
    try {
      await this.client
        .api(`/users/${encodeURIComponent(this.mailbox)}/sendMail`)
        .middlewareOptions([RETRY_ONLY_THROTTLED])
        .post({ message, saveToSentItems: true });
    } catch (error) {
      throw toServiceError(error, 'POST /users/{mailbox}/sendMail');
    }
  }
}
