/**
 * The servers under test, each a process of its own on a loopback port: the BUILT app
 * (`node dist/src/main.js`) and oidc-provider (bench/oidc-provider-server.mjs). Every process
 * started here is stopped by stopAll(), also when the run fails.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { settings } from './settings.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const OIDC_PROVIDER = join(ROOT, 'bench', 'oidc-provider-server.mjs');
const run = promisify(execFile);
const running = new Set();

/**
 * Our server's settings for a benchmark: quiet logs (an access line per request at info
 * would be measured too), a per-client limit no run reaches, no purge in the middle of a
 * round, a code lifetime long enough for the codes prepared before a round (the maximum, 600 s),
 * and no NODE_OPTIONS inherited from the shell unless BENCH_SERVER_NODE_OPTIONS asks for some.
 */
const OUR_ENV = {
  NODE_ENV: 'test',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'benchmark-session-secret-of-32-characters',
  CLIENT_REQUESTS_PER_MINUTE: '1000000000',
  PURGE_INTERVAL: '0',
  PASSWORD_HASH_COST: '10',
  AUTHORIZATION_CODE_TTL: '600',
  ACCESS_TOKEN_TTL: '3600',
  NODE_OPTIONS: settings.serverNodeOptions,
};

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function assertBuilt() {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` (npm run bench does)`);
}

async function waitUntilServing(child, url, output, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${url}: the server exited before serving:\n${output()}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`${url}: not serving after ${timeoutMs} ms:\n${output()}`);
}

function spawnServer(args, env, probePath) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? signal)));
  const url = `http://127.0.0.1:${env.PORT}`;
  const server = {
    url,
    pid: child.pid,
    output: () => output,
    async stop() {
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(server);
  return { server, ready: waitUntilServing(child, `${url}${probePath}`, () => output) };
}

/**
 * Starts the built server on `databaseUrl`. `alg` goes to ACCESS_TOKEN_ALG; whether the server
 * honours it is checked on the tokens it issues (see targets.mjs), not assumed. With `cpuProf`
 * it runs under `node --cpu-prof`, and `server.profile` names the file written when it stops.
 */
/** `node --cpu-prof` arguments writing `<name>-<time>.cpuprofile` into BENCH_PROFILE_DIR. */
function profileArgs(name) {
  mkdirSync(settings.profileDir, { recursive: true });
  const profile = join(resolve(settings.profileDir), `${name}-${Date.now()}.cpuprofile`);
  return {
    profile,
    args: ['--cpu-prof', `--cpu-prof-dir=${dirname(profile)}`, `--cpu-prof-name=${basename(profile)}`],
  };
}

export async function startOurServer({ name, databaseUrl, alg, cpuProf = settings.cpuProf }) {
  assertBuilt();
  const port = await freePort();
  const { args, profile } = cpuProf ? profileArgs(name) : { args: [] };
  const { server, ready } = spawnServer(
    [...args, SERVER],
    {
      ...OUR_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      ISSUER: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      ACCESS_TOKEN_ALG: alg,
    },
    '/health/live',
  );
  await ready;
  return Object.assign(server, { profile });
}

/** Runs the built CLI on `databaseUrl` and returns its JSON answer. */
export async function runCli(databaseUrl, ...args) {
  assertBuilt();
  const { stdout } = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...OUR_ENV, DATABASE_URL: databaseUrl },
  });
  return JSON.parse(stdout);
}

/** oidc-provider signing with `alg`; in memory, or on PostgreSQL at `databaseUrl`. */
export async function startOidcProvider({ alg, clientSecret, databaseUrl, cpuProf = false }) {
  const port = await freePort();
  const { args, profile } = cpuProf ? profileArgs(`oidc-provider-${alg}`) : { args: [] };
  const { server, ready } = spawnServer(
    [...args, OIDC_PROVIDER],
    {
      PORT: String(port),
      BENCH_ALG: alg,
      BENCH_CLIENT_SECRET: clientSecret,
      NODE_ENV: 'production',
      ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}),
    },
    '/.well-known/openid-configuration',
  );
  await ready;
  return Object.assign(server, { profile });
}

export async function stopAll() {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Resident set size of a process, in bytes (Linux). */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kib) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kib[1]) * 1024;
}
