/**
 * Directory replication lag (graph-invitations.md: "right after inviting, a read of the new guest
 * can miss"). Only Graph reads of users lag; the directory itself, and so the invitation endpoint's
 * own lookup of an address, always sees every object at once.
 */
export class ReplicationLag {
  /** 0 = every write is readable at once (the default). */
  milliseconds = 0;
  private readonly createdAt = new Map<string, number>();

  noteCreated(userId: string, now: number = Date.now()): void {
    this.createdAt.set(userId, now);
  }

  /** Whether Graph reads see this user yet. Objects not created while the simulator ran (the fixture) always are. */
  isReadable(userId: string, now: number = Date.now()): boolean {
    const created = this.createdAt.get(userId);
    return created === undefined || now >= created + this.milliseconds;
  }

  clear(): void {
    this.milliseconds = 0;
    this.createdAt.clear();
  }
}
