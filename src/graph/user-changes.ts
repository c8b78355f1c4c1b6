/**
 * UserChanges over Graph's users delta query (shared/domain/guest-users-and-status.md, "option A"):
 * the fields tracking needs in `$select` (they are encoded into the links), every `@odata.nextLink`
 * followed, the `@odata.deltaLink` returned for next time. An expired or unknown link is reported as
 * 'graph.delta-expired' so the caller starts over.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { ServiceError } from '../domain/errors.js';
import type { ChangedUser, UserChanges } from '../domain/ports/user-changes.js';
import type { ExternalUserState } from '../domain/invitations/guest-state.js';
import type { ObjectIdentity } from '../domain/redemption/actual-path.js';
import { toServiceError } from './errors.js';

const FIELDS = 'id,mail,otherMails,externalUserState,externalUserStateChangeDateTime,identities';

interface DeltaUser {
  id: string;
  mail?: string | null;
  otherMails?: string[] | null;
  externalUserState?: string | null;
  externalUserStateChangeDateTime?: string | null;
  identities?: ObjectIdentity[] | null;
  '@removed'?: { reason?: string };
}

interface DeltaPage {
  value: DeltaUser[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** A round never follows more pages than this (1,000 pages of users is a very large tenant). */
const MAX_PAGES = 1000;

export class GraphUserChanges implements UserChanges {
  constructor(private readonly client: Client) {}

  async round(deltaLink: string | undefined) {
    const users: ChangedUser[] = [];
    let next: string | undefined = deltaLink ?? `/users/delta?$select=${FIELDS}`;
    for (let requests = 1; requests <= MAX_PAGES; requests++) {
      const page = await this.page(next);
      users.push(...page.value.map(toChangedUser));
      if (page['@odata.deltaLink']) return { users, deltaLink: page['@odata.deltaLink'], requests };
      next = page['@odata.nextLink'];
      if (!next) throw new ServiceError('graph.unexpected', 'GET /users/delta: a page with neither nextLink nor deltaLink');
    }
    throw new ServiceError('graph.unexpected', `GET /users/delta: more than ${MAX_PAGES} pages in one round`);
  }

  private async page(url: string): Promise<DeltaPage> {
    try {
      return (await this.client.api(url).get()) as DeltaPage;
    } catch (error) {
      if (error instanceof GraphError && (error.statusCode === 410 || /syncStateNotFound|resyncRequired|syncStateInvalid/i.test(error.code ?? ''))) {
        throw new ServiceError('graph.delta-expired', `GET /users/delta: HTTP ${error.statusCode} ${error.code ?? ''}`);
      }
      throw toServiceError(error, 'GET /users/delta');
    }
  }
}

function toChangedUser(user: DeltaUser): ChangedUser {
  const state: ExternalUserState | undefined =
    user.externalUserState === 'Accepted' || user.externalUserState === 'PendingAcceptance' ? user.externalUserState : undefined;
  const reason = user['@removed']?.reason;
  return {
    id: user.id,
    ...(user.mail ? { mail: user.mail } : {}),
    ...(user.otherMails?.length ? { otherMails: user.otherMails } : {}),
    ...(state ? { externalUserState: state } : {}),
    ...(user.externalUserStateChangeDateTime ? { externalUserStateChangeDateTime: user.externalUserStateChangeDateTime } : {}),
    ...(user.identities ? { identities: user.identities } : {}),
    ...(user['@removed'] ? { removed: reason === 'changed' ? 'changed' : 'deleted' } : {}),
  };
}
