import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { PURGED_TABLES, RetentionStore, type PurgedTable } from './retention-store.js';
import {
  LONGEST_ACCESS_TOKEN_TTL_MS,
  PURGE_BATCH_SIZE,
  RetentionService,
  SETTLE_MARGIN_MS,
} from './retention.service.js';

const NOW = new Date('2030-01-01T12:00:00Z');
const MINUTE = 60 * 1000;

/** A store that reports what is asked of it and deletes `backlog[table]` rows, a batch at a time. */
class FakeStore extends RetentionStore {
  readonly calls: { table: PurgedTable; cutoff: Date; limit: number }[] = [];

  constructor(private readonly backlog: Partial<Record<PurgedTable, number>> = {}) {
    super();
  }

  async deleteBatch(table: PurgedTable, cutoff: Date, limit: number): Promise<number> {
    this.calls.push({ table, cutoff, limit });
    const deleted = Math.min(this.backlog[table] ?? 0, limit);
    this.backlog[table] = (this.backlog[table] ?? 0) - deleted;
    return deleted;
  }
}

function service(store: RetentionStore, { loginThrottleWindow = 900, auditRetentionDays = 90 } = {}) {
  return new RetentionService(store, { purgeInterval: 600, auditRetentionDays }, { loginThrottleWindow });
}

describe('RetentionService: deletes what has served its purpose, in bounded batches', () => {
  let log: jest.SpiedFunction<Logger['log']>;

  beforeEach(() => {
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    log.mockRestore();
  });

  it('deletes rows that ended at least the settle margin ago', () => {
    const cutoffs = service(new FakeStore()).cutoffs(NOW);
    for (const table of ['authorization_codes', 'refresh_tokens', 'token_families', 'grants'] as const) {
      expect(cutoffs[table]).toEqual(new Date(NOW.getTime() - SETTLE_MARGIN_MS));
    }
    expect(SETTLE_MARGIN_MS).toBe(5 * MINUTE);
  });

  it('deletes a rate-limit window once the longest window that could have started then has ended', () => {
    expect(service(new FakeStore(), { loginThrottleWindow: 900 }).cutoffs(NOW).rate_limits).toEqual(
      new Date(NOW.getTime() - SETTLE_MARGIN_MS - 15 * MINUTE),
    );
    // The client throttle counts per minute: a shorter login window does not shorten it.
    expect(service(new FakeStore(), { loginThrottleWindow: 10 }).cutoffs(NOW).rate_limits).toEqual(
      new Date(NOW.getTime() - SETTLE_MARGIN_MS - MINUTE),
    );
  });

  it("keeps a deleted client's row while an access token issued before the deletion may be unexpired", () => {
    expect(service(new FakeStore()).cutoffs(NOW).deleted_clients).toEqual(
      new Date(NOW.getTime() - SETTLE_MARGIN_MS - LONGEST_ACCESS_TOKEN_TTL_MS),
    );
    // ACCESS_TOKEN_TTL's upper bound, whatever this instance's own lifetime.
    expect(LONGEST_ACCESS_TOKEN_TTL_MS).toBe(24 * 60 * MINUTE);
  });

  it('keeps security events for AUDIT_RETENTION_DAYS', () => {
    expect(service(new FakeStore(), { auditRetentionDays: 30 }).cutoffs(NOW).security_events).toEqual(
      new Date('2029-12-02T12:00:00Z'),
    );
  });

  it('purges children before parents: codes and refresh tokens, then families, then grants', async () => {
    const store = new FakeStore();
    await service(store).purge(NOW);
    const order = store.calls.map((call) => call.table);
    expect(order).toEqual([...PURGED_TABLES]);
    expect(order.indexOf('refresh_tokens')).toBeLessThan(order.indexOf('token_families'));
    expect(order.indexOf('token_families')).toBeLessThan(order.indexOf('grants'));
    expect(order.indexOf('authorization_codes')).toBeLessThan(order.indexOf('grants'));
  });

  it('deletes a backlog batch by batch until a batch comes back short, and counts every row', async () => {
    const store = new FakeStore({ refresh_tokens: 2 * PURGE_BATCH_SIZE + 3, security_events: PURGE_BATCH_SIZE });
    const counts = await service(store).purge(NOW);
    expect(counts).toMatchObject({ refresh_tokens: 2 * PURGE_BATCH_SIZE + 3, security_events: PURGE_BATCH_SIZE });
    expect(counts.authorization_codes).toBe(0);
    expect(store.calls.filter((call) => call.table === 'refresh_tokens')).toHaveLength(3);
    // A full batch is followed by one more, which finds nothing.
    expect(store.calls.filter((call) => call.table === 'security_events')).toHaveLength(2);
    expect(store.calls.every((call) => call.limit === PURGE_BATCH_SIZE)).toBe(true);
  });

  it('stops between two batches once the signal is aborted, returning what it deleted', async () => {
    const stop = new AbortController();
    const store = new FakeStore({ authorization_codes: 5 * PURGE_BATCH_SIZE });
    const deleteBatch = store.deleteBatch.bind(store);
    jest.spyOn(store, 'deleteBatch').mockImplementation(async (...args) => {
      const deleted = await deleteBatch(...args);
      stop.abort();
      return deleted;
    });
    const counts = await service(store).purge(NOW, stop.signal);
    expect(counts.authorization_codes).toBe(PURGE_BATCH_SIZE);
    expect(store.calls).toHaveLength(1);
  });

  it('logs one line per run with the counts', async () => {
    await service(new FakeStore({ login_sessions: 2 })).purge(NOW);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/^Purged \{"authorization_codes":0,.*"login_sessions":2,.*\} in \d+ ms$/);
  });
});
