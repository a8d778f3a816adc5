import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from './loopback-app.js';

const run = promisify(execFile);
export const SERVER = join(process.cwd(), 'dist', 'src', 'main.js');
export const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

/** Configuration every spawned server and CLI shares (an instance of the same deployment). */
const BASE_ENV = {
  NODE_ENV: 'test',
  SESSION_SECRET: 'shared-session-secret-of-one-deployment',
  SEED_DEMO: 'false',
  PASSWORD_HASH_COST: '10',
  // The parent runs Jest with --experimental-vm-modules; the built app needs nothing of it.
  NODE_OPTIONS: '',
};

/** The built server (`node dist/src/main.js`) running as a process of its own. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`: where this instance listens (the ISSUER may differ). */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (or the signal's name) once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

function assertBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`Run \`npm run build\` first: ${file} is missing`);
}

/**
 * Starts the built server with `env` on a free loopback port and waits until it answers.
 * ISSUER defaults to the instance's own URL; several instances behind one issuer pass the same ISSUER.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 30000): Promise<ServerProcess> {
  assertBuilt(SERVER);
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, ...BASE_ENV, ISSUER: url, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const server: ServerProcess = {
    url,
    port,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  await waitUntilServing(server, exited, timeoutMs);
  return server;
}

async function waitUntilServing(server: ServerProcess, exited: Promise<number | string>, timeoutMs: number) {
  let gone: number | string | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`Server exited (${gone}) before serving:\n${server.output()}`);
    try {
      const response = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop('SIGKILL');
  throw new Error(`Server did not serve within ${timeoutMs} ms:\n${server.output()}`);
}

/** Runs the built CLI against `databaseUrl`; rejects with its stderr when it exits non-zero. */
export async function runCli(databaseUrl: string, ...args: string[]): Promise<string> {
  assertBuilt(CLI);
  const { stdout } = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...BASE_ENV, DATABASE_URL: databaseUrl },
  });
  return stdout;
}
