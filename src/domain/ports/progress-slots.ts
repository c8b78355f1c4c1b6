/**
 * When each batch's card last showed progress, shared by every instance so that together they update it at
 * most once an interval. Apart from the batch, whose row the workers write.
 */
export interface ProgressSlots {
  /** True when this caller may update the card now (none did within `intervalMs`); the slot is then taken. */
  claim(tenantId: string, batchId: string, now: Date, intervalMs: number): Promise<boolean>;
}
