/** A guest's sponsors in Microsoft Entra: who answers for them, read and changed one by one. */

export interface SponsorAccount {
  readonly id: string;
  readonly displayName?: string;
  /** False when the account is blocked from signing in (someone who left is usually disabled first, deleted later). */
  readonly enabled: boolean;
}

export interface SponsorDirectory {
  /** GET /users/{id}/sponsors: the users sponsoring this guest (deleted ones are no longer listed); undefined when the guest is gone. */
  sponsorsOf(guestId: string): Promise<readonly SponsorAccount[] | undefined>;
  /** POST /users/{id}/sponsors/$ref; a sponsor already there counts as added. */
  addSponsor(guestId: string, sponsorId: string): Promise<void>;
  /** DELETE /users/{id}/sponsors/{sponsorId}/$ref, only the reference; a sponsor no longer there counts as removed. */
  removeSponsor(guestId: string, sponsorId: string): Promise<void>;
}
