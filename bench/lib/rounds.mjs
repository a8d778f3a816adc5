/**
 * runRounds: a warm-up of each entry, then `rounds` rounds that visit the entries in turn,
 * A B C A B C ..., so that the machine's drift (other jobs, thermal, caches) falls on every
 * target alike. Each entry's `load(phase)` prepares what one measurement sends: it may mint
 * the inputs that measurement spends, before the measurement starts.
 */
import { measure } from './load.mjs';
import { settings } from './settings.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const formatRate = (rate) => Math.round(rate).toLocaleString('en-US');
const formatRound = (r) =>
  `${formatRate(r.rate)}/s p50 ${r.p50?.toFixed(1)} ms p99 ${r.p99?.toFixed(1)} ms` +
  `${r.errors ? `, ${r.errors} errors` : ''}${r.short ? `, inputs ran out after ${r.seconds.toFixed(1)} s` : ''}` +
  `; CPU cores: server ${r.cpu.server.toFixed(2)}, load generator ${r.cpu.loadGenerator.toFixed(2)}` +
  `${r.cpu.others === null ? '' : `, others ${r.cpu.others.toFixed(2)}`}`;

/** Median, minimum and maximum of each measure over the rounds of one entry. */
function summarize(entry, results) {
  const of = (pick) => results.map(pick).filter((value) => value !== null && value !== undefined);
  const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
  return {
    key: entry.key,
    label: entry.label,
    rounds: results,
    rate: spread(of((r) => r.rate)),
    p50: spread(of((r) => r.p50)),
    p99: spread(of((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    shortRounds: results.filter((r) => r.short).length,
    others: of((r) => r.cpu.others).length > 0 ? median(of((r) => r.cpu.others)) : null,
  };
}

/**
 * @param entries `{ key, label, target, load({ phase, round, previous }) => Promise<load> }`
 * @returns a summary per entry key
 */
export async function runRounds(entries, log, options = {}) {
  const { duration = settings.duration, rounds = settings.rounds, warmup = settings.warmup } = options;
  const measureOptions = { connections: options.connections ?? settings.connections };
  const previous = new Map();
  for (const entry of entries) {
    const load = await entry.load({ phase: 'warm-up', duration: warmup, previous: null });
    const result = await measure(entry.target, load, { ...measureOptions, duration: warmup });
    previous.set(entry.key, result);
    log(`    warm-up  ${entry.label}: ${formatRound(result)}`);
  }
  const results = new Map(entries.map((entry) => [entry.key, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const entry of entries) {
      const load = await entry.load({ phase: 'round', round, duration, previous: previous.get(entry.key) });
      const result = await measure(entry.target, load, { ...measureOptions, duration });
      previous.set(entry.key, result);
      results.get(entry.key).push(result);
      log(`    round ${round}  ${entry.label}: ${formatRound(result)}`);
    }
  }
  return new Map(entries.map((entry) => [entry.key, summarize(entry, results.get(entry.key))]));
}

/**
 * A compares with B: the ratio of their median rates and, round by round (A and B measured
 * close together), the range of the per-round ratios. `lowerIsBetter` compares latencies.
 */
export function compare(a, b, { goal, measureOf = (s) => s.rate.median, roundOf = (r) => r.rate, lowerIsBetter }) {
  const ratio = measureOf(a) / measureOf(b);
  const paired = a.rounds.map((round, i) => roundOf(round) / roundOf(b.rounds[i]));
  return {
    a,
    b,
    ratio,
    pairedMin: Math.min(...paired),
    pairedMax: Math.max(...paired),
    goal,
    lowerIsBetter: Boolean(lowerIsBetter),
    met: lowerIsBetter ? ratio <= goal : ratio >= goal,
  };
}
