import { z } from 'zod';
import { b2bAddressProblem } from '../email-address.js';
import type { SimRequest } from '../http/request.js';
import { badRequest } from './errors.js';
import { describeIssue, readJsonBody } from './json-body.js';

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

type Recipient = z.infer<typeof recipientSchema>;

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
  const parsed = invitationBodySchema.safeParse(readJsonBody(request), { reportInput: true });
  if (!parsed.success) throw badRequest(describeIssue(parsed.error.issues[0], 'microsoft.graph.invitation'));
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

function isAbsoluteWebUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}
