import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { RecentReads } from './recent-reads.js';

const MAX_AGE_MS = 1000;

/** A table of one row per key, counting how often it is read. */
function table(rows: Record<string, string>) {
  const reads: string[] = [];
  const read = async (key: string) => {
    reads.push(key);
    return rows[key] ?? null;
  };
  return { rows, reads, read };
}

describe('RecentReads', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_800_000_000_000, doNotFake: ['nextTick', 'setImmediate'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reuses a row read less than the maximum age ago', async () => {
    const { read, reads } = table({ a: 'row a' });
    const recent = new RecentReads<string>(MAX_AGE_MS);
    expect(await recent.get('a', read)).toBe('row a');
    jest.advanceTimersByTime(MAX_AGE_MS - 1);
    expect(await recent.get('a', read)).toBe('row a');
    expect(reads).toEqual(['a']);
  });

  it('reads the row again once the maximum age has passed, and sees a change made elsewhere', async () => {
    const { read, reads, rows } = table({ a: 'row a' });
    const recent = new RecentReads<string>(MAX_AGE_MS);
    await recent.get('a', read);
    delete rows.a;
    jest.advanceTimersByTime(MAX_AGE_MS);
    expect(await recent.get('a', read)).toBeNull();
    expect(reads).toEqual(['a', 'a']);
  });

  it('does not remember a miss, so a row inserted elsewhere is found at once', async () => {
    const { read, rows } = table({});
    const recent = new RecentReads<string>(MAX_AGE_MS);
    expect(await recent.get('a', read)).toBeNull();
    rows.a = 'row a';
    expect(await recent.get('a', read)).toBe('row a');
  });

  it('forgets a row at once when told it was deleted', async () => {
    const { read, rows } = table({ a: 'row a' });
    const recent = new RecentReads<string>(MAX_AGE_MS);
    await recent.get('a', read);
    delete rows.a;
    recent.forget('a');
    expect(await recent.get('a', read)).toBeNull();
  });

  it('does not store a read that was in flight when a row was forgotten', async () => {
    const { rows } = table({ a: 'row a' });
    const recent = new RecentReads<string>(MAX_AGE_MS);
    let finishRead: () => void = () => undefined;
    const slowRead = (key: string) => {
      const seen = rows[key] ?? null;
      return new Promise<string | null>((resolve) => (finishRead = () => resolve(seen)));
    };
    const inFlight = recent.get('a', slowRead);
    // The deletion commits and is forgotten while the read that saw the row is still running.
    delete rows.a;
    recent.forget('a');
    finishRead();
    expect(await inFlight).toBe('row a');
    expect(await recent.get('a', table(rows).read)).toBeNull();
  });

  it('keeps at most 10,000 rows, dropping the oldest read first', async () => {
    const rows = Object.fromEntries(Array.from({ length: 10_001 }, (_, n) => [`k${n}`, `row ${n}`]));
    const { read, reads } = table(rows);
    const recent = new RecentReads<string>(MAX_AGE_MS);
    for (const key of Object.keys(rows)) await recent.get(key, read);
    await recent.get('k10000', read);
    await recent.get('k1', read);
    await recent.get('k0', read);
    expect(reads.slice(10_001)).toEqual(['k0']);
  });

  it('keeps no row with a maximum age of 0', async () => {
    const { read, reads } = table({ a: 'row a' });
    const recent = new RecentReads<string>(0);
    await recent.get('a', read);
    await recent.get('a', read);
    expect(reads).toEqual(['a', 'a']);
  });
});
