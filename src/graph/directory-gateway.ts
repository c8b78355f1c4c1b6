/**
 * DirectoryGateway over Microsoft Graph v1.0: verified domains, looking an address up the way Microsoft
 * recommends before inviting, and POST /invitations.
 */
import { GraphError, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { ObjectIdentity } from '../domain/redemption/actual-path.js';
import type { DirectoryGateway, DirectoryUser, InvitationRequest, SentInvitation } from '../domain/ports/directory-gateway.js';
import type { ExternalUserState } from '../domain/invitations/guest-state.js';
import { toServiceError } from './errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, JsonBatch } from './json-batch.js';

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

export class GraphDirectoryGateway implements DirectoryGateway {
  private domains?: { names: readonly string[]; fetchedAt: number };
  private readonly batch: JsonBatch;

  constructor(
    private readonly client: Client,
    private readonly requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.batch = new JsonBatch(client, requestTimeoutMs);
  }

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
    const answers = await this.batch.getAll({
      urls: emails.map((email) => `/users?$filter=${encodeURIComponent(lookupFilter(email))}&$select=${USER_FIELDS}&$top=1`),
      operation: 'lookup by address',
    });
    const found = new Map<string, DirectoryUser>();
    answers.forEach((answer, index) => {
      if (!answer.ok) throw toServiceError(answer.error, 'GET /users (lookup by address, in a batch)');
      const user = (answer.body as { value: GraphUser[] }).value[0];
      if (user) found.set(emails[index] as string, toDirectoryUser(user));
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

/** An OData string literal: single quotes doubled (o'brien@… is a valid guest address). */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
