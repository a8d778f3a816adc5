import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../common/oauth-errors.js';
import { RateLimitRepository } from './rate-limit.repository.js';

/** A fixed window of `seconds` containing `now`. */
export function windowOf(seconds: number, now: Date): { start: Date; retryAfter: number } {
  const length = seconds * 1000;
  const start = Math.floor(now.getTime() / length) * length;
  return { start: new Date(start), retryAfter: Math.max(1, Math.ceil((start + length - now.getTime()) / 1000)) };
}

/** Fixed-window limits over counters every instance shares (the database), each count one statement. */
@Injectable()
export class RateLimiter {
  constructor(private readonly counters: RateLimitRepository) {}

  /** Refuses with 429 when `key` already reached `limit` in this window; counts nothing. */
  async assertBelow(key: string, limit: number, seconds: number, message: string): Promise<void> {
    const window = windowOf(seconds, new Date());
    if ((await this.counters.count(key, window.start)) >= limit)
      throw new TooManyRequestsError(message, window.retryAfter);
  }

  /** Counts one event for `key` in this window. */
  async record(key: string, seconds: number): Promise<void> {
    await this.counters.hit(key, windowOf(seconds, new Date()).start);
  }

  /** Counts one request and refuses it with 429 once `limit` is passed in this window. */
  async consume(key: string, limit: number, seconds: number, message: string): Promise<void> {
    const window = windowOf(seconds, new Date());
    if ((await this.counters.hit(key, window.start)) > limit)
      throw new TooManyRequestsError(message, window.retryAfter);
  }

  reset(key: string): Promise<void> {
    return this.counters.reset(key);
  }
}
