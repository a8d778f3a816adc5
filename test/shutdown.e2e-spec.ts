import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hiddenField } from './support/oauth-flow.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Whether a new TCP connection to the port is refused (the server no longer listens). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Polls every 20 ms until `condition` holds; the time it first held. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return Date.now();
    await sleep(20);
  }
  throw new Error(`Condition not met within ${timeoutMs} ms`);
}

/** The server's output as JSON lines; fails on any line that is not one JSON object. */
const logLines = (server: ServerProcess) =>
  server
    .output()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The built server in a process of its own, stopped the way an orchestrator stops it. */
describe('graceful shutdown on SIGTERM', () => {
  let dir: string;
  let store: TestDatabase;
  let server: ServerProcess | undefined;

  async function start(env: Record<string, string>): Promise<ServerProcess> {
    dir = mkdtempSync(join(tmpdir(), 'oauth-shutdown-'));
    store = await createTestDatabase(dir);
    server = await startServerProcess({ DATABASE_URL: store.url, ...env });
    return server;
  }

  afterEach(async () => {
    await server?.stop('SIGKILL');
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new connections, closes the database and exits 0', async () => {
    // scrypt at 2^18 takes most of a second: long enough to be in flight when the signal comes.
    const { url, port } = await start({ PASSWORD_HASH_COST: '18' });
    const page = await fetch(`${url}/account`);
    const cookie = page.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    const form = { _csrf: hiddenField(await page.text(), '_csrf'), username: 'nobody', password: 'a wrong password' };
    let answered = false;
    const login = fetch(`${url}/account/login`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      redirect: 'manual',
    }).finally(() => (answered = true));
    await sleep(300);

    const exited = server!.stop('SIGTERM');
    await waitFor(() => refusesConnections(port));
    expect(answered).toBe(false);
    const res = await login;
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account?failed');
    // Its keep-alive connection ends with it, or it would hold the shutdown open.
    expect(res.headers.get('connection')).toBe('close');
    expect(await exited).toBe(0);

    const lines = logLines(server!);
    const shuttingDown = lines.findIndex(({ msg }) => String(msg).startsWith('Shutting down on SIGTERM'));
    const served = lines.findIndex(({ path, status }) => path === '/account/login' && status === 303);
    expect(shuttingDown).toBeGreaterThanOrEqual(0);
    expect(served).toBeGreaterThan(shuttingDown);

    if (store.kind === 'sqlite') {
      // The last connection closed checkpoints the write-ahead log into the file and deletes it.
      const file = store.url.slice('sqlite:'.length);
      expect(existsSync(`${file}-wal`)).toBe(false);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // The request that finished during shutdown wrote its audit event before the database closed.
      expect(db.prepare(`SELECT COUNT(*) AS n FROM security_events WHERE type = 'login_failed'`).get()).toEqual({
        n: 1,
      });
      db.close();
    }
  }, 60000);

  it('with SHUTDOWN_DRAIN_DELAY, turns /health/ready to 503 at once and keeps serving until the delay ends', async () => {
    const { url, port } = await start({ SHUTDOWN_DRAIN_DELAY: '2' });
    await fetch(`${url}/health/ready`).then((res) => expect(res.status).toBe(200));

    const signalled = Date.now();
    const exited = server!.stop('SIGTERM');
    await waitFor(async () => (await fetch(`${url}/health/ready`)).status === 503);
    const ready = await fetch(`${url}/health/ready`);
    expect(await ready.json()).toMatchObject({ status: 'shutting_down' });
    // Still serving: liveness and the API answer while load balancers take the instance out.
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/.well-known/oauth-authorization-server`)).status).toBe(200);

    const refused = await waitFor(() => refusesConnections(port));
    expect(refused - signalled).toBeGreaterThanOrEqual(1900);
    expect(await exited).toBe(0);
  }, 60000);
});
