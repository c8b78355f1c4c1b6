/** The time the domain reads and the only way it lets time pass. */
export interface Clock {
  now(): Date;
  /** Waits; the only way the domain lets time pass (fake clocks make it instant in unit tests). */
  sleep(milliseconds: number): Promise<void>;
}
