/** Guests' sponsors in Microsoft Entra: who answers for them, read for many guests at once, changed one by one. */

export interface SponsorAccount {
  readonly id: string;
  readonly displayName?: string;
  /** False when the account is blocked from signing in (someone who left is usually disabled first, deleted later). */
  readonly enabled: boolean;
}

export interface SponsorDirectory {
  /**
   * GET /users/{id}/sponsors of each guest: the users sponsoring them (deleted ones are no longer listed), by
   * guest id; a guest gone from the directory is left out.
   */
  sponsorsOfGuests(guestIds: readonly string[]): Promise<ReadonlyMap<string, readonly SponsorAccount[]>>;
  /** POST /users/{id}/sponsors/$ref; a sponsor already there counts as added. */
  addSponsor(guestId: string, sponsorId: string): Promise<void>;
  /** DELETE /users/{id}/sponsors/{sponsorId}/$ref, only the reference; a sponsor no longer there counts as removed. */
  removeSponsor(guestId: string, sponsorId: string): Promise<void>;
}
