/** Storage port for fixed-window counters. */
export abstract class RateLimitRepository {
  /**
   * Counts one hit for `key` in the window starting at `windowStart`, starting the count
   * afresh when the stored window is older. Atomic per key, so concurrent instances agree.
   * @returns the number of hits in this window, this one included.
   */
  abstract hit(key: string, windowStart: Date): Promise<number>;
  /** The hits counted for `key` in this window (0 if none). */
  abstract count(key: string, windowStart: Date): Promise<number>;
  abstract reset(key: string): Promise<void>;
}
