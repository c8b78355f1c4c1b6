/**
 * The review's cost grows with the paste in groups, not per address: a 1,000-address paste is checked against
 * our records and the directory (the simulator over HTTPS, the invitations table in Azurite) in a bounded number
 * of requests, each counted where it arrives, with the same flags an address-by-address check gives.
 */
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../local/azurite.js';
import { localIdentities } from '../../local/local-identities.js';
import { startSimulator, type RunningSimulator } from '../../local/simulator/index.js';
import { parseInviteeList } from '../../src/domain/addresses/invitee-list.js';
import { MAX_BATCH_ADDRESSES } from '../../src/domain/invitations/batch.js';
import { reviewInvitees } from '../../src/domain/use-cases/review-invitees.js';
import { GraphDirectoryGateway } from '../../src/graph/directory-gateway.js';
import { TableInvitationStore } from '../../src/storage/table-invitation-store.js';
import { secretGraphClient } from '../support/app-sign-in.js';
import { addresses } from '../support/conversation.js';
import { SimulatorControl } from '../support/simulator-control.js';

let sim: RunningSimulator;
let azurite: RunningAzurite;

beforeAll(async () => {
  [sim, azurite] = await Promise.all([startSimulator(), startAzurite()]);
});

afterAll(async () => {
  await Promise.all([sim?.close(), azurite?.close()]);
});

it('a 1,000-address paste takes at most one Graph request per 20 addresses and one table query per 14, flags unchanged', async () => {
  let tableRequests = 0;
  const counting: NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'] = { name: 'count-requests', sendRequest: (request, next) => (tableRequests++, next(request)) };
  const table = TableClient.fromConnectionString(azurite.connectionString, 'invitations', {
    allowInsecureConnection: true,
    additionalPolicies: [{ policy: counting, position: 'perCall' }],
  });
  await table.createTable();
  const store = new TableInvitationStore(table);
  const tenantId = sim.tenantId;
  const now = new Date().toISOString();
  await store.create({ tenantId, email: 'settled@example.org', state: 'Accepted', inviter: {}, attempts: 1, createdAt: now, updatedAt: now });
  await store.create({ tenantId, email: 'failed@example.org', state: 'Failed', inviter: {}, attempts: 1, createdAt: now, updatedAt: now });
  const directory = new GraphDirectoryGateway(secretGraphClient(sim, localIdentities().app));
  // Guests of the seeded tenant found by mail and by otherMails, a member, our own records, and new addresses.
  const known = ['ANN@fabrikam.com', 'rchen@northwind.com', 'settled@example.org', 'failed@example.org'];
  const paste = [...known, ...addresses(MAX_BATCH_ADDRESSES - known.length, 'bounded')];
  const simulator = new SimulatorControl(sim.url);
  const graphBefore = (await simulator.calls({ path: '/v1.0' })).length;
  tableRequests = 0;

  const review = await reviewInvitees({ directory, store, rules: { allowed: [], blocked: [], outsideAllowed: 'refuse' }, tenantId }, parseInviteeList(paste.join('\n')));

  const graphRequests = (await simulator.calls({ path: '/v1.0' })).length - graphBefore;
  expect(graphRequests).toBeLessThanOrEqual(1 + Math.ceil(MAX_BATCH_ADDRESSES / 20)); // verified domains + batches
  expect(tableRequests).toBeLessThanOrEqual(Math.ceil(MAX_BATCH_ADDRESSES / 14));
  if (review.kind !== 'review') throw new Error(`expected a review, got ${review.kind}`);
  expect(review.entries).toHaveLength(MAX_BATCH_ADDRESSES);
  const byAddress = new Map(review.entries.map((entry) => [entry.address, entry]));
  for (const address of ['ann@fabrikam.com', 'rchen@northwind.com']) {
    const alone = await directory.findUserByEmail(address);
    expect(alone?.userType).toBe('Guest');
    expect(byAddress.get(address)).toMatchObject({ attention: 'existing-guest', ...(alone?.externalUserState ? { guestState: alone.externalUserState } : {}) });
  }
  expect(byAddress.get('settled@example.org')).toMatchObject({ attention: 'already-invited', guestState: 'Accepted' });
  expect(byAddress.get('failed@example.org')?.attention).toBeUndefined();
  expect(review.entries.filter((entry) => entry.attention !== undefined)).toHaveLength(3);
});
