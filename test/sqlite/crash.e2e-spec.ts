import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sha256 } from '../../src/common/crypto.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { bearerGet, obtainCode, redeem, tokenRequest, type CliClient, type HttpAnswer } from '../support/fetch-flow.js';
import { runCli, startServerProcess, type ServerProcess } from '../support/server-process.js';

/** Fixed, so that the restarted server (on another port) is the same issuer. */
const ISSUER = 'http://issuer.test';
/** Refresh chains obtained through the code flow, each then refreshed in a loop during the burst. */
const CHAINS = 8;
/** client_credentials loops running beside them. */
const CLIENT_LOOPS = 4;
/** Successful token responses after which the server is killed, with a request of every loop in flight. */
const KILL_AFTER = 400;
/** A stop for the loops, should the kill never come. */
const MAX_REQUESTS = 20000;

interface Received {
  token: string;
  /** Where it is accepted: a user's token at /api/profile, a client's own at /api/stats. */
  path: '/api/profile' | '/api/stats';
}

/** What the client saw of the burst. */
interface Burst {
  accessTokens: Received[];
  /** Each chain's newest refresh token, as the client last received it. */
  chains: string[];
  succeeded: number;
  /** Requests that got no HTTP answer at all, by error code (refused, reset, closed…). */
  connectionErrors: Record<string, number>;
  /** Requests answered with anything but 200: there should be none. */
  refused: HttpAnswer[];
  /** How the killed process ended. */
  exit: number | string;
}

/** The error code of a fetch that got no HTTP answer (undici puts it in `cause`). */
function connectionError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
}

/** Runs `check` over `items`, `width` at a time. */
async function inBatches<T>(items: T[], width: number, check: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(check));
}

/**
 * Issue 5, "SQLite that survives a crash": the server is killed with SIGKILL in the middle of
 * a burst of token requests. The file must come back intact, and every token the client
 * received before the kill must still be honoured: a response is sent only after its
 * transaction committed, and WAL with synchronous=NORMAL keeps every commit across a process
 * crash (only an operating-system crash or power loss may lose the last ones).
 */
describe('a SQLite file after kill -9 in the middle of a token burst', () => {
  let dir: string;
  let file: string;
  let databaseUrl: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let client: CliClient;
  const user = { username: 'crash-test', password: 'correct horse battery staple' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oauth-crash-'));
    file = join(dir, 'oauth.sqlite');
    databaseUrl = `sqlite:${file}`;
    env = {
      DATABASE_URL: databaseUrl,
      ISSUER,
      // The burst is one client's; the per-client limit is not what this test is about.
      CLIENT_REQUESTS_PER_MINUTE: '1000000',
      // A request in flight at the kill may have committed its rotation without the client ever
      // seeing the answer: the client retries with the refresh token it holds, which the grace
      // window accepts (strict mode would rightly treat that retry as reuse).
      REFRESH_TOKEN_REUSE_GRACE: '60',
    };
    const grants = ['authorization_code', 'refresh_token', 'client_credentials'].flatMap((g) => ['--grant', g]);
    client = JSON.parse(
      await runCli(
        databaseUrl,
        'client:create',
        '--name',
        'Crash client',
        '--redirect-uri',
        'http://localhost:8080/callback',
        '--scope',
        'profile notes:read',
        ...grants,
      ),
    );
    await runCli(databaseUrl, 'user:create', '--username', user.username, '--password', user.password);
    server = await startServerProcess(env);
  }, 60000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the app opens the file with WAL, synchronous=NORMAL, foreign keys on, a busy timeout and a 2 MB page cache', async () => {
    // Connection settings: read on a connection made by the app's own options, on the real file.
    const dataSource = await new DataSource(buildDataSourceOptions(databaseUrl)).initialize();
    try {
      const pragma = async (name: string) => Object.values((await dataSource.query(`PRAGMA ${name}`))[0])[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBeGreaterThan(0);
      // Negative: KiB. A bounded cache keeps the process from growing with the file (issue 7).
      expect(await pragma('cache_size')).toBe(-2000);
    } finally {
      await dataSource.destroy();
    }
    // WAL is also a property of the file: any connection, however opened, finds it.
    const bare = new Database(file, { readonly: true });
    try {
      expect(bare.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      bare.close();
    }
  });

  /** The code flow, CHAINS times: each chain starts with the tokens of one authorization code. */
  async function startChains(base: string): Promise<{ chains: string[]; accessTokens: Received[] }> {
    const chains: string[] = [];
    const accessTokens: Received[] = [];
    for (let i = 0; i < CHAINS; i++) {
      const tokens = await redeem(base, client, await obtainCode(base, client, user, 'profile notes:read'));
      chains.push(tokens.refresh_token);
      accessTokens.push({ token: tokens.access_token, path: '/api/profile' });
    }
    return { chains, accessTokens };
  }

  /** Refresh chains and client_credentials loops in parallel, until the kill ends every one of them. */
  async function burstUntilKilled(running: ServerProcess, start: { chains: string[]; accessTokens: Received[] }) {
    const burst: Omit<Burst, 'exit'> = { ...start, succeeded: 0, connectionErrors: {}, refused: [] };
    let sent = 0;
    let killed: Promise<number | string> | undefined;
    const loop = async (form: () => Record<string, string>, received: (body: Record<string, unknown>) => void) => {
      while (sent++ < MAX_REQUESTS) {
        let res: HttpAnswer;
        try {
          res = await tokenRequest(running.url, client, form());
        } catch (error) {
          const code = connectionError(error);
          burst.connectionErrors[code] = (burst.connectionErrors[code] ?? 0) + 1;
          return;
        }
        if (res.status !== 200) {
          burst.refused.push(res);
          return;
        }
        received(res.body);
        // Killed from within the burst: every other loop has a request in flight right now.
        if (++burst.succeeded === KILL_AFTER) killed = running.stop('SIGKILL');
      }
    };
    await Promise.all([
      ...burst.chains.map((_, i) =>
        loop(
          () => ({ grant_type: 'refresh_token', refresh_token: burst.chains[i]! }),
          (body) => {
            burst.chains[i] = body.refresh_token as string;
            burst.accessTokens.push({ token: body.access_token as string, path: '/api/profile' });
          },
        ),
      ),
      ...Array.from({ length: CLIENT_LOOPS }, () =>
        loop(
          () => ({ grant_type: 'client_credentials', scope: 'notes:read' }),
          (body) => burst.accessTokens.push({ token: body.access_token as string, path: '/api/stats' }),
        ),
      ),
    ]);
    return { ...burst, exit: await (killed ?? running.stop('SIGKILL')) };
  }

  it('comes back intact, and honours every token the client received before the kill', async () => {
    const chains = await startChains(server!.url);
    const burstStarted = Date.now();
    const burst: Burst = await burstUntilKilled(server!, chains);
    const burstMs = Date.now() - burstStarted;
    server = undefined;
    const errors = Object.values(burst.connectionErrors).reduce((sum, n) => sum + n, 0);
    console.info(
      `Burst: ${burst.succeeded} token responses in ${burstMs} ms, then SIGKILL; ${errors} requests got no answer ` +
        `(${JSON.stringify(burst.connectionErrors)}); ${burst.accessTokens.length} access tokens to check`,
    );
    expect(burst.exit).toBe('SIGKILL');
    expect(burst.refused).toEqual([]);
    expect(burst.succeeded).toBeGreaterThanOrEqual(KILL_AFTER);
    // Every loop was cut off by the kill, not by a limit or an error answer.
    expect(errors).toBe(CHAINS + CLIENT_LOOPS);

    // The file as the crash left it (its WAL not yet checkpointed).
    const crashed = new Database(file, { readonly: true });
    let lostAnswers: number;
    try {
      expect(crashed.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(crashed.pragma('foreign_key_check')).toEqual([]);
      const rotatedAt = crashed.prepare('SELECT rotated_at FROM refresh_tokens WHERE token_hash = ?').pluck();
      const stored = burst.chains.map((token) => rotatedAt.all(sha256(token)));
      // Each chain's last refresh token the client received is in the file...
      expect(stored.map((rows) => rows.length)).toEqual(burst.chains.map(() => 1));
      // ...possibly already rotated by the request in flight at the kill, whose answer never came.
      lostAnswers = stored.filter((rows) => rows[0] !== null).length;
    } finally {
      crashed.close();
    }
    console.info(`${lostAnswers} of ${CHAINS} chains had a rotation committed whose answer the kill cut off`);

    server = await startServerProcess(env);
    await inBatches(burst.accessTokens, 20, async ({ token, path }) => {
      const res = await bearerGet(server!.url, path, token);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    });
    for (const refreshToken of burst.chains) {
      const res = await tokenRequest(server.url, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
    }
  }, 180000);
});
