/**
 * Brings one invitation record up to date with the directory: accepted (and how the guest signed in),
 * or gone. Used where a person asks (status, paths) until the tracker keeps records current by itself.
 */
import type { InvitationRecord } from '../invitations/invitation.js';
import type { Clock } from '../ports/clock.js';
import type { DirectoryGateway } from '../ports/directory-gateway.js';
import type { InvitationStore } from '../ports/invitation-store.js';
import type { Versioned } from '../ports/versioned.js';
import { StaleWriteError } from '../ports/versioned.js';
import { actualPathFrom } from '../redemption/actual-path.js';

export interface RefreshDependencies {
  readonly directory: DirectoryGateway;
  readonly store: InvitationStore;
  readonly clock: Clock;
}

/** The record as it now stands when the directory changed it, else undefined. */
export async function refreshFromDirectory(
  deps: RefreshDependencies,
  row: Versioned<InvitationRecord>,
  tenantDomains: readonly string[],
): Promise<InvitationRecord | undefined> {
  if (!row.value.invitedUserId || row.value.state === 'Accepted') return undefined;
  const signIn = await deps.directory.guestSignIn(row.value.invitedUserId);
  if (signIn?.state !== 'Accepted') return undefined;
  const actualPath = actualPathFrom(signIn.identities, tenantDomains);
  const record: InvitationRecord = {
    ...row.value,
    state: 'Accepted',
    ...(actualPath ? { actualPath } : {}),
    acceptedAt: signIn.stateChangedAt ?? deps.clock.now().toISOString(),
    updatedAt: deps.clock.now().toISOString(),
  };
  try {
    return (await deps.store.replace(record, row.etag)).value;
  } catch (error) {
    if (error instanceof StaleWriteError) return record;
    throw error;
  }
}
