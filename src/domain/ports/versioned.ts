/** Records stored with an opaque concurrency token, and the conflict a stale one causes. */
export interface Versioned<T> {
  readonly value: T;
  /** Opaque concurrency token: an update with a stale one fails with `StaleWriteError`. */
  readonly etag: string;
}

export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}
