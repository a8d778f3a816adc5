/**
 * `npm run bench`: the benchmarks of issue 7 against the built server, and oidc-provider for
 * comparison, then docs/benchmarks.md. Not part of `npm test`. Settings: lib/settings.mjs.
 *
 * The run's record is kept in data/bench-results.json; `node bench/main.mjs --report-only`
 * renders the report from it again (after editing bench/analysis.md) without measuring.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { assertPostgresReachable, dropAll } from './lib/databases.mjs';
import { describeMachine } from './lib/machine.mjs';
import { stopAll } from './lib/processes.mjs';
import { writeReport } from './lib/report.mjs';
import { reproduceCommand, settings } from './lib/settings.mjs';
import { DATABASE_NAMES, oidcProviderTarget, ourTarget } from './lib/targets.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const RECORD = 'data/bench-results.json';
const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/**
 * Our server per database and algorithm, oidc-provider per algorithm. A target whose access
 * tokens are not signed with the algorithm it was asked for (ACCESS_TOKEN_ALG not supported)
 * is left out, and the notes say so.
 */
async function startTargets(dir, selected, notes) {
  const wanted = settings.algs.flatMap((alg) => settings.databases.map((kind) => ({ alg, kind })));
  log(
    `starting our server ${wanted.length} times: ${wanted.map((w) => `${DATABASE_NAMES[w.kind]} ${w.alg}`).join(', ')}`,
  );
  const started = await Promise.all(wanted.map(({ alg, kind }) => ourTarget({ kind, alg, dir })));
  const ours = [];
  for (const target of started) {
    if (target.signedAlg === target.alg) {
      ours.push(target);
      continue;
    }
    notes.push(
      `Our server was started with \`ACCESS_TOKEN_ALG=${target.alg}\` on ${DATABASE_NAMES[target.database.kind]} but ` +
        `signed its access tokens with ${target.signedAlg}: this build does not support the setting, so ${target.alg} ` +
        'was not measured for our server.',
    );
    await target.server.stop();
  }
  const oidc = [];
  const needsOidcProvider = selected.some((scenario) => scenario.versus === 'oidc-provider');
  // On PostgreSQL too, for the scenarios that store what they issue (see versus-oidc-provider.mjs).
  const stores =
    settings.databases.includes('postgres') && selected.some((s) => s.stores) ? ['memory', 'postgres'] : ['memory'];
  for (const alg of settings.algs) {
    if (!needsOidcProvider || !ours.some((target) => target.alg === alg)) continue;
    for (const kind of stores) {
      log(`starting oidc-provider with ${alg} access tokens, ${kind === 'memory' ? 'in memory' : 'on PostgreSQL'}`);
      oidc.push(await oidcProviderTarget({ alg, kind, dir }));
    }
  }
  return { ours, oidc };
}

async function main() {
  const machine = describeMachine();
  const selected = SCENARIOS.filter((scenario) => settings.scenarios.includes(scenario.id));
  log(
    `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverage.map((v) => v.toFixed(2)).join(' ')}`,
  );
  log(
    `scenarios ${selected.map((s) => s.id).join(',')}; ${settings.databases.join(', ')}; ${settings.algs.join(', ')}; ` +
      `${settings.rounds} rounds of ${settings.duration} s after ${settings.warmup} s of warm-up${settings.quick ? ' (quick)' : ''}`,
  );
  if (settings.databases.includes('postgres')) await assertPostgresReachable();
  const dir = mkdtempSync(join(os.tmpdir(), 'nest-oauth-bench-'));
  const notes = [];
  const sections = [];
  try {
    const needsTargets = selected.some((scenario) => scenario.loadFor !== undefined);
    const { ours, oidc } = needsTargets ? await startTargets(dir, selected, notes) : { ours: [], oidc: [] };
    const kit = {
      dir,
      log,
      databases: settings.databases,
      algs: settings.algs,
      ours: (alg) => ours.filter((target) => target.alg === alg),
      /** @param store 'memory' (the issue's comparison) or 'postgres' */
      oidcProvider: (alg, store = 'memory') =>
        oidc.find((target) => target.alg === alg && (target.database ? 'postgres' : 'memory') === store),
    };
    for (const scenario of selected) {
      log(`scenario ${scenario.id}: ${scenario.title}`);
      const scenarioStarted = Date.now();
      // `stores`: whether this scenario also meets oidc-provider on PostgreSQL (versus-oidc-provider.mjs).
      const result = await scenario.run({ ...kit, stores: scenario.stores === true });
      sections.push({ scenario, result, seconds: (Date.now() - scenarioStarted) / 1000 });
    }
  } finally {
    await stopAll();
    await dropAll().catch((error) => log(`could not drop the PostgreSQL schemas: ${error.message}`));
    rmSync(dir, { recursive: true, force: true });
  }
  notes.push(...runNotes(sections, machine));
  const record = {
    machine,
    run: {
      seconds: (Date.now() - started) / 1000,
      loadAverageAtEnd: os.loadavg(),
      command: reproduceCommand(),
      settings,
    },
    sections: sections.map(({ scenario: { id, title, unit, measures, goal }, result, seconds }) => ({
      scenario: { id, title, unit, measures, goal },
      result,
      seconds,
    })),
    notes,
  };
  mkdirSync('data', { recursive: true });
  writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
  await writeReport(record, settings.out);
  log(`wrote ${settings.out} (and the run's record, ${RECORD})`);
}

/** What a reader of the tables should know about this run: load, short rounds, errors. */
function runNotes(sections, machine) {
  const notes = [];
  const others = sections.flatMap(({ result }) => result.summaries.map((s) => s.others)).filter((v) => v !== null);
  const busiest = Math.max(0, ...others);
  if (machine.loadAverage[0] > machine.cores / 2 || busiest > 0.25) {
    notes.push(
      `The machine was not idle: load average ${machine.loadAverage[0].toFixed(2)} at the start on ${machine.cores} cores, ` +
        `and other processes used up to ${busiest.toFixed(2)} cores during a target's rounds (median per target). ` +
        'Ratios come from targets measured in alternation and are more trustworthy than absolute rates.',
    );
  }
  for (const { scenario, result } of sections) {
    for (const s of result.summaries) {
      if (s.shortRounds > 0) {
        notes.push(
          `Scenario ${scenario.id}, ${s.label}: inputs ran out before the end of ${s.shortRounds} round(s); its rate is over the time they lasted.`,
        );
      }
      if (s.errors > 0)
        notes.push(`Scenario ${scenario.id}, ${s.label}: ${s.errors} requests failed (non-2xx, errors or timeouts).`);
    }
  }
  const nodeOptions = settings.serverNodeOptions ? ` NODE_OPTIONS=${settings.serverNodeOptions}` : '';
  notes.push(
    `Our server ran with \`NODE_ENV=test LOG_LEVEL=warn PURGE_INTERVAL=0 CLIENT_REQUESTS_PER_MINUTE=1000000000${nodeOptions}\` ` +
      '(so the per-client limit never answers 429, but each request is still counted, in memory, and written to the database every 250 ms). oidc-provider ' +
      'ran with an unbounded in-memory adapter (in scenarios 2, 3 and 6 also with a PostgreSQL adapter, one statement per adapter call on a pool of 10), JWT access tokens through a default resource indicator, rotating refresh ' +
      'tokens that do not end with the session; neither issued ID tokens (scope `profile notes:read`, no `openid`), so ' +
      'every token response signs exactly one JWT.',
  );
  return notes;
}

async function reportOnly() {
  await writeReport(JSON.parse(readFileSync(RECORD, 'utf8')), settings.out);
  console.log(`wrote ${settings.out} from ${RECORD}`);
}

(process.argv.includes('--report-only') ? reportOnly() : main()).catch(async (error) => {
  console.error(error);
  await stopAll();
  await dropAll().catch(() => {});
  process.exit(1);
});
