/** How many rows one RecentReads keeps at most; the oldest read goes first. */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  readonly value: T;
  readonly readAt: number;
}

/**
 * Rows read by key within the last `maxAgeMs`, reused instead of read again. Meant for the
 * tables every request reads and this server never changes in place, only inserts into and
 * deletes from (clients, users):
 *
 * - a deletion made through this instance forgets the row at once;
 * - one made elsewhere (another instance, the CLI) is seen here within `maxAgeMs`, the bound
 *   REVOCATION_SYNC_INTERVAL already sets for revocations;
 * - a miss is not remembered, so a row inserted elsewhere is found at once.
 */
export class RecentReads<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Bumped by every `forget`: a read in flight across one must not store what it read. */
  private forgets = 0;

  constructor(private readonly maxAgeMs: number) {}

  async get(key: string, read: (key: string) => Promise<T | null>): Promise<T | null> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.readAt < this.maxAgeMs) return entry.value;
    const forgetsBefore = this.forgets;
    const value = await read(key);
    this.entries.delete(key);
    if (value !== null && forgetsBefore === this.forgets) this.remember(key, value, now);
    return value;
  }

  forget(key: string): void {
    this.forgets += 1;
    this.entries.delete(key);
  }

  private remember(key: string, value: T, readAt: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, readAt });
  }
}
