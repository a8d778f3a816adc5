/**
 * One measurement: autocannon against one target for a fixed time (or a fixed number of
 * requests), with the CPU each party used meanwhile. A load is what autocannon sends:
 *
 * - static: `{ method, path, headers, body }`, the same request every time;
 * - dynamic: `{ requests }` (autocannon's request sequence), with a `counter` (below) when
 *   successes are counted by the scenario: requests that spend a prepared input (a code, a
 *   refresh token) or flows of several requests.
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { startCpuMeter } from './machine.mjs';

/**
 * Successes and latencies counted by a scenario. When its inputs run out before the round
 * ends, it stops the round there: throughput is over the time inputs lasted, so a pool that
 * was too small shortens a round without lowering its rate.
 */
export class Counter {
  successes = 0;
  failures = 0;
  latencies = [];
  startedAt = 0;
  exhaustedAt = null;
  instance = null;

  success(latencyMs) {
    this.successes++;
    if (latencyMs !== undefined) this.latencies.push(latencyMs);
  }

  failure() {
    this.failures++;
  }

  /** Inputs ran out: stop the round (autocannon stops within a sample interval). */
  exhausted() {
    if (this.exhaustedAt !== null) return;
    this.exhaustedAt = performance.now();
    this.instance?.stop();
  }
}

/** A pool of prepared inputs; `take()` returns undefined and stops the round when it is empty. */
export class Pool {
  constructor(items, counter) {
    this.items = items;
    this.counter = counter;
  }

  take() {
    const item = this.items.pop();
    if (item === undefined) this.counter.exhausted();
    return item;
  }

  put(item) {
    this.items.push(item);
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * @param target the server (its url and the processes whose CPU counts as the server's)
 * @param load a static request or a request sequence (see above)
 * @param options duration (s) or amount (requests), and connections
 */
export async function measure(target, load, { duration, amount, connections }) {
  const meter = startCpuMeter(await target.pids());
  const counter = load.counter;
  const started = performance.now();
  if (counter) counter.startedAt = started;
  const instance = autocannon({
    // autocannon takes a static request's path from the URL; a sequence's requests name their own.
    url: load.path ? `${target.url}${load.path}` : target.url,
    connections,
    ...(amount ? { amount } : { duration }),
    method: load.method,
    headers: load.headers,
    body: load.body,
    requests: load.requests,
    // Latency of the answers that did the work; failures are counted apart.
    excludeErrorStats: true,
    timeout: 20,
  });
  if (counter) counter.instance = instance;
  const result = await instance;
  const cpu = meter.stop();
  const seconds = counter?.exhaustedAt != null ? (counter.exhaustedAt - started) / 1000 : result.duration;
  const own = counter && counter.latencies.length > 0 ? [...counter.latencies].sort((a, b) => a - b) : null;
  return {
    rate: (counter ? counter.successes : result['2xx']) / seconds,
    p50: own ? percentile(own, 50) : result.latency.p50,
    p99: own ? percentile(own, 99) : result.latency.p99,
    successes: counter ? counter.successes : result['2xx'],
    errors: (counter ? counter.failures : result.non2xx) + result.errors + result.timeouts,
    seconds,
    short: counter?.exhaustedAt != null,
    cpu,
  };
}
