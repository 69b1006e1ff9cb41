/**
 * An immutable table of records by id that shares structure between versions, so that a change to a few
 * records of a 55,000-card map costs a few small copies instead of a copy of every record.
 *
 * Records are spread over buckets (small arrays) by a hash of their id. `withChanges` copies only the buckets
 * whose records change (and the bucket array itself, one slot per bucket); every other bucket is shared with the
 * version before. The bucket count grows with the table (amortised: the table is re-spread only when it has grown
 * fourfold since), keeping buckets small. Iteration order is by bucket, not by insertion: callers that need
 * an order sort (by position, see mapModel.ts).
 *
 * It reads like a ReadonlyMap, so code that looks records up does not care how they are kept.
 */

/**
 * Records per bucket the table aims at. A bucket is a small array, copied whole (a copy of pointers, no hashing)
 * when one of its records changes, and searched from its start: small enough that a change of a twelfth of a
 * 55,000-card map (a stage's delete) leaves a third of the buckets shared, and a look-up is a few compares.
 */
export const TARGET_BUCKET_SIZE = 16;
const MIN_BUCKETS = 8;

/** FNV-1a over the id's UTF-16 code units: quick, and spreads the ids' random characters evenly. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The id's hash as the table keeps it: its low 30 bits, a small integer to the JavaScript engine (kept inline in
 * the buckets' arrays, compared without reading a heap number). The bucket is chosen by its lowest bits.
 */
const keyOf = (id: string): number => hashId(id) & 0x3fffffff;

/** The power of two buckets a table of `size` records is spread over. */
export function bucketCountFor(size: number): number {
  let n = MIN_BUCKETS;
  while (n * TARGET_BUCKET_SIZE < size) n *= 2;
  return n;
}

/**
 * A bucket: its records' id hashes and the records, one after the other (hash, record, hash, record…). A look-up
 * compares the numbers and reads an id only where the hash is the same; a copy is a copy of pointers.
 */
type Bucket<T> = readonly (number | T)[];

/** Where in a bucket the record of `id` (of hash `hash`) is (the index of its hash), or -1. */
function indexIn<T extends { id: string }>(bucket: Bucket<T>, hash: number, id: string): number {
  for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === hash && (bucket[i + 1] as T).id === id) return i;
  return -1;
}

export class RecordTable<T extends { id: string }> implements ReadonlyMap<string, T> {
  readonly size: number;
  readonly #buckets: readonly Bucket<T>[];

  private constructor(buckets: readonly Bucket<T>[], size: number) {
    this.#buckets = buckets;
    this.size = size;
  }

  /** A table of these records (a later record with an id already seen replaces the earlier one). */
  static of<T extends { id: string }>(records: Iterable<T>): RecordTable<T> {
    const list = Array.isArray(records) ? (records as readonly T[]) : [...records];
    const count = bucketCountFor(list.length);
    const buckets: (number | T)[][] = Array.from({ length: count }, () => []);
    let size = 0;
    for (const r of list) {
      const hash = keyOf(r.id);
      const bucket = buckets[hash & (count - 1)] as (number | T)[];
      const at = indexIn(bucket, hash, r.id);
      if (at >= 0) bucket[at + 1] = r;
      else {
        bucket.push(hash, r);
        size++;
      }
    }
    return new RecordTable(buckets, size);
  }

  get(id: string): T | undefined {
    const hash = keyOf(id);
    const bucket = this.#buckets[hash & (this.#buckets.length - 1)] as Bucket<T>;
    const at = indexIn(bucket, hash, id);
    return at >= 0 ? (bucket[at + 1] as T) : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /**
   * This table with `upserts` put in (replacing records of the same id) and `deletions` taken out; an id
   * both upserted and deleted ends up deleted. Returns this very table when nothing changes.
   */
  withChanges(upserts: readonly T[], deletions: readonly string[]): RecordTable<T> {
    const count = this.#buckets.length;
    // The buckets this change copied, by index.
    const copies = new Map<number, (number | T)[]>();
    const writable = (index: number): (number | T)[] => {
      let copy = copies.get(index);
      if (!copy) {
        copy = (this.#buckets[index] as Bucket<T>).slice();
        copies.set(index, copy);
      }
      return copy;
    };
    let size = this.size;
    for (const r of upserts) {
      const hash = keyOf(r.id);
      const index = hash & (count - 1);
      const current = copies.get(index) ?? (this.#buckets[index] as Bucket<T>);
      const at = indexIn(current, hash, r.id);
      if (at >= 0 && current[at + 1] === r) continue;
      const bucket = writable(index);
      if (at >= 0) bucket[at + 1] = r;
      else {
        bucket.push(hash, r);
        size++;
      }
    }
    for (const id of deletions) {
      const hash = keyOf(id);
      const index = hash & (count - 1);
      const at = indexIn(copies.get(index) ?? (this.#buckets[index] as Bucket<T>), hash, id);
      if (at < 0) continue;
      // Order inside a bucket means nothing: the last record (and its hash) takes the place of the one deleted.
      const bucket = writable(index);
      const last = bucket.pop() as T;
      const lastHash = bucket.pop() as number;
      if (at < bucket.length) {
        bucket[at] = lastHash;
        bucket[at + 1] = last;
      }
      size--;
    }
    if (copies.size === 0) return this;
    if (size > 4 * count * TARGET_BUCKET_SIZE) {
      // Grown fourfold past what the buckets were made for: spread the records over more buckets.
      const all: T[] = [];
      this.#buckets.forEach((b, i) => {
        const bucket = copies.get(i) ?? b;
        for (let k = 1; k < bucket.length; k += 2) all.push(bucket[k] as T);
      });
      return RecordTable.of(all);
    }
    const buckets = this.#buckets.slice();
    for (const [index, bucket] of copies) buckets[index] = bucket;
    return new RecordTable(buckets, size);
  }

  *values(): MapIterator<T> {
    for (const bucket of this.#buckets) for (let k = 1; k < bucket.length; k += 2) yield bucket[k] as T;
  }

  *keys(): MapIterator<string> {
    for (const r of this.values()) yield r.id;
  }

  *entries(): MapIterator<[string, T]> {
    for (const r of this.values()) yield [r.id, r];
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void): void {
    for (const [id, record] of this.entries()) callback(record, id, this);
  }

  /** How many buckets the records are spread over. */
  get bucketCount(): number {
    return this.#buckets.length;
  }

  /** How many buckets this version shares with another (a test of structural sharing). */
  sharedBuckets(other: RecordTable<T>): number {
    let shared = 0;
    this.#buckets.forEach((b, i) => {
      if (other.#buckets[i] === b) shared++;
    });
    return shared;
  }
}
