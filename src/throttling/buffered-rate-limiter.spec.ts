import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { InMemoryRateLimitRepository } from '../testing/in-memory-repositories.js';
import { BufferedRateLimiter, FLUSH_INTERVAL_MS } from './buffered-rate-limiter.js';

const MINUTE = 60;
const T0 = new Date('2026-01-01T00:00:10Z');

describe('BufferedRateLimiter: back-channel limits counted in memory, shared through the database every flush', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const allowedOf = async (limiter: BufferedRateLimiter, n: number, key = 'client:a') => {
    const answers = [];
    for (let i = 0; i < n; i++) answers.push((await limiter.consume(key, 3, MINUTE, T0)).allowed);
    return answers;
  };

  it('holds the limit exactly on one instance, writing nothing until it flushes', async () => {
    const store = new InMemoryRateLimitRepository();
    const limiter = new BufferedRateLimiter(store);
    expect(await allowedOf(limiter, 5)).toEqual([true, true, true, false, false]);
    expect(store.rows.size).toBe(0);
    expect(await allowedOf(limiter, 1, 'client:b')).toEqual([true]);
  });

  it('says which refusal is the first of the window, for one audit event instead of one per request', async () => {
    const limiter = new BufferedRateLimiter(new InMemoryRateLimitRepository());
    await allowedOf(limiter, 3);
    const refusals = [];
    for (let i = 0; i < 3; i++) refusals.push((await limiter.consume('client:a', 3, MINUTE, T0)).firstRefusal);
    expect(refusals).toEqual([true, false, false]);
  });

  it('across instances, each flush adds its hits to the shared count and reads the total back', async () => {
    const store = new InMemoryRateLimitRepository();
    const [a, b] = [new BufferedRateLimiter(store), new BufferedRateLimiter(store)];
    jest.useFakeTimers({ now: T0 });
    await allowedOf(a, 2);
    await a.flush();
    expect(store.rows.get('client:a')?.hits).toBe(2);
    // B learns A's two at its own flush: its first write returns the shared total.
    expect(await allowedOf(b, 1)).toEqual([true]);
    await b.flush();
    expect(store.rows.get('client:a')?.hits).toBe(3);
    expect(await allowedOf(b, 1)).toEqual([false]);
  });

  it('starts afresh in the next window, and forgets a key once its window has ended', async () => {
    const store = new InMemoryRateLimitRepository();
    const limiter = new BufferedRateLimiter(store);
    await allowedOf(limiter, 4);
    const next = new Date(T0.getTime() + MINUTE * 1000);
    expect((await limiter.consume('client:a', 3, MINUTE, next)).allowed).toBe(true);
    jest.useFakeTimers({ now: new Date(next.getTime() + MINUTE * 1000) });
    await limiter.flush();
    expect(store.rows.size).toBe(0);
  });

  it('flushes every FLUSH_INTERVAL_MS once started, and on shutdown', async () => {
    jest.useFakeTimers({ now: T0 });
    const store = new InMemoryRateLimitRepository();
    const limiter = new BufferedRateLimiter(store);
    limiter.onModuleInit();
    await allowedOf(limiter, 2);
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    expect(store.rows.get('client:a')?.hits).toBe(2);
    await allowedOf(limiter, 1);
    await limiter.onModuleDestroy();
    expect(store.rows.get('client:a')?.hits).toBe(3);
  });

  it('keeps what it counted when a flush fails, and writes it at the next one', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.useFakeTimers({ now: T0 });
    const store = new InMemoryRateLimitRepository();
    const limiter = new BufferedRateLimiter(store);
    await allowedOf(limiter, 2);
    jest.spyOn(store, 'add').mockRejectedValueOnce(new Error('database unavailable'));
    await limiter.flush();
    expect(await allowedOf(limiter, 2)).toEqual([true, false]);
    await limiter.flush();
    expect(store.rows.get('client:a')?.hits).toBe(4);
  });
});
