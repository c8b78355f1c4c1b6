/**
 * Guests' sponsors through Graph (guest-lifecycle.md §4): `GET /users/{id}/sponsors` (User.Read.All, in JSON batches),
 * `POST /users/{id}/sponsors/$ref` and `DELETE /users/{id}/sponsors/{id}/$ref` (User.ReadWrite.All). The
 * delete always names `/$ref`: without it Graph would delete the sponsor's user object itself. Adding a
 * sponsor already there (400 "already exist") and removing one no longer there (404) count as done, so a
 * hand-over interrupted half-way can simply be run again.
 */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { SponsorAccount, SponsorDirectory } from '../domain/ports/sponsor-directory.js';
import { toServiceError } from './errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, JsonBatch } from './json-batch.js';

const GRAPH = 'https://graph.microsoft.com/v1.0';

interface GraphSponsor {
  readonly id: string;
  readonly displayName?: string | null;
  readonly accountEnabled?: boolean | null;
  readonly '@odata.type'?: string;
}

export class GraphSponsorDirectory implements SponsorDirectory {
  private readonly batch: JsonBatch;

  constructor(
    private readonly client: Client,
    requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.batch = new JsonBatch(client, requestTimeoutMs);
  }

  /** One GET per guest, 20 to a JSON batch; a user has at most five sponsors, so one page each. */
  async sponsorsOfGuests(guestIds: readonly string[]): Promise<ReadonlyMap<string, readonly SponsorAccount[]>> {
    const answers = await this.batch.getAll({
      urls: guestIds.map((id) => `/users/${encodeURIComponent(id)}/sponsors?$select=id,displayName,accountEnabled`),
      operation: 'sponsors',
    });
    const sponsors = new Map<string, readonly SponsorAccount[]>();
    answers.forEach((answer, index) => {
      if (answer.ok) sponsors.set(guestIds[index] as string, (answer.body as { value: GraphSponsor[] }).value.map(toSponsorAccount));
      else if (answer.error.statusCode !== 404) throw toServiceError(answer.error, 'GET /users/{id}/sponsors (in a batch)');
    });
    return sponsors;
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

function toSponsorAccount(sponsor: GraphSponsor): SponsorAccount {
  return {
    id: sponsor.id,
    ...(sponsor.displayName ? { displayName: sponsor.displayName } : {}),
    // A group can sponsor too; it never "leaves", so it counts as a sponsor present.
    enabled: sponsor['@odata.type'] === '#microsoft.graph.group' || sponsor.accountEnabled !== false,
  };
}
