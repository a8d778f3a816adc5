/**
 * Where a server's time goes in one scenario: runs the built server (or oidc-provider) under `node --cpu-prof`,
 * loads it as the scenario does (warm-up, then one measured stretch), stops it and summarizes
 * the profile by package and by function. The .cpuprofile stays in BENCH_PROFILE_DIR
 * (default data/bench-profiles) for Chrome DevTools or speedscope.
 *
 *   npm run build && node bench/profile.mjs SCENARIO [sqlite|postgres|oidc-provider|oidc-provider-postgres] \
 *     [RS256|ES256] [SECONDS]
 *
 * On PostgreSQL it also prints what one request did to each table (index scans, rows written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { formatSummary, summarizeProfile } from './lib/cpu-profile.mjs';
import { assertPostgresReachable, dropAll, withPostgres } from './lib/databases.mjs';
import { measure } from './lib/load.mjs';
import { stopAll } from './lib/processes.mjs';
import { formatRate } from './lib/rounds.mjs';
import { settings } from './lib/settings.mjs';
import { oidcProviderTarget, ourTarget } from './lib/targets.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

/** The scenarios that load one target: those a single server's profile can explain. */
const PROFILED = SCENARIOS.filter((scenario) => scenario.loadFor !== undefined);

/** PostgreSQL's per-table counters of the target's schema (index scans, rows read, written). */
async function tableCounters(database) {
  if (database.kind !== 'postgres') return null;
  return withPostgres(database.url, async (client) => {
    const { rows } = await client.query(
      `SELECT relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del
       FROM pg_stat_user_tables WHERE schemaname = $1`,
      [database.schema],
    );
    return new Map(rows.map((row) => [row.relname, row]));
  });
}

/** What one request did to each table, from the counters before and after (PostgreSQL only). */
function perRequest(before, after, requests) {
  const lines = ['table operations per request (PostgreSQL statistics):'];
  for (const [table, row] of after) {
    const delta = (column) => (Number(row[column]) - Number(before.get(table)?.[column] ?? 0)) / requests;
    const ops = ['seq_scan', 'idx_scan', 'n_tup_ins', 'n_tup_upd', 'n_tup_del']
      .map((column) => [column, delta(column)])
      .filter(([, value]) => value >= 0.01);
    if (ops.length > 0) lines.push(`  ${table}: ${ops.map(([c, v]) => `${c} ${v.toFixed(2)}`).join(', ')}`);
  }
  return lines.join('\n');
}

async function main([id, kind = 'sqlite', alg = 'RS256', seconds = '10']) {
  const scenario = PROFILED.find((candidate) => String(candidate.id) === id);
  if (
    !scenario ||
    !['sqlite', 'postgres', 'oidc-provider', 'oidc-provider-postgres'].includes(kind) ||
    (kind.startsWith('oidc-provider') && scenario.versus !== 'oidc-provider')
  ) {
    const ids = PROFILED.map((candidate) => candidate.id).join('|');
    throw new Error(
      `usage: node bench/profile.mjs SCENARIO(${ids}) [sqlite|postgres|oidc-provider|oidc-provider-postgres] ` +
        '[RS256|ES256] [SECONDS]',
    );
  }
  if (kind.endsWith('postgres')) await assertPostgresReachable();
  const dir = mkdtempSync(join(os.tmpdir(), 'nest-oauth-profile-'));
  try {
    const target = kind.startsWith('oidc-provider')
      ? await oidcProviderTarget({ alg, cpuProf: true, kind: kind === 'oidc-provider' ? 'memory' : 'postgres', dir })
      : await ourTarget({ kind, alg, dir, name: `profile-${id}-${kind}-${alg}`, cpuProf: true });
    const loadFor = scenario.loadFor(target);
    const options = { connections: settings.connections };
    const warmup = await measure(target, await loadFor({ phase: 'warm-up', duration: settings.warmup }), {
      ...options,
      duration: settings.warmup,
    });
    const duration = Number(seconds);
    const load = await loadFor({ phase: 'round', duration, previous: warmup });
    const countersBefore = target.database && (await tableCounters(target.database));
    const measuredFrom = Date.now();
    const result = await measure(target, load, { ...options, duration });
    const measuredTo = Date.now();
    console.log(
      `${scenario.title}, ${target.label} (signed ${target.signedAlg}): ${formatRate(result.rate)}/s, ` +
        `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors; ` +
        `server ${result.cpu.server.toFixed(2)} cores, others ${result.cpu.others?.toFixed(2) ?? '?'}`,
    );
    if (countersBefore) {
      // PostgreSQL publishes a backend's counters within a second or so of its transactions.
      await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
      const requests = result.successes + result.errors;
      console.log(perRequest(countersBefore, await tableCounters(target.database), requests));
    }
    await target.server.stop();
    // The profile ends when the process exits: count back from there to the measured stretch.
    const exited = Date.now();
    const window = { fromEndMs: exited - measuredFrom, toEndMs: exited - measuredTo };
    console.log(`profile: ${target.server.profile} (summary: the measured stretch only)`);
    console.log(formatSummary(summarizeProfile(target.server.profile, { window })));
  } finally {
    await stopAll();
    await dropAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch(async (error) => {
  console.error(error.message ?? error);
  await stopAll();
  process.exit(1);
});
