import { z } from 'zod';
import type { DirectoryUser } from '../fixture.js';
import type { SimResponse } from '../http/response.js';
import { graphDateTime } from '../time.js';
import { GraphRequestError } from './errors.js';
import type { GraphCall } from './graph-call.js';
import { parseSendMailRequest } from './send-mail-request.js';

// POST /users/{id | userPrincipalName}/sendMail: the mailbox sends the message at once (202, no body)
// and the simulator keeps it in the mail outbox (GET /_sim/mail). Mail is an Exchange operation, so
// its refusals carry Exchange's codes rather than the directory's.

export function sendMail({ request, params, context }: GraphCall): SimResponse {
  const message = parseSendMailRequest(request);
  const idOrUserPrincipalName = params['id'] ?? '';
  const user = context.state.tenant.findUser(idOrUserPrincipalName);
  if (user === undefined) {
    throw new GraphRequestError(404, 'ErrorInvalidUser', `The requested user '${idOrUserPrincipalName}' is invalid.`);
  }
  const mailbox = mailboxAddress(user);
  if (mailbox === undefined) {
    throw new GraphRequestError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  }
  if (message.to.length === 0 || ![...message.to, ...message.cc].every(isValidAddress)) {
    throw new GraphRequestError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
  }
  context.state.mail.record({
    from: mailbox,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    contentType: message.contentType,
    content: message.content,
    sentAt: graphDateTime(),
  });
  return { status: 202 };
}

/**
 * The user's mailbox address, or undefined without a mailbox. The fixture models no Exchange
 * licences, so a member with a mail address has a mailbox; guests (invited, even as Member) and
 * members without mail have none.
 */
function mailboxAddress(user: DirectoryUser): string | undefined {
  if (user.userType !== 'Member' || user.creationType === 'Invitation' || user.mail === null) return undefined;
  return user.mail;
}

const addressSchema = z.email();

function isValidAddress(address: string): boolean {
  return addressSchema.safeParse(address).success;
}
