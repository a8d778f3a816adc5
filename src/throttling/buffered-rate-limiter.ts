import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RateLimitRepository } from './rate-limit.repository.js';
import { windowOf } from './rate-limiter.js';

/** How often each instance writes the hits it counted to the shared counters, and reads their totals back. */
export const FLUSH_INTERVAL_MS = 250;

/** Keys counted in memory at most; past that, a new key is counted in the database directly. */
const MAX_KEYS = 10_000;

/** What one request's count decided. */
export interface Consumption {
  readonly allowed: boolean;
  /** Seconds until the window ends. */
  readonly retryAfter: number;
  /** The first request of this key this instance refused in this window (worth one audit event, not one per request). */
  readonly firstRefusal: boolean;
}

interface Counter {
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The window's total in the database at the last flush: every instance's hits. */
  shared: number;
  /** Hits being written by a flush now. */
  flushing: number;
  /** Hits counted here since. */
  unflushed: number;
  refused: boolean;
}

/**
 * Fixed-window limits for requests that must not each cost a database write (the back
 * channel: every token, introspection and revocation request). Each instance counts in
 * memory and every FLUSH_INTERVAL_MS adds what it counted to the shared counter of each key,
 * one statement per key, reading back the total of every instance. A key's limit therefore
 * holds exactly on one instance, and across instances with a lag of one flush interval: a
 * client spread over several instances may pass its limit by what it sends in that time.
 */
@Injectable()
export class BufferedRateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BufferedRateLimiter.name);
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly store: RateLimitRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Counts one request of `key` and says whether it is within `limit` for this window of `seconds`. */
  async consume(key: string, limit: number, seconds: number, now = new Date()): Promise<Consumption> {
    const window = windowOf(seconds, now);
    let counter = this.counters.get(key);
    if (!counter || counter.windowStart !== window.start.getTime()) {
      if (!counter && this.counters.size >= MAX_KEYS) return this.consumeInStore(key, limit, window);
      const windowStart = window.start.getTime();
      counter = {
        windowStart,
        windowEnd: windowStart + seconds * 1000,
        shared: 0,
        flushing: 0,
        unflushed: 0,
        refused: false,
      };
      this.counters.set(key, counter);
    }
    counter.unflushed++;
    if (counter.shared + counter.flushing + counter.unflushed <= limit) return this.allowed(window.retryAfter);
    const firstRefusal = !counter.refused;
    counter.refused = true;
    return { allowed: false, retryAfter: window.retryAfter, firstRefusal };
  }

  /** Writes every key's unflushed hits, one statement per key; forgets the keys whose window has ended. */
  flush(): Promise<void> {
    this.flushing ??= this.writeCounters().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async writeCounters(): Promise<void> {
    const now = Date.now();
    for (const [key, counter] of this.counters) {
      if (counter.windowEnd <= now) {
        // Hits left unwritten at the very end of a window no longer change any decision.
        this.counters.delete(key);
        continue;
      }
      if (counter.unflushed === 0) continue;
      counter.flushing = counter.unflushed;
      counter.unflushed = 0;
      try {
        counter.shared = await this.store.add(key, new Date(counter.windowStart), counter.flushing);
      } catch (error) {
        counter.unflushed += counter.flushing;
        this.logger.warn(`Could not write request counters, keeping them for the next flush: ${error}`);
        return;
      } finally {
        counter.flushing = 0;
      }
    }
  }

  /** The slow path, when too many keys are counted in memory already (random client_ids, say). */
  private async consumeInStore(key: string, limit: number, window: ReturnType<typeof windowOf>): Promise<Consumption> {
    const hits = await this.store.add(key, window.start, 1);
    return hits <= limit
      ? this.allowed(window.retryAfter)
      : { allowed: false, retryAfter: window.retryAfter, firstRefusal: hits === limit + 1 };
  }

  private allowed(retryAfter: number): Consumption {
    return { allowed: true, retryAfter, firstRefusal: false };
  }
}
