/**
 * The invitations already sent, as their inviters and administrators see them in chat: one record, a
 * person's list, predicted against actual paths, and the fixes (resend, new link, reset, withdraw).
 */
import type { InvitationRecord } from '../domain/invitations/invitation.js';
import { fixInvitation, type FixAction, type FixActor, type FixDependencies, type FixOutcome } from '../domain/use-cases/fix-invitation.js';
import { myGuests, type GuestPage } from '../domain/use-cases/my-guests.js';
import type { GuestLifecycleStore } from '../domain/ports/guest-lifecycle-store.js';
import { myInvitations, type InvitationPage, type StatusFilter } from '../domain/use-cases/my-invitations.js';
import { verifyPaths, type PathReport } from '../domain/use-cases/verify-paths.js';

export interface InvitationsDependencies extends Omit<FixDependencies, 'isAdministrator'> {
  readonly tenantId: string;
  /** The directory as it is, unpaced: a person's list and the path report only read it. */
  readonly lookups: FixDependencies['directory'];
  readonly isAdministrator: NonNullable<FixDependencies['isAdministrator']>;
  /** Each guest's lifecycle state, shown on My guests (open question, blocked until). */
  readonly care: Pick<GuestLifecycleStore, 'get'>;
}

export interface InvitationsService {
  invitation(address: string): Promise<InvitationRecord | undefined>;
  myInvitations(inviterAadObjectId: string, page: number, filter?: StatusFilter): Promise<InvitationPage>;
  /** The guests this person sponsors (pending or accepted), a page at a time. */
  myGuests(sponsorAadObjectId: string, page: number): Promise<GuestPage>;
  pathReport(): Promise<PathReport>;
  fix(address: string, action: FixAction, actor: FixActor): Promise<FixOutcome>;
}

export function invitationsService(deps: InvitationsDependencies): InvitationsService {
  const { tenantId, store, clock } = deps;
  return {
    invitation: async (address) => (await store.get(tenantId, address))?.value,
    myInvitations: (inviter, page, filter) => myInvitations({ directory: deps.lookups, store, clock, tenantId }, inviter, page, filter),
    myGuests: (sponsor, page) => myGuests({ store, care: deps.care, tenantId }, sponsor, page),
    pathReport: () => verifyPaths({ directory: deps.lookups, store, clock, tenantId }),
    fix: (address, action, actor) => fixInvitation(deps, tenantId, address, action, actor),
  };
}
