import { randomBytes } from 'node:crypto';

/**
 * A redemption link in the form of Microsoft's documented example (invitation-post): the inner
 * invitations.microsoft.com URL carries tenant, invitation id and a twice-escaped ticket, and the
 * whole inner URL is escaped again as the `rd` parameter, with lower-case hex as Microsoft writes it.
 */
export function inviteRedeemUrl(tenantId: string, invitationId: string): string {
  const ticket = randomBytes(24).toString('base64');
  const inner = `https://invitations.microsoft.com/redeem/?tenant=${tenantId}&user=${invitationId}&ticket=${percentEncode(percentEncode(ticket))}&ver=2.0`;
  return `https://login.microsoftonline.com/redeem?rd=${percentEncode(inner)}`;
}

function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (escaped) => escaped.toLowerCase());
}
