/**
 * What a run measures and for how long, from the environment:
 *
 * - BENCH_QUICK=1          a smoke run of about 3 minutes: short rounds, fewer stored tokens;
 * - BENCH_SCENARIOS=1,2    only these scenarios (1-7; default all);
 * - BENCH_DATABASES=sqlite,postgres   (default both);
 * - BENCH_ALGS=RS256,ES256 our server's ACCESS_TOKEN_ALG values (default both);
 * - BENCH_DURATION, BENCH_ROUNDS, BENCH_WARMUP, BENCH_CONNECTIONS  seconds, rounds, seconds, connections;
 * - BENCH_POSTGRES_URL     the database each PostgreSQL target gets a fresh schema in;
 * - BENCH_GROWTH_STORED    refresh tokens stored for the large side of scenario 7;
 * - BENCH_CPU_PROF=1       run our servers with `node --cpu-prof` (profiles in BENCH_PROFILE_DIR);
 * - BENCH_SERVER_NODE_OPTIONS  NODE_OPTIONS for our servers, such as a heap limit (default none);
 * - BENCH_OUT              the report (default docs/benchmarks.md).
 */
const env = process.env;
const quick = env.BENCH_QUICK === '1';

function number(name, fallback) {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return parsed;
}

function list(name, fallback, allowed) {
  const value = env[name];
  const items = value ? value.split(',').map((item) => item.trim()) : fallback;
  const unknown = items.filter((item) => !allowed.includes(item));
  if (unknown.length > 0) throw new Error(`${name}: unknown ${unknown.join(', ')} (one of ${allowed.join(', ')})`);
  return items;
}

export const settings = Object.freeze({
  quick,
  scenarios: list('BENCH_SCENARIOS', ['1', '2', '3', '4', '5', '6', '7'], ['1', '2', '3', '4', '5', '6', '7']).map(
    Number,
  ),
  databases: list('BENCH_DATABASES', ['sqlite', 'postgres'], ['sqlite', 'postgres']),
  algs: list('BENCH_ALGS', ['RS256', 'ES256'], ['RS256', 'ES256']),
  /** Seconds of one measured round, per target. */
  duration: number('BENCH_DURATION', quick ? 1 : 6),
  rounds: number('BENCH_ROUNDS', 3),
  /** Seconds of load on each target before its first round (JIT, caches, pools). */
  warmup: number('BENCH_WARMUP', quick ? 1 : 2),
  connections: number('BENCH_CONNECTIONS', 10),
  postgresUrl: env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test',
  growth: {
    /** Refresh tokens stored on the small side and on the large side. */
    baseline: 1000,
    stored: number('BENCH_GROWTH_STORED', quick ? 20_000 : 1_000_000),
    /** Token requests after which the server's RSS is read. */
    rssAfter: quick ? [1_000, 5_000] : [10_000, 100_000],
  },
  cpuProf: env.BENCH_CPU_PROF === '1',
  serverNodeOptions: env.BENCH_SERVER_NODE_OPTIONS ?? '',
  profileDir: env.BENCH_PROFILE_DIR || 'data/bench-profiles',
  out: env.BENCH_OUT || 'docs/benchmarks.md',
});

/** The command that reproduces a run with these settings. */
export function reproduceCommand() {
  const names = [
    'BENCH_QUICK',
    'BENCH_SCENARIOS',
    'BENCH_DATABASES',
    'BENCH_ALGS',
    'BENCH_DURATION',
    'BENCH_ROUNDS',
    'BENCH_WARMUP',
    'BENCH_CONNECTIONS',
    'BENCH_GROWTH_STORED',
    'BENCH_SERVER_NODE_OPTIONS',
  ];
  const quoted = (value) => (/^[\w.,=-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);
  const set = names.filter((name) => env[name]).map((name) => `${name}=${quoted(env[name])}`);
  return [...set, 'npm run bench'].join(' ');
}
