/**
 * The catalogue of failures that come from outside the domain (Graph, sign-in, storage).
 * Adapters translate SDK errors into a `ServiceError` with one of these codes; the bot shows `userMessage`,
 * logs the code, and never shows raw SDK text. Expected business outcomes are return values, not errors.
 */
const SERVICE_ERRORS = {
  'signin.secret-rejected': {
    userMessage:
      'The bot could not sign in to Microsoft Entra: its client secret was refused. An administrator must update GRAPH_CLIENT_SECRET.',
  },
  'signin.app-not-found': {
    userMessage:
      'The bot could not sign in to Microsoft Entra: its app registration was not found in this tenant. An administrator must check GRAPH_CLIENT_ID and GRAPH_TENANT_ID.',
  },
  'signin.failed': {
    userMessage: 'The bot could not sign in to Microsoft Entra. An administrator should check its Graph credentials.',
  },
  'signin.token-refused': {
    userMessage:
      'Microsoft Graph refused the bot’s access token, and then a freshly issued one. An administrator should check the bot’s app registration in Microsoft Entra (enabled, its secret or certificate valid, its permissions consented) and whether Conditional Access blocks it.',
  },
  'graph.unreachable': {
    userMessage: 'Microsoft Graph could not be reached. Nothing was sent; please try again in a few minutes.',
  },
  'graph.unavailable': {
    userMessage:
      'Microsoft Graph is unavailable right now. The invitation may not have been sent; trying again is safe: the bot checks the directory first and never invites twice.',
  },
  'graph.throttled': {
    userMessage: 'Microsoft Graph is limiting requests right now. Please try again in a minute.',
  },
  'graph.permission-denied': {
    userMessage:
      'Microsoft Graph refused the request: the bot lacks a permission (it needs User.Invite.All and User.Read.All with admin consent).',
  },
  'graph.invitations-not-allowed': {
    userMessage:
      'Your organisation has turned guest invitations off (Microsoft Entra external collaboration settings: "No one in the organization can invite"). Only a Global Administrator can turn them back on.',
  },
  'graph.domain-blocked': {
    userMessage:
      'Your organisation’s collaboration restrictions (Microsoft Entra external collaboration settings, allow or deny list of domains) do not allow invitations to this domain. An administrator can change that list.',
  },
  'graph.cross-tenant-blocked': {
    userMessage:
      'Cross-tenant access settings block B2B collaboration with this guest’s organisation. Administrators of both organisations must allow it before the guest can be invited.',
  },
  'graph.invitations-blocked': {
    userMessage:
      'Microsoft has temporarily blocked invitations from your organisation ("suspicious activity"), which happens after bursts of invitations from a new tenant. Sending is paused and nothing is lost; resume when an administrator has had the block lifted.',
  },
  'graph.delta-expired': {
    userMessage: 'Tracking had to start over: Microsoft Graph no longer knew where it had stopped.',
  },
  'graph.invitation-refused': {
    userMessage: 'Microsoft Graph refused this invitation.',
  },
  'graph.unexpected': {
    userMessage: 'Microsoft Graph answered with an unexpected error. Please try again; if it persists, tell an administrator.',
  },
  'mail.failed': {
    userMessage: "The invitation was created, but the bot could not email it from its mailbox. Retry sends the email again; the invitation is not created twice.",
  },
  'teams.post-failed': {
    userMessage: 'Teams did not take the approval request the bot posted in the administrators’ channel, so no administrator was asked.',
  },
  'storage.unreachable': {
    userMessage:
      'The bot cannot reach its storage right now, so it sent nothing (it records every invitation before sending). Please try again shortly.',
  },
  'storage.signin-failed': {
    userMessage: 'The bot could not sign in to its storage, so it sent nothing. Please tell an administrator (npm run doctor names the cause).',
  },
  'storage.unexpected': {
    userMessage: 'The bot could not record this in its storage, so it sent nothing. Please try again.',
  },
} as const satisfies Record<string, { userMessage: string }>;

export type ServiceErrorCode = keyof typeof SERVICE_ERRORS;

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    /** Safe for logs: no personal data, no secrets. */
    readonly detail: string,
    /** Graph's own words where they help the inviter (e.g. why an invitation was refused). */
    readonly serviceMessage?: string,
    /** How long the service asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${detail}`);
  }

  get userMessage(): string {
    return SERVICE_ERRORS[this.code].userMessage;
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/**
 * A proactive send or update Teams did not take (raised by the bot's card updater, read by whoever posts);
 * `status` is Teams' HTTP status when it answered.
 */
export class ProactiveSendError extends Error {
  override readonly name = 'ProactiveSendError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The conversation itself refuses the bot (removed from it, or the chat is gone), not just one message. */
  get conversationGone(): boolean {
    return this.status === 403 || (this.status === 404 && /conversation/i.test(this.message));
  }
}
