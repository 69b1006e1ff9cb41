/**
 * An immutable table of records by id that shares structure between versions, so that a change to a few
 * records of a 55,000-card map costs a few small copies instead of a copy of every record.
 *
 * Records are spread over buckets by a hash of their id. `withChanges` copies only the buckets whose records
 * change (and the bucket array itself, one slot per bucket); every other bucket is shared with the version
 * before. The bucket count grows with the table (amortised: the table is re-spread only when it has grown
 * fourfold since), keeping buckets small. Iteration order is by bucket, not by insertion: callers that need
 * an order sort (by position, see mapModel.ts).
 *
 * It reads like a ReadonlyMap, so code that looks records up does not care how they are kept.
 */

/** Records per bucket the table aims at; a bucket is copied whole when one of its records changes. */
const TARGET_BUCKET_SIZE = 64;
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

/** The power of two buckets a table of `size` records is spread over. */
export function bucketCountFor(size: number): number {
  let n = MIN_BUCKETS;
  while (n * TARGET_BUCKET_SIZE < size) n *= 2;
  return n;
}

type Bucket<T> = ReadonlyMap<string, T>;
const EMPTY_BUCKET: Bucket<never> = new Map<string, never>();

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
    const buckets: Map<string, T>[] = Array.from({ length: count }, () => new Map<string, T>());
    for (const r of list) (buckets[hashId(r.id) & (count - 1)] as Map<string, T>).set(r.id, r);
    return new RecordTable(buckets, buckets.reduce((n, b) => n + b.size, 0));
  }

  #bucketOf(id: string): Bucket<T> {
    return this.#buckets[hashId(id) & (this.#buckets.length - 1)] ?? EMPTY_BUCKET;
  }

  get(id: string): T | undefined {
    return this.#bucketOf(id).get(id);
  }

  has(id: string): boolean {
    return this.#bucketOf(id).has(id);
  }

  /**
   * This table with `upserts` put in (replacing records of the same id) and `deletions` taken out; an id
   * both upserted and deleted ends up deleted. Returns this very table when nothing changes.
   */
  withChanges(upserts: readonly T[], deletions: readonly string[]): RecordTable<T> {
    const count = this.#buckets.length;
    const copies = new Map<number, Map<string, T>>();
    const writable = (index: number): Map<string, T> => {
      let copy = copies.get(index);
      if (!copy) {
        copy = new Map(this.#buckets[index]);
        copies.set(index, copy);
      }
      return copy;
    };
    let size = this.size;
    for (const r of upserts) {
      const index = hashId(r.id) & (count - 1);
      const current = copies.get(index) ?? this.#buckets[index] ?? EMPTY_BUCKET;
      if (current.get(r.id) === r) continue;
      const bucket = writable(index);
      if (!bucket.has(r.id)) size++;
      bucket.set(r.id, r);
    }
    for (const id of deletions) {
      const index = hashId(id) & (count - 1);
      const current = copies.get(index) ?? this.#buckets[index] ?? EMPTY_BUCKET;
      if (!current.has(id)) continue;
      writable(index).delete(id);
      size--;
    }
    if (copies.size === 0) return this;
    if (size > 4 * count * TARGET_BUCKET_SIZE) {
      // Grown fourfold past what the buckets were made for: spread the records over more buckets.
      const all: T[] = [];
      this.#buckets.forEach((b, i) => all.push(...(copies.get(i) ?? b).values()));
      return RecordTable.of(all);
    }
    const buckets = this.#buckets.slice();
    for (const [index, bucket] of copies) buckets[index] = bucket;
    return new RecordTable(buckets, size);
  }

  *values(): MapIterator<T> {
    for (const bucket of this.#buckets) yield* bucket.values();
  }

  *keys(): MapIterator<string> {
    for (const bucket of this.#buckets) yield* bucket.keys();
  }

  *entries(): MapIterator<[string, T]> {
    for (const bucket of this.#buckets) yield* bucket.entries();
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
