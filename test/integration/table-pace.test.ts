/**
 * The shared invitation schedule in a real table (Azurite): instances updating the one row at once each get
 * their own slots (ETag conflicts retried), and a 429 one instance records is what the others read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../local/azurite.js';
import { claimSlots, fastestInterval, recordThrottled } from '../../src/domain/invitations/invitation-pace.js';
import { TablePaceLedger } from '../../src/storage/table-pace.js';
import { openTables, tableGuard } from '../../src/storage/tables.js';

const BUDGET = { requests: 150, windowSeconds: 5 };
let azurite: RunningAzurite;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.close();
});

function ledgers(count: number, tenantId: string): TablePaceLedger[] {
  return Array.from({ length: count }, () => {
    const tables = openTables({ kind: 'connection-string', connectionString: azurite.connectionString });
    return new TablePaceLedger(tables.quotas, tenantId, BUDGET, tableGuard(tables));
  });
}

describe('TablePaceLedger', () => {
  it('three instances claiming at once get disjoint, evenly spaced slots from the one row', async () => {
    const instances = ledgers(3, 'tenant-claims');
    const now = Date.now();
    const claims = await Promise.all(
      instances.flatMap((ledger) =>
        Array.from({ length: 5 }, () => ledger.update((state) => {
          const claimed = claimSlots(state, BUDGET, now, 4, 1000);
          return { state: claimed.state, result: claimed.starts };
        })),
      ),
    );
    const starts = claims.flat().sort((a, b) => a - b);
    expect(starts).toHaveLength(60);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeCloseTo(fastestInterval(BUDGET), 3);
  });

  it('a 429 recorded by one instance pauses the slots the others claim next', async () => {
    const [one, other] = ledgers(2, 'tenant-pause');
    const now = Date.now();
    await one!.update((state) => ({ state: recordThrottled(state, BUDGET, now, 3), result: undefined }));
    const starts = await other!.update((state) => {
      const claimed = claimSlots(state, BUDGET, now, 1, 1000);
      return { state: claimed.state, result: claimed.starts };
    });
    expect(starts[0]).toBeGreaterThanOrEqual(now + 3000);
  });
});
