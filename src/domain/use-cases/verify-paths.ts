/**
 * Predicted against actual: for every invitation sent with a predicted path and not yet seen accepted, ask
 * the directory whether the guest accepted and how they signed in (identities), keep that beside the
 * prediction, and count per predicted path how often it held. The tracker (change notifications, delta)
 * will keep this current; until then `paths` does it on demand, for the newest invitations first.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import type { Clock } from '../ports/clock.js';
import type { DirectoryGateway } from '../ports/directory-gateway.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import { predictionHeld } from '../redemption/actual-path.js';
import { predictionOfRecord } from '../redemption/path-guide.js';
import { refreshFromDirectory } from './refresh-invitation.js';
import type { RedemptionPath } from '../redemption/predict-path.js';
import { mapWithConcurrency } from './review-invitees.js';

interface PathAgreement {
  readonly predicted: RedemptionPath;
  readonly invited: number;
  readonly accepted: number;
  /** Accepted the way predicted (or by the branch the prediction named). */
  readonly asPredicted: number;
}

export interface PathReport {
  readonly rows: readonly PathAgreement[];
  /** How many guests were asked about this time. */
  readonly checked: number;
}

export interface VerifyPathsDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly clock: Clock;
  readonly tenantId: string;
}

/** Directory reads per report: enough for a busy week, bounded for Graph's sake. */
const MAX_CHECKS_PER_REPORT = 200;

export async function verifyPaths(deps: VerifyPathsDependencies, maxChecks = MAX_CHECKS_PER_REPORT): Promise<PathReport> {
  const predicted = (await deps.store.list(deps.tenantId)).filter((row) => row.value.predictedPath && row.value.invitedUserId);
  const unsettled = predicted
    .filter((row) => !row.value.actualPath)
    .sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt))
    .slice(0, maxChecks);
  const domains = await deps.directory.verifiedDomains();
  const updated = new Map<string, InvitationRecord>();
  await mapWithConcurrency(unsettled, 8, async (row) => {
    const seen = await refreshFromDirectory(deps, row, domains);
    if (seen) updated.set(seen.email, seen);
  });
  const records = predicted.map((row) => updated.get(row.value.email) ?? row.value);
  return { rows: agreement(records), checked: unsettled.length };
}


function agreement(records: readonly InvitationRecord[]): PathAgreement[] {
  const rows = new Map<RedemptionPath, { invited: number; accepted: number; asPredicted: number }>();
  for (const record of records) {
    if (!record.predictedPath) continue;
    const row = rows.get(record.predictedPath) ?? { invited: 0, accepted: 0, asPredicted: 0 };
    row.invited++;
    if (record.actualPath) {
      row.accepted++;
      const prediction = predictionOfRecord(record) ?? { path: record.predictedPath };
      if (predictionHeld(prediction, record.actualPath)) row.asPredicted++;
    }
    rows.set(record.predictedPath, row);
  }
  return [...rows].map(([predicted, counts]) => ({ predicted, ...counts })).sort((a, b) => b.invited - a.invited);
}
