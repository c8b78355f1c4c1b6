import { z } from 'zod';
import { b2bAddressProblem } from '../email-address.js';
import { parseJsonBody, type SimRequest } from '../http/request.js';
import { badRequest } from './errors.js';

// The body of POST /invitations, checked as the fact sheet describes
// (graph-invitations.md, "Request body (invitation properties)").

const recipientSchema = z.object({
  emailAddress: z.object({ name: z.string().nullish(), address: z.string() }),
});

const invitationBodySchema = z.strictObject({
  invitedUserEmailAddress: z.string(),
  inviteRedirectUrl: z.string(),
  invitedUserDisplayName: z.string().nullish(),
  invitedUserType: z.enum(['Guest', 'Member']).nullish(),
  sendInvitationMessage: z.boolean().nullish(),
  resetRedemption: z.boolean().nullish(),
  invitedUser: z.looseObject({ id: z.string() }).nullish(),
  invitedUserMessageInfo: z
    .strictObject({
      messageLanguage: z.string().nullish(),
      ccRecipients: z.array(recipientSchema).max(1, 'only one cc recipient is supported').nullish(),
      customizedMessageBody: z.string().nullish(),
    })
    .nullish(),
  invitedUserSponsors: z.array(z.looseObject({ id: z.string() })).max(5, 'at most 5 sponsors are supported').nullish(),
  // Read-only properties a client may send back unchanged; Graph ignores them.
  id: z.string().nullish(),
  inviteRedeemUrl: z.string().nullish(),
  status: z.string().nullish(),
});

export type Recipient = z.infer<typeof recipientSchema>;

export interface InvitationRequest {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  invitedUserDisplayName: string | null;
  invitedUserType: 'Guest' | 'Member';
  sendInvitationMessage: boolean;
  messageLanguage: string | null;
  ccRecipients: Recipient[];
  customizedMessageBody: string | null;
  sponsorIds: string[] | undefined;
  /** The guest to reset, when the request asks for resetRedemption. */
  resetUserId: string | undefined;
}

/** The validated request, or a GraphRequestError 400 naming what is wrong. */
export function parseInvitationRequest(request: SimRequest): InvitationRequest {
  if (request.rawBody.trim() === '') throw badRequest('Empty Payload. JSON content expected.');
  const json = parseJsonBody(request);
  if (!json.parsed) {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  const parsed = invitationBodySchema.safeParse(withoutODataAnnotations(json.value), { reportInput: true });
  if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0]));
  const body = parsed.data;

  const addressProblem = b2bAddressProblem(body.invitedUserEmailAddress);
  if (addressProblem !== undefined) throw badRequest(addressProblem);
  if (!isAbsoluteWebUrl(body.inviteRedirectUrl)) {
    throw badRequest(`The inviteRedirectUrl '${body.inviteRedirectUrl}' is not an absolute http(s) URL.`);
  }
  if (body.resetRedemption === true && body.invitedUser?.id === undefined) {
    throw badRequest('invitedUser.id is required when resetRedemption is true.');
  }

  return {
    invitedUserEmailAddress: body.invitedUserEmailAddress,
    inviteRedirectUrl: body.inviteRedirectUrl,
    invitedUserDisplayName: body.invitedUserDisplayName ?? null,
    invitedUserType: body.invitedUserType ?? 'Guest',
    sendInvitationMessage: body.sendInvitationMessage ?? false,
    messageLanguage: body.invitedUserMessageInfo?.messageLanguage ?? null,
    ccRecipients: body.invitedUserMessageInfo?.ccRecipients ?? [],
    customizedMessageBody: body.invitedUserMessageInfo?.customizedMessageBody ?? null,
    sponsorIds: body.invitedUserSponsors?.map((sponsor) => sponsor.id),
    resetUserId: body.resetRedemption === true ? body.invitedUser?.id : undefined,
  };
}

// SDKs may add '@odata.type' and similar instance annotations; they are not properties.
function withoutODataAnnotations(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('@')));
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'The request body is invalid.';
  const property = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const unknown = [property, issue.keys[0]].filter((part) => part !== '').join('.');
    return `The property '${unknown}' does not exist on type 'microsoft.graph.invitation'. Make sure to only use property names that are defined by the type.`;
  }
  if (property === '') return 'The request body must be a JSON object.';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `The property '${property}' is required.`;
  return `Invalid value for '${property}': ${issue.message}.`;
}

function isAbsoluteWebUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}
