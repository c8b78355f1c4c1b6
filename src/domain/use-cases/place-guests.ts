/**
 * Adds each guest who accepted to the team or group chat their invitation came from, exactly once (see
 * lifecycle/placement.ts for why at acceptance and how a crash is survived): the intent is recorded before
 * the Graph call, the outcome after; the membership gateway counts "already a member" as done.
 */
import { isServiceError } from '../errors.js';
import type { InvitationRecord } from '../invitations/invitation.js';
import { MAX_PLACEMENT_ATTEMPTS, needsPlacement, type Placement } from '../lifecycle/placement.js';
import type { Clock } from '../ports/clock.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import type { MembershipGateway, MembershipOutcome } from '../ports/membership-gateway.js';
import type { PlacementObserver } from '../ports/placement-observer.js';
import { StaleWriteError, type Versioned } from '../ports/versioned.js';

export interface PlaceDependencies {
  readonly store: InvitationStore;
  readonly membership: MembershipGateway;
  readonly observer: PlacementObserver;
  readonly clock: Clock;
  readonly tenantId: string;
  /** Waits between tries after a transient failure within one sweep. */
  readonly retryDelaysMs?: readonly number[];
}

const RETRY_DELAYS_MS = [1000, 2000] as const;

type PlacementResult = 'placed' | 'refused' | 'retry-later';

/** Every accepted guest whose add is wanted, or was left half-done by a crash. */
export async function placePendingGuests(deps: PlaceDependencies): Promise<number> {
  let settled = 0;
  for (const row of await deps.store.list(deps.tenantId)) {
    if (row.value.state !== 'Accepted' || !needsPlacement(row.value.placement)) continue;
    const result = await placeGuest(deps, row);
    if (result && result !== 'retry-later') settled++;
  }
  return settled;
}

/** Undefined when there is nothing to do, or another writer moved the record first. */
async function placeGuest(deps: PlaceDependencies, stored: Versioned<InvitationRecord>): Promise<PlacementResult | undefined> {
  const record = stored.value;
  const placement = record.placement;
  if (record.state !== 'Accepted' || !needsPlacement(placement) || !record.invitedUserId) return undefined;
  let current = stored;
  for (const delay of [0, ...(deps.retryDelaysMs ?? RETRY_DELAYS_MS)]) {
    if (delay) await deps.clock.sleep(delay);
    const intent = await save(deps, current, { ...placement, ...(current.value.placement ?? {}), state: 'adding', attempts: (current.value.placement?.attempts ?? 0) + 1 });
    if (!intent) return undefined;
    current = intent;
    let outcome: MembershipOutcome;
    try {
      outcome = await deps.membership.add(placement.target, record.invitedUserId);
    } catch (error) {
      if (!isServiceError(error)) throw error;
      const attempts = current.value.placement?.attempts ?? 1;
      const failed = attempts >= MAX_PLACEMENT_ATTEMPTS;
      // Left at `adding`: Graph may have added the guest before the answer was lost; the next try finds out.
      const next = await save(deps, current, {
        ...(current.value.placement as Placement),
        ...(failed ? { state: 'refused', refusal: { reason: 'gave-up', detail: error.serviceMessage ?? error.userMessage } } : {}),
        lastError: error.serviceMessage ?? error.userMessage,
      });
      if (!next) return undefined;
      current = next;
      if (failed) {
        await deps.observer.refused(next.value);
        return 'refused';
      }
      continue;
    }
    return settle(deps, current, outcome);
  }
  return 'retry-later';
}

async function settle(deps: PlaceDependencies, current: Versioned<InvitationRecord>, outcome: MembershipOutcome): Promise<PlacementResult | undefined> {
  const before = current.value.placement as Placement;
  const { lastError: _cleared, ...rest } = before;
  const placement: Placement =
    outcome.kind === 'refused'
      ? { ...rest, state: 'refused', refusal: { reason: outcome.reason, ...(outcome.permission ? { permission: outcome.permission } : {}), ...(outcome.detail ? { detail: outcome.detail } : {}) } }
      : { ...rest, state: outcome.kind === 'added' ? 'added' : 'added-via-group', ...(outcome.kind === 'added' && outcome.channelAdded ? { channelAdded: true } : {}) };
  const saved = await save(deps, current, placement);
  if (!saved) return undefined;
  if (outcome.kind === 'refused') {
    await deps.observer.refused(saved.value);
    return 'refused';
  }
  await deps.observer.placed(saved.value);
  return 'placed';
}

async function save(deps: PlaceDependencies, stored: Versioned<InvitationRecord>, placement: Placement): Promise<Versioned<InvitationRecord> | undefined> {
  try {
    return await deps.store.replace({ ...stored.value, placement: { ...placement, updatedAt: deps.clock.now().toISOString() } }, stored.etag);
  } catch (error) {
    if (error instanceof StaleWriteError) return undefined;
    throw error;
  }
}
