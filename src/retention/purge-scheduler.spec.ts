import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { PurgeScheduler } from './purge-scheduler.js';
import type { PurgeCounts } from './retention-store.js';
import type { RetentionService } from './retention.service.js';

const INTERVAL = 600;

/** A purge that stays running until `finish()` is called. */
function pendingPurge() {
  let finish: (counts: PurgeCounts) => void = () => undefined;
  const promise = new Promise<PurgeCounts>((resolve) => (finish = resolve));
  return { promise, finish: () => finish({} as PurgeCounts) };
}

describe('PurgeScheduler: every PURGE_INTERVAL seconds, never two runs at once in one instance', () => {
  let purge: jest.Mock<RetentionService['purge']>;
  let warn: jest.SpiedFunction<Logger['warn']>;

  beforeEach(() => {
    jest.useFakeTimers();
    purge = jest.fn<RetentionService['purge']>().mockResolvedValue({} as PurgeCounts);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.useRealTimers();
    warn.mockRestore();
  });

  function start(purgeInterval = INTERVAL): PurgeScheduler {
    const scheduler = new PurgeScheduler({ purge } as unknown as RetentionService, { purgeInterval });
    scheduler.onApplicationBootstrap();
    return scheduler;
  }

  it('purges once per interval, and its timer never holds the process open', async () => {
    const setInterval = jest.spyOn(globalThis, 'setInterval');
    start();
    expect((setInterval.mock.results[0]?.value as NodeJS.Timeout).hasRef()).toBe(false);
    await jest.advanceTimersByTimeAsync(INTERVAL * 1000 - 1);
    expect(purge).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(purge).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2 * INTERVAL * 1000);
    expect(purge).toHaveBeenCalledTimes(3);
  });

  it('never purges with PURGE_INTERVAL=0', async () => {
    start(0);
    await jest.advanceTimersByTimeAsync(7 * 24 * 3600 * 1000);
    expect(purge).not.toHaveBeenCalled();
  });

  it('skips a tick while the previous run is still going', async () => {
    const slow = pendingPurge();
    purge.mockReturnValueOnce(slow.promise);
    start();
    await jest.advanceTimersByTimeAsync(3 * INTERVAL * 1000);
    expect(purge).toHaveBeenCalledTimes(1);
    slow.finish();
    await jest.advanceTimersByTimeAsync(INTERVAL * 1000);
    expect(purge).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and tries again at the next tick', async () => {
    purge.mockRejectedValueOnce(new Error('database is locked'));
    start();
    await jest.advanceTimersByTimeAsync(INTERVAL * 1000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('database is locked'));
    await jest.advanceTimersByTimeAsync(INTERVAL * 1000);
    expect(purge).toHaveBeenCalledTimes(2);
  });

  it('on module destroy, stops the timer, asks a running purge to stop and waits for it', async () => {
    const slow = pendingPurge();
    purge.mockReturnValueOnce(slow.promise);
    const scheduler = start();
    await jest.advanceTimersByTimeAsync(INTERVAL * 1000);
    const signal = purge.mock.calls[0]![1]!;
    expect(signal.aborted).toBe(false);
    let destroyed = false;
    const destroying = scheduler.onModuleDestroy().then(() => (destroyed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(signal.aborted).toBe(true);
    expect(destroyed).toBe(false);
    slow.finish();
    await destroying;
    await jest.advanceTimersByTimeAsync(3 * INTERVAL * 1000);
    expect(purge).toHaveBeenCalledTimes(1);
  });
});
