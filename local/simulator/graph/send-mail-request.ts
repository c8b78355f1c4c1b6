import { z } from 'zod';
import { parseJsonBody, type SimRequest } from '../http/request.js';
import { GraphRequestError } from './errors.js';

// The body of POST /users/{id}/sendMail (Graph v1.0 user: sendMail; shared/schemas
// sendMailRequestBody): { message, saveToSentItems }. Only the message properties the simulator
// records are checked; others a client may send (importance, attachments, …) are ignored.

const recipientSchema = z.looseObject({
  // A missing address makes the recipient invalid (ErrorInvalidRecipients), not the body malformed.
  emailAddress: z.looseObject({ address: z.string().nullish(), name: z.string().nullish() }),
});

const bodyTypeSchema = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['text', 'html'], "must be 'Text' or 'HTML'"));

const messageSchema = z.looseObject({
  subject: z.string().nullish(),
  body: z.looseObject({ contentType: bodyTypeSchema.nullish(), content: z.string().nullish() }).nullish(),
  toRecipients: z.array(recipientSchema).nullish(),
  ccRecipients: z.array(recipientSchema).nullish(),
});

const sendMailBodySchema = z.strictObject({
  message: messageSchema,
  saveToSentItems: z.boolean().nullish(),
});

export interface SendMailRequest {
  subject: string;
  contentType: 'Text' | 'HTML';
  content: string;
  /** Addresses as sent ('' for a recipient without one); whether they are valid is checked later. */
  to: string[];
  cc: string[];
}

const invalidRequest = (message: string): GraphRequestError => new GraphRequestError(400, 'ErrorInvalidRequest', message);

/** The parsed request, or a 400 ErrorInvalidRequest naming what is malformed. */
export function parseSendMailRequest(request: SimRequest): SendMailRequest {
  if (request.rawBody.trim() === '') throw invalidRequest('Empty Payload. JSON content expected.');
  const json = parseJsonBody(request);
  if (!json.parsed) {
    throw invalidRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  const parsed = sendMailBodySchema.safeParse(withCanonicalParameterNames(json.value), { reportInput: true });
  if (!parsed.success) throw invalidRequest(describeIssue(parsed.error.issues[0]));
  const { message } = parsed.data;
  return {
    subject: message.subject ?? '',
    contentType: message.body?.contentType === 'html' ? 'HTML' : 'Text',
    content: message.body?.content ?? '',
    to: (message.toRecipients ?? []).map((recipient) => recipient.emailAddress.address ?? ''),
    cc: (message.ccRecipients ?? []).map((recipient) => recipient.emailAddress.address ?? ''),
  };
}

// Microsoft's docs spell the action parameters message/saveToSentItems, its metadata
// Message/SaveToSentItems; both spellings are accepted. '@odata.type' annotations are not parameters.
const parameterNames = ['message', 'saveToSentItems'];

function withCanonicalParameterNames(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('@'))
      .map(([key, parameter]) => [parameterNames.find((name) => name.toLowerCase() === key.toLowerCase()) ?? key, parameter]),
  );
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'The request body is invalid.';
  const property = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return `The parameter '${issue.keys[0] ?? ''}' in the request payload is not a valid parameter for the operation 'sendMail'.`;
  }
  if (property === '') return 'The request body must be a JSON object.';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `The parameter '${property}' is required.`;
  return `Invalid value for '${property}': ${issue.message}.`;
}
