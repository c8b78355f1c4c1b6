/** Per-requester daily counts for the approval rules. */
/** How many guests each requester sent invitations to in a UTC day, shared by every instance. */
export interface RequesterTally {
  sentToday(requesterAadObjectId: string, now: Date): Promise<number>;
  add(requesterAadObjectId: string, count: number, now: Date): Promise<void>;
}
