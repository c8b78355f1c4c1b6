import { describe, expect, it } from 'vitest';
import { StaleWriteError, updateVersioned, WriteConflictError, type Versioned, type VersionedRecord } from '../../src/domain/ports/versioned.js';

/** One record in memory whose writes another writer beats `losses` times (it adds 100 just before each). */
function contested(initial: number | undefined, losses: number): VersionedRecord<number> & { reads: number; value(): number | undefined } {
  let stored: Versioned<number> | undefined = initial === undefined ? undefined : { value: initial, etag: '1' };
  let version = 1;
  let toLose = losses;
  let reads = 0;
  const write = (value: number): Versioned<number> => (stored = { value, etag: String(++version) });
  return {
    get reads() {
      return reads;
    },
    value: () => stored?.value,
    read: async () => {
      reads++;
      return stored;
    },
    replace: async (value, etag) => {
      if (toLose > 0 && stored) {
        toLose--;
        write(stored.value + 100);
      }
      if (stored?.etag !== etag) throw new StaleWriteError('412 precondition failed');
      return write(value);
    },
    create: async (value) => {
      if (stored) throw new StaleWriteError('409 exists');
      return write(value);
    },
  };
}

describe('updateVersioned', () => {
  it('writes the change to the record as read', async () => {
    const record = contested(1, 0);
    const update = await updateVersioned(record, (n) => (n ?? 0) + 1, { what: 'counter' });
    expect(update).toMatchObject({ kind: 'written', record: { value: 2 } });
    expect(record.value()).toBe(2);
  });

  it('after a lost write (412) reads again and applies the change to what the other writer wrote', async () => {
    const record = contested(1, 2);
    const seen: (number | undefined)[] = [];
    const update = await updateVersioned(
      record,
      (n) => {
        seen.push(n);
        return (n ?? 0) + 1;
      },
      { what: 'counter' },
    );
    expect(seen).toEqual([1, 101, 201]);
    expect(update).toMatchObject({ kind: 'written', record: { value: 202 } });
    expect(record.reads).toBe(3);
  });

  it('starts from the record given without reading it', async () => {
    const record = contested(5, 0);
    await updateVersioned(record, (n) => (n ?? 0) * 2, { what: 'counter', first: { value: 5, etag: '1' } });
    expect(record.reads).toBe(0);
    expect(record.value()).toBe(10);
  });

  it('leaves the record alone when the change has nothing to do, also after a re-read', async () => {
    const record = contested(1, 1);
    const update = await updateVersioned(record, (n) => (n !== undefined && n < 100 ? n + 1 : undefined), { what: 'counter' });
    expect(update).toEqual({ kind: 'unchanged', record: { value: 101, etag: expect.any(String) } });
    expect(record.value()).toBe(101);
  });

  it('creates a missing record when it can, and reports an absent one unchanged when it cannot', async () => {
    const creatable = contested(undefined, 0);
    expect(await updateVersioned(creatable, (n) => (n ?? 0) + 7, { what: 'counter' })).toMatchObject({ kind: 'written', record: { value: 7 } });
    const full = contested(undefined, 0);
    const withoutCreate: VersionedRecord<number> = { read: () => full.read(), replace: (value, etag) => full.replace(value, etag) };
    expect(await updateVersioned(withoutCreate, (n) => (n ?? 0) + 7, { what: 'counter' })).toEqual({ kind: 'unchanged', record: undefined });
  });

  it('gives up after the attempts allowed with an error that names the record and the attempts', async () => {
    const record = contested(1, 10);
    const update = updateVersioned(record, (n) => (n ?? 0) + 1, { what: 'the card of batch b-1', attempts: 3 });
    await expect(update).rejects.toThrow(WriteConflictError);
    await expect(update).rejects.toThrow('the card of batch b-1: changed by another writer at each of 3 attempts');
    await expect(update).rejects.toBeInstanceOf(StaleWriteError);
    expect(record.reads).toBe(3);
  });

  it('passes other failures through at once', async () => {
    const record = contested(1, 0);
    record.replace = async () => {
      throw new Error('storage unreachable');
    };
    await expect(updateVersioned(record, (n) => (n ?? 0) + 1, { what: 'counter' })).rejects.toThrow('storage unreachable');
    expect(record.reads).toBe(1);
  });
});
