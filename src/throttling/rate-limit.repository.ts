/** Storage port for fixed-window counters. */
export abstract class RateLimitRepository {
  /**
   * Adds `hits` for `key` to the window starting at `windowStart`, starting the count afresh
   * when the stored window is older. Atomic per key, so concurrent instances agree.
   * @returns the number of hits in this window, these included.
   */
  abstract add(key: string, windowStart: Date, hits: number): Promise<number>;
  /** Counts one hit: `add(key, windowStart, 1)`. */
  hit(key: string, windowStart: Date): Promise<number> {
    return this.add(key, windowStart, 1);
  }
  /** The hits counted for `key` in this window (0 if none). */
  abstract count(key: string, windowStart: Date): Promise<number>;
  abstract reset(key: string): Promise<void>;
}
