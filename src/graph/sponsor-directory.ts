/**
 * A guest's sponsors through Graph (guest-lifecycle.md §4): `GET /users/{id}/sponsors` (User.Read.All),
 * `POST /users/{id}/sponsors/$ref` and `DELETE /users/{id}/sponsors/{id}/$ref` (User.ReadWrite.All). The
 * delete always names `/$ref`: without it Graph would delete the sponsor's user object itself. Adding a
 * sponsor already there (400 "already exist") and removing one no longer there (404) count as done, so a
 * hand-over interrupted half-way can simply be run again.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { SponsorAccount, SponsorDirectory } from '../domain/ports/sponsor-directory.js';
import { toServiceError } from './errors.js';

const GRAPH = 'https://graph.microsoft.com/v1.0';

interface GraphSponsor {
  readonly id: string;
  readonly displayName?: string | null;
  readonly accountEnabled?: boolean | null;
  readonly '@odata.type'?: string;
}

export class GraphSponsorDirectory implements SponsorDirectory {
  constructor(private readonly client: Client) {}

  async sponsorsOf(guestId: string): Promise<readonly SponsorAccount[] | undefined> {
    try {
      const page = (await this.client.api(`/users/${encodeURIComponent(guestId)}/sponsors`).select(['id', 'displayName', 'accountEnabled']).get()) as { value: GraphSponsor[] };
      // A group can sponsor too; it never "leaves", so it counts as a sponsor present.
      return page.value.map((sponsor) => ({
        id: sponsor.id,
        ...(sponsor.displayName ? { displayName: sponsor.displayName } : {}),
        enabled: sponsor['@odata.type'] === '#microsoft.graph.group' || sponsor.accountEnabled !== false,
      }));
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return undefined;
      throw toServiceError(error, 'GET /users/{id}/sponsors');
    }
  }

  async addSponsor(guestId: string, sponsorId: string): Promise<void> {
    try {
      await this.client.api(`/users/${encodeURIComponent(guestId)}/sponsors/$ref`).post({ '@odata.id': `${GRAPH}/users/${encodeURIComponent(sponsorId)}` });
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 400 && /already exist/i.test(error.message)) return;
      throw toServiceError(error, 'POST /users/{id}/sponsors/$ref');
    }
  }

  async removeSponsor(guestId: string, sponsorId: string): Promise<void> {
    try {
      await this.client.api(`/users/${encodeURIComponent(guestId)}/sponsors/${encodeURIComponent(sponsorId)}/$ref`).delete();
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return;
      throw toServiceError(error, 'DELETE /users/{id}/sponsors/{id}/$ref');
    }
  }
}
