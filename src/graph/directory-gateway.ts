/**
 * DirectoryGateway over Microsoft Graph v1.0: verified domains, looking an address up the way Microsoft
 * recommends before inviting, and POST /invitations.
 */
import { GraphError, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { ObjectIdentity } from '../domain/redemption/actual-path.js';
import type { DirectoryGateway, DirectoryUser, InvitationRequest, SentInvitation } from '../domain/ports/directory-gateway.js';
import type { ExternalUserState } from '../domain/invitations/guest-state.js';
import { mapWithConcurrency } from '../domain/use-cases/review-invitees.js';
import { toServiceError } from './errors.js';

interface GraphUser {
  id: string;
  displayName?: string | null;
  userType?: string | null;
  externalUserState?: string | null;
  externalUserStateChangeDateTime?: string | null;
}

interface GraphInvitation {
  id: string;
  inviteRedeemUrl: string;
  status: string;
  invitedUser: { id: string };
}

interface GraphOrganization {
  verifiedDomains?: { name: string }[];
}

const USER_FIELDS = 'id,displayName,userType,externalUserState,externalUserStateChangeDateTime,mail,otherMails,creationType';
const VERIFIED_DOMAINS_TTL_MS = 10 * 60 * 1000;

/**
 * POST /invitations is never retried by the SDK. After a 503/504 the guest may already exist, so a blind
 * retry could mail them twice: the pipeline looks the address up first. A 429 goes back to the pipeline's
 * shared pacer (PacedDirectory), which slows every worker down, not just the one request.
 */
const NO_RETRY = new RetryHandlerOptions(undefined, 0);

/** Graph's limit of requests in one JSON batch (json-batching). */
const BATCH_LIMIT = 20;
/** Batches of one lookup in flight at once: 1,000 addresses are 50 batches. */
const BATCHES_AT_ONCE = 4;
/** What the SDK's RetryHandler retries, as many times, for a plain request. */
const RETRIED_STATUSES = new Set([429, 503, 504]);
const MAX_BATCH_RETRIES = 3;
const DEFAULT_RETRY_SECONDS = 3;
const MAX_RETRY_WAIT_SECONDS = 180;

/** Graph's default answer time is unbounded; a worker must not hang on one request past its lease. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export class GraphDirectoryGateway implements DirectoryGateway {
  private domains?: { names: readonly string[]; fetchedAt: number };

  constructor(
    private readonly client: Client,
    private readonly requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async verifiedDomains(): Promise<readonly string[]> {
    if (this.domains && this.now() - this.domains.fetchedAt < VERIFIED_DOMAINS_TTL_MS) return this.domains.names;
    try {
      const page = (await this.client.api('/organization').select('verifiedDomains').get()) as { value: GraphOrganization[] };
      const names = page.value.flatMap((org) => org.verifiedDomains?.map((domain) => domain.name.toLowerCase()) ?? []);
      this.domains = { names, fetchedAt: this.now() };
      return names;
    } catch (error) {
      throw toServiceError(error, 'GET /organization');
    }
  }

  async findUserByEmail(email: string): Promise<DirectoryUser | undefined> {
    try {
      const page = (await this.client.api('/users').filter(lookupFilter(email)).select(USER_FIELDS).top(1).get()) as { value: GraphUser[] };
      const found = page.value[0];
      return found ? toDirectoryUser(found) : undefined;
    } catch (error) {
      throw toServiceError(error, 'GET /users (lookup by address)');
    }
  }

  /**
   * The same lookup as findUserByEmail, 20 to a JSON batch (Graph's limit), a few batches at a time. Each
   * address keeps its own filter, so what counts as found is exactly what findUserByEmail finds.
   */
  async findUsersByEmail(emails: readonly string[]): Promise<ReadonlyMap<string, DirectoryUser>> {
    const found = new Map<string, DirectoryUser>();
    const groups: string[][] = [];
    for (let start = 0; start < emails.length; start += BATCH_LIMIT) groups.push(emails.slice(start, start + BATCH_LIMIT));
    await mapWithConcurrency(groups, BATCHES_AT_ONCE, async (group) => {
      const pages = await this.batchGet(group.map((email) => `/users?$filter=${encodeURIComponent(lookupFilter(email))}&$select=${USER_FIELDS}&$top=1`));
      pages.forEach((page, index) => {
        const user = (page as { value: GraphUser[] }).value[0];
        if (user) found.set(group[index] as string, toDirectoryUser(user));
      });
    });
    return found;
  }
  async guestSignIn(userId: string) {
    try {
      const user = (await this.client.api(`/users/${encodeURIComponent(userId)}`).select('externalUserState,externalUserStateChangeDateTime,identities').get()) as {
        externalUserState?: string | null;
        externalUserStateChangeDateTime?: string | null;
        identities?: ObjectIdentity[] | null;
      };
      const state: ExternalUserState | undefined =
        user.externalUserState === 'Accepted' || user.externalUserState === 'PendingAcceptance' ? user.externalUserState : undefined;
      return {
        ...(state ? { state } : {}),
        ...(user.externalUserStateChangeDateTime ? { stateChangedAt: user.externalUserStateChangeDateTime } : {}),
        identities: user.identities ?? [],
      };
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return undefined;
      throw toServiceError(error, 'GET /users/{id} (sign-in)');
    }
  }

  invite(request: InvitationRequest): Promise<SentInvitation> {
    return this.postInvitation(invitationBody(request), 'POST /invitations');
  }

  resetRedemption(request: InvitationRequest & { readonly userId: string }): Promise<SentInvitation> {
    return this.postInvitation({ ...invitationBody(request), resetRedemption: true, invitedUser: { id: request.userId } }, 'POST /invitations (reset redemption)');
  }

  async deleteUser(userId: string): Promise<void> {
    try {
      await this.client.api(`/users/${encodeURIComponent(userId)}`).delete();
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return;
      throw toServiceError(error, 'DELETE /users/{id}');
    }
  }

  /**
   * GETs (relative to the version, at most 20) as one JSON batch; answers in the order asked. Graph evaluates
   * throttling per inner request and the SDK's retry middleware does not look inside a batch, so inner
   * 429/503/504s are sent again in a new batch after the longest Retry-After (throttling.md), as the middleware
   * does for plain requests; any other inner failure fails the lookup as a plain request's would.
   */
  private async batchGet(urls: readonly string[]): Promise<unknown[]> {
    const bodies = new Array<unknown>(urls.length);
    let pending = urls.map((url, index) => ({ id: String(index + 1), url, index }));
    for (let attempt = 0; ; attempt++) {
      // The batch body is written here rather than by the SDK's BatchRequestContent: that one wants a fetch
      // Request per step and strips each URL's host with a backtracking regex that took 15 % of the bot's CPU
      // under 50 pastes at once (bench:turn --profile). GETs need nothing else: no body, no headers.
      const body = { requests: pending.map((step) => ({ id: step.id, method: 'GET', url: step.url })) };
      let answer: { responses: InnerResponse[] };
      try {
        answer = (await this.client.api('/$batch').option('signal', AbortSignal.timeout(this.requestTimeoutMs)).post(body)) as { responses: InnerResponse[] };
      } catch (error) {
        throw toServiceError(error, 'POST /$batch (lookup by address)');
      }
      const byId = new Map(answer.responses.map((response) => [response.id, response]));
      const retry: typeof pending = [];
      let waitSeconds = 0;
      for (const step of pending) {
        const response = byId.get(step.id);
        if (response && response.status >= 200 && response.status < 300) {
          bodies[step.index] = response.body;
        } else if (response && RETRIED_STATUSES.has(response.status) && attempt < MAX_BATCH_RETRIES) {
          retry.push(step);
          waitSeconds = Math.max(waitSeconds, retryAfter(response) ?? DEFAULT_RETRY_SECONDS);
        } else {
          throw toServiceError(innerError(response), 'GET /users (lookup by address, in a batch)');
        }
      }
      if (retry.length === 0) return bodies;
      pending = retry;
      await new Promise((resolve) => setTimeout(resolve, Math.min(waitSeconds, MAX_RETRY_WAIT_SECONDS) * 1000));
    }
  }

  private async postInvitation(body: object, operation: string): Promise<SentInvitation> {
    try {
      const created = (await this.client
        .api('/invitations')
        .middlewareOptions([NO_RETRY])
        .option('signal', AbortSignal.timeout(this.requestTimeoutMs))
        .post(body)) as GraphInvitation;
      return {
        invitationId: created.id,
        invitedUserId: created.invitedUser.id,
        inviteRedeemUrl: created.inviteRedeemUrl,
      };
    } catch (error) {
      throw toServiceError(error, operation);
    }
  }
}

/**
 * The body of POST /invitations: only what was asked, so Graph's own defaults stay in force. Graph writes its
 * email in `messageLanguage` but ignores it when a `customizedMessageBody` is sent: this bot never sends one
 * (a personal note travels by the bot's own mailbox, written in that language by mail-text.ts).
 */
function invitationBody(request: InvitationRequest) {
  return {
    invitedUserEmailAddress: request.email,
    inviteRedirectUrl: request.redirectUrl,
    sendInvitationMessage: request.sendInvitationMessage,
    ...(request.displayName ? { invitedUserDisplayName: request.displayName } : {}),
    ...(request.ccAddress || request.messageLanguage
      ? {
          invitedUserMessageInfo: {
            ...(request.messageLanguage ? { messageLanguage: request.messageLanguage } : {}),
            ...(request.ccAddress ? { ccRecipients: [{ emailAddress: { address: request.ccAddress } }] } : {}),
          },
        }
      : {}),
    ...(request.sponsorIds.length > 0 ? { invitedUserSponsors: request.sponsorIds.slice(0, 5).map((id) => ({ id })) } : {}),
  };
}

function toDirectoryUser(user: GraphUser): DirectoryUser {
  return {
    id: user.id,
    userType: user.userType === 'Guest' ? 'Guest' : 'Member',
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.externalUserState === 'PendingAcceptance' || user.externalUserState === 'Accepted'
      ? { externalUserState: user.externalUserState }
      : {}),
    ...(user.externalUserStateChangeDateTime ? { externalUserStateChangeDateTime: user.externalUserStateChangeDateTime } : {}),
  };
}

/** Mail, UPN, other mails or an SMTP proxy address: how Microsoft says to look an address up before inviting. */
function lookupFilter(email: string): string {
  const literal = odataString(email);
  return [
    `mail eq ${literal}`,
    `userPrincipalName eq ${literal}`,
    `otherMails/any(m:m eq ${literal})`,
    `proxyAddresses/any(p:p eq ${odataString(`SMTP:${email}`)})`,
  ].join(' or ');
}

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function retryAfter(response: InnerResponse): number | undefined {
  const value = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const seconds = Number(value);
  return value !== undefined && Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

/** An inner failure as the GraphError the SDK throws for a plain request, so toServiceError reads it the same way. */
function innerError(response: InnerResponse | undefined): GraphError {
  if (!response) return new GraphError(-1, 'Graph left a request of the batch unanswered');
  const body = response.body as { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } } | undefined;
  const error = new GraphError(response.status, body?.error?.message ?? '');
  if (body?.error?.code) error.code = body.error.code;
  if (body?.error?.innerError?.['request-id']) error.requestId = body.error.innerError['request-id'];
  error.headers = new Headers(response.headers ?? {});
  return error;
}

/** An OData string literal: single quotes doubled (o'brien@… is a valid guest address). */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
