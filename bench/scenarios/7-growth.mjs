/**
 * Scenario 7: growth. Per database, two fresh servers: one whose store holds 1,000 refresh
 * tokens, one holding a million (filler written straight into the database, see
 * lib/filler.mjs), measured in alternation one request at a time, so that p50 is the time a
 * refresh takes and not time spent queueing. Then the small one is restarted and its RSS read
 * after 10,000 and after 100,000 refresh requests.
 */
import { countRefreshTokens, fillTo } from '../lib/filler.mjs';
import { measure } from '../lib/load.mjs';
import { REDIRECT_URI } from '../lib/oauth.mjs';
import { runCli } from '../lib/processes.mjs';
import { compare, formatRate, runRounds } from '../lib/rounds.mjs';
import { settings } from '../lib/settings.mjs';
import { DATABASE_NAMES, ourTarget } from '../lib/targets.mjs';
import { refreshLoad, topUp } from './2-refresh.mjs';

/** The cheaper signature, so that the store's share of a refresh is as large as it gets. */
const ALG = 'ES256';
const MiB = 2 ** 20;

async function storeWith(kit, kind, size, total) {
  const target = await ourTarget({ kind, alg: ALG, dir: kit.dir, name: `growth-${kind}-${size}` });
  const filler = await runCli(
    target.database.url,
    'client:create',
    '--name',
    'Filler (benchmark data)',
    '--redirect-uri',
    REDIRECT_URI,
    '--scope',
    'notes:read',
  );
  target.tokens = await topUp(target, []);
  const started = Date.now();
  target.stored = await fillTo(target.database, total, { client: filler.client_id, user: target.userId });
  target.label = `${formatRate(total)} stored · ${DATABASE_NAMES[kind]}`;
  kit.log(`    ${target.label}: ${formatRate(target.stored)} refresh tokens (${Date.now() - started} ms of filler)`);
  return target;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * RSS of a fresh process after each count of refresh requests in settings.growth.rssAfter.
 * RSS rises and falls with each garbage collection, so a reading is the median of samples
 * taken every 250 ms over the last fifth of the stretch that led to it.
 */
async function rssAfterRequests(kit, target) {
  await target.restart();
  const readings = [];
  let done = 0;
  for (const total of settings.growth.rssAfter) {
    const samples = [];
    const sampler = setInterval(() => samples.push(target.rss()), 250);
    const load = refreshLoad(target, await topUp(target, target.tokens));
    const result = await measure(target, load, { amount: total - done, connections: settings.connections });
    clearInterval(sampler);
    done = total;
    const rss = median(samples.slice(-Math.max(1, Math.ceil(samples.length / 5))));
    readings.push({ requests: total, rss, peak: Math.max(...samples), rate: result.rate, errors: result.errors });
    kit.log(`    RSS after ${formatRate(total)} refresh requests: ${(rss / MiB).toFixed(0)} MiB`);
  }
  return readings;
}

export default {
  id: 7,
  title: 'Growth',
  measures:
    `Refresh-grant latency (${ALG}, one request at a time, so no queueing) with ${formatRate(settings.growth.baseline)} ` +
    `and with ${formatRate(settings.growth.stored)} refresh tokens stored (filler: labelled rows written to the ` +
    'database, 10 per family over 30 days); and the RSS of a fresh server process after ' +
    `${settings.growth.rssAfter.map(formatRate).join(' and after ')} refresh requests (${settings.connections} connections; ` +
    'each reading the median of samples every 250 ms over the last fifth of the stretch before it).',
  goal: `p50 with ${formatRate(settings.growth.stored)} stored ≤ 1.25× p50 with ${formatRate(settings.growth.baseline)}; RSS ≤ 1.2×`,
  async run(kit) {
    const summaries = [];
    const comparisons = [];
    const memory = [];
    for (const kind of kit.databases) {
      kit.log(`  ${DATABASE_NAMES[kind]}: preparing the two stores`);
      const [small, large] = await Promise.all([
        storeWith(kit, kind, 'small', settings.growth.baseline),
        storeWith(kit, kind, 'large', settings.growth.stored),
      ]);
      const entries = [small, large].map((target) => ({
        key: target.key,
        label: target.label,
        target,
        load: async () => refreshLoad(target, await topUp(target, target.tokens)),
      }));
      // One request at a time: p50 is the time a refresh takes, not time spent queueing.
      const results = await runRounds(entries, kit.log, { connections: 1 });
      for (const target of [small, large]) {
        const summary = results.get(target.key);
        summary.storedAfter = await countRefreshTokens(target.database);
        summaries.push(summary);
      }
      comparisons.push(
        compare(results.get(large.key), results.get(small.key), {
          goal: 1.25,
          measureOf: (s) => s.p50.median,
          roundOf: (r) => r.p50,
          lowerIsBetter: true,
        }),
      );
      await large.server.stop();
      const readings = await rssAfterRequests(kit, small);
      const [first, last] = [readings[0], readings.at(-1)];
      memory.push({
        database: DATABASE_NAMES[kind],
        readings,
        ratio: last.rss / first.rss,
        met: last.rss / first.rss <= 1.2,
      });
      await small.server.stop();
    }
    return { summaries, comparisons, memory };
  },
};
