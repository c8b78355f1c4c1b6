/**
 * Records stored with an opaque concurrency token, the conflict a stale one causes, and the one way to
 * read-modify-write such a record: re-read and apply the change again whenever another writer was first.
 */
export interface Versioned<T> {
  readonly value: T;
  /** Opaque concurrency token: an update with a stale one fails with `StaleWriteError`. */
  readonly etag: string;
}

export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

/** Other writers won every attempt of an update: a StaleWriteError, so whoever treats a lost write as such still does. */
export class WriteConflictError extends StaleWriteError {
  constructor(
    what: string,
    readonly attempts: number,
  ) {
    super(`${what}: changed by another writer at each of ${attempts} attempts`);
  }
}

/** One stored record as an update sees it; `create` for records that may not exist yet. */
export interface VersionedRecord<T> {
  read(): Promise<Versioned<T> | undefined>;
  replace(value: T, etag: string): Promise<Versioned<T>>;
  create?(value: T): Promise<Versioned<T>>;
}

export type VersionedUpdate<T> =
  | { readonly kind: 'written'; readonly record: Versioned<T> }
  /** The change had nothing to do with the record as it is now (absent when there is none). */
  | { readonly kind: 'unchanged'; readonly record: Versioned<T> | undefined };

/** Enough for the handful of instances and workers that can write one record at once. */
const DEFAULT_UPDATE_ATTEMPTS = 20;

/**
 * Reads the record (or starts from `first`, read just before), applies `change`, and writes the result
 * with the etag read; when another writer was first (StaleWriteError), reads again and applies `change`
 * to what they wrote. `change` returns undefined when there is nothing (more) to do; it sees undefined
 * when there is no record, and its result is then created. After `attempts` lost writes: WriteConflictError.
 */
export async function updateVersioned<T>(
  record: VersionedRecord<T>,
  change: (current: T | undefined) => T | undefined | Promise<T | undefined>,
  options: { readonly what: string; readonly attempts?: number; readonly first?: Versioned<T> },
): Promise<VersionedUpdate<T>> {
  const attempts = options.attempts ?? DEFAULT_UPDATE_ATTEMPTS;
  let current = options.first ?? (await record.read());
  for (let attempt = 1; ; attempt++) {
    const next = await change(current?.value);
    if (next === undefined) return { kind: 'unchanged', record: current };
    try {
      if (current) return { kind: 'written', record: await record.replace(next, current.etag) };
      if (!record.create) return { kind: 'unchanged', record: undefined };
      return { kind: 'written', record: await record.create(next) };
    } catch (error) {
      if (!(error instanceof StaleWriteError)) throw error;
      if (attempt >= attempts) throw new WriteConflictError(options.what, attempts);
    }
    current = await record.read();
  }
}
