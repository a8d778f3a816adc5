import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { sha256 } from '../src/common/crypto.js';
import { PURGED_TABLES, type PurgeCounts, type PurgedTable } from '../src/retention/retention-store.js';
import {
  LONGEST_ACCESS_TOKEN_TTL_MS,
  PURGE_BATCH_SIZE,
  RetentionService,
  SETTLE_MARGIN_MS,
} from '../src/retention/retention.service.js';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import { LogCapture } from './support/log-capture.js';
import {
  authorizePath,
  obtainCode,
  obtainTokens,
  redirectParams,
  submitLogin,
  tokenRequest,
  type InteractionStep,
} from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { advanceClock, oneRound, rowCounts, trafficOf, type User } from './support/retention-traffic.js';
import { runCli } from './support/server-process.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Lifetimes that a few simulated hours spend; the purge runs only when a test asks. */
const LIFETIMES = {
  REFRESH_TOKEN_FAMILY_TTL: '3600',
  LOGIN_SESSION_TTL: '3600',
  AUDIT_RETENTION_DAYS: '1',
  PURGE_INTERVAL: '0',
};

describe('a purge in the middle of live traffic', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let alice: User;
  let traffic: ReturnType<typeof trafficOf>;
  let purged: PurgeCounts;
  let live: { accessToken: string; refreshToken: string; rotatedRefreshToken: string; revokedAccessToken: string };
  let redeemed: { code: string; verifier: string; accessToken: string };
  let unredeemed: { code: string; verifier: string };
  let pending: { browser: Agent; step: InteractionStep };
  let loggedIn: Agent;

  beforeAll(async () => {
    // A day-long window, so that the counters written below stay in the current one.
    t = await startTestApp({ ...LIFETIMES, LOGIN_THROTTLE_WINDOW: '86400', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    client = await t.registerClient();
    alice = await t.registerUser();
    traffic = trafficOf(t, client);

    // Two days ago: one round of everything; all of it is spent now.
    await oneRound(t, client, alice, await t.registerUser(), 0);
    await advanceClock(t, 2 * DAY);

    // Now: a live family (its first refresh token rotated), a revoked access token, codes, a
    // pending authorization, a login session, failed logins, all under Alice's remembered grant.
    const tokens = await obtainTokens(t, client, alice);
    const rotated = await traffic.rotate(tokens.refresh_token);
    await traffic.revokeAccessToken(tokens.access_token);
    live = {
      accessToken: rotated.access_token,
      refreshToken: rotated.refresh_token,
      rotatedRefreshToken: tokens.refresh_token,
      revokedAccessToken: tokens.access_token,
    };
    const code = await obtainCode(t, client, alice);
    const exchanged = await tokenRequest(t, client, {
      grant_type: 'authorization_code',
      code: code.code,
      code_verifier: code.verifier,
      redirect_uri: client.redirectUri,
    });
    expect(exchanged.status).toBe(200);
    redeemed = { code: code.code, verifier: code.verifier, accessToken: exchanged.body.access_token };
    unredeemed = await obtainCode(t, client, alice);
    const pendingBrowser = t.browser();
    pending = { browser: pendingBrowser, step: await traffic.authorizationRequest(pendingBrowser) };
    loggedIn = t.browser();
    await submitLogin(loggedIn, await traffic.authorizationRequest(loggedIn), alice.username, alice.password);
    for (let i = 0; i < 2; i++) expect((await traffic.failLogin('carol-typo')).status).toBe(401);

    purged = await t.app.get(RetentionService).purge(new Date());
  });
  afterAll(() => t.close());

  it('deletes every spent row of every table', async () => {
    for (const table of PURGED_TABLES) expect({ table, purged: purged[table] > 0 }).toEqual({ table, purged: true });
    // Everything written before the clock moved on lies two days back; nothing live is older than a day.
    const old = (table: string, column: string) =>
      t.sql<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} < ?`, [Date.now() - DAY]);
    for (const [table, column] of [
      ['authorization_codes', 'expires_at'],
      ['pending_authorizations', 'expires_at'],
      ['login_sessions', 'expires_at'],
      ['refresh_tokens', 'expires_at'],
      ['token_families', 'expires_at'],
      ['grants', 'revoked_at'],
      ['revoked_access_tokens', 'expires_at'],
      ['deleted_clients', 'deleted_at'],
      ['rate_limits', 'window_start'],
      ['security_events', 'at'],
    ]) {
      expect({ table, left: Number((await old(table!, column!))[0]!.n) }).toEqual({ table, left: 0 });
    }
  });

  it('keeps denying an access token revoked on its own until it expires, while its family lives on', async () => {
    const api = (token: string) => t.http().get('/api/profile').auth(token, { type: 'bearer' });
    expectBearerError(await api(live.revokedAccessToken), 401, 'invalid_token');
    expect((await api(live.accessToken)).status).toBe(200);
  });

  it('keeps the live refresh token, which still refreshes; its rotated predecessor still detects reuse (RFC 9700 4.14.2)', async () => {
    const next = await traffic.rotate(live.refreshToken);
    expectTokenError(await traffic.refresh(live.rotatedRefreshToken), 'invalid_grant');
    expectTokenError(await traffic.refresh(next.refresh_token), 'invalid_grant');
    expectBearerError(
      await t.http().get('/api/profile').auth(next.access_token, { type: 'bearer' }),
      401,
      'invalid_token',
    );
  });

  it('keeps a redeemed code until it expires: a replay still revokes the tokens it gave (RFC 6749 4.1.2)', async () => {
    const api = () => t.http().get('/api/profile').auth(redeemed.accessToken, { type: 'bearer' });
    expect((await api()).status).toBe(200);
    const replay = await tokenRequest(t, client, {
      grant_type: 'authorization_code',
      code: redeemed.code,
      code_verifier: redeemed.verifier,
      redirect_uri: client.redirectUri,
    });
    expectTokenError(replay, 'invalid_grant');
    expectBearerError(await api(), 401, 'invalid_token');
  });

  it('keeps an unexpired code, which can still be exchanged', async () => {
    const res = await tokenRequest(t, client, {
      grant_type: 'authorization_code',
      code: unredeemed.code,
      code_verifier: unredeemed.verifier,
      redirect_uri: client.redirectUri,
    });
    expect(res.status).toBe(200);
  });

  it('keeps a pending authorization, which the user can still answer', async () => {
    const res = await submitLogin(pending.browser, pending.step, alice.username, alice.password);
    // Alice's grant is remembered: straight back to the client with a code.
    expect(redirectParams(res.headers.location as string).params.code).toEqual(expect.any(String));
  });

  it('keeps the login session and the live grant: the next authorization asks for neither password nor consent', async () => {
    const res = await loggedIn.get(
      authorizePath({
        response_type: 'code',
        client_id: client.clientId,
        scope: 'profile',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(res.status).toBe(302);
    expect(redirectParams(res.headers.location as string).params.code).toEqual(expect.any(String));
  });

  it("keeps the current window's counters: a third failure still locks the account", async () => {
    expect((await traffic.failLogin('carol-typo')).status).toBe(401);
    expect((await traffic.failLogin('carol-typo')).status).toBe(429);
  });

  it('keeps the security events of the retention period', async () => {
    const [recent] = await t.sql<{ n: string | number }>('SELECT COUNT(*) AS n FROM security_events WHERE at > ?', [
      Date.now() - DAY,
    ]);
    expect(Number(recent!.n)).toBeGreaterThan(0);
  });
});

describe('when a row goes', () => {
  /** AUTHORIZATION_CODE_TTL's default. */
  const CODE_TTL = MINUTE;
  let t: TestApp;
  let client: RegisteredClient;
  const purge = () => t.app.get(RetentionService).purge(new Date());
  const count = async (sql: string, params: unknown[]) => Number((await t.sql<{ n: number }>(sql, params))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp(LIFETIMES);
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  it('an expired code stays for the settle margin (requests in flight, clock skew), then goes', async () => {
    const { code } = await obtainCode(t, client, await t.registerUser());
    const stored = () => count('SELECT COUNT(*) AS n FROM authorization_codes WHERE code_hash = ?', [sha256(code)]);
    // Expired a minute less than the margin ago…
    await advanceClock(t, CODE_TTL + SETTLE_MARGIN_MS - MINUTE);
    expect((await purge()).authorization_codes).toBe(0);
    expect(await stored()).toBe(1);
    // …and now a minute more than it.
    await advanceClock(t, 2 * MINUTE);
    expect((await purge()).authorization_codes).toBe(1);
    expect(await stored()).toBe(0);
  });

  it('a revoked family stays while one of its refresh tokens is unexpired, and its revoked grant while the family does', async () => {
    const user = await t.registerUser();
    await obtainTokens(t, client, user);
    await trafficOf(t, client).revokeGrant(user);
    const left = async () => ({
      families: await count('SELECT COUNT(*) AS n FROM token_families WHERE user_id = ?', [user.id]),
      grants: await count('SELECT COUNT(*) AS n FROM grants WHERE user_id = ?', [user.id]),
    });
    // Revoked ten minutes ago; its refresh token (REFRESH_TOKEN_FAMILY_TTL: one hour) still unexpired.
    await advanceClock(t, 10 * MINUTE);
    await purge();
    expect(await left()).toEqual({ families: 1, grants: 1 });
    await advanceClock(t, 60 * MINUTE);
    await purge();
    expect(await left()).toEqual({ families: 0, grants: 0 });
  });

  it("a deleted client's row stays while an access token issued before the deletion may be unexpired, then goes", async () => {
    const clientId = await trafficOf(t, client).deleteClient();
    const stored = () => count('SELECT COUNT(*) AS n FROM deleted_clients WHERE client_id = ?', [clientId]);
    // Deleted a minute less than the longest ACCESS_TOKEN_TTL and the margin ago…
    await advanceClock(t, LONGEST_ACCESS_TOKEN_TTL_MS + SETTLE_MARGIN_MS - MINUTE);
    expect((await purge()).deleted_clients).toBe(0);
    expect(await stored()).toBe(1);
    // …and now a minute more than them.
    await advanceClock(t, 2 * MINUTE);
    expect((await purge()).deleted_clients).toBe(1);
    expect(await stored()).toBe(0);
  });
});

describe('bounded growth: row counts stay bounded while traffic goes on', () => {
  /**
   * 36 simulated hours in steps of 3: everything but the audit trail and the deleted clients
   * (kept a day, the latter for the longest access token and the margin) is spent within a step.
   */
  const STEP = 3 * HOUR;
  const ROUNDS = 12;
  const AUDIT_ROUNDS = DAY / STEP;
  const DELETED_CLIENT_ROUNDS = Math.ceil((LONGEST_ACCESS_TOKEN_TTL_MS + SETTLE_MARGIN_MS) / STEP);
  /** How many rounds' rows a table may hold at once. */
  const roundsKept = (table: PurgedTable) =>
    table === 'security_events' ? AUDIT_ROUNDS : table === 'deleted_clients' ? DELETED_CLIENT_ROUNDS : 1;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(LIFETIMES);
  });
  afterAll(() => t.close());

  it('a purge running beside each round of traffic keeps every table at one round of rows (audit, deleted clients: a day)', async () => {
    const client = await t.registerClient();
    const [alice, bob] = [await t.registerUser(), await t.registerUser()];
    const retention = t.app.get(RetentionService);
    const history: PurgeCounts[] = [];
    const purgedInTotal = Object.fromEntries(PURGED_TABLES.map((table) => [table, 0])) as PurgeCounts;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await advanceClock(t, STEP);
      const [purged] = await Promise.all([retention.purge(new Date()), oneRound(t, client, alice, bob, round)]);
      for (const table of PURGED_TABLES) purgedInTotal[table] += purged[table];
      history.push(await rowCounts(t));
    }
    const [first, last] = [history[0]!, history.at(-1)!];
    for (const table of PURGED_TABLES) {
      // No table ever held more than one round's rows (the audit trail, the deleted clients: a day's)…
      const bound = roundsKept(table) * first[table];
      const peak = Math.max(...history.map((counts) => counts[table]));
      expect({ table, peak: peak <= bound }).toEqual({ table, peak: true });
      // …although far more were written.
      const written = purgedInTotal[table] + last[table];
      expect({ table, written: written > bound }).toEqual({ table, written: true });
    }
    expect(last.security_events).toBeLessThanOrEqual(history[AUDIT_ROUNDS]!.security_events);
  });
});

describe('the scheduled purge (PURGE_INTERVAL)', () => {
  let t: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    t = await startTestApp({ ...LIFETIMES, PURGE_INTERVAL: '1' }, { logger: logs.logger });
  });
  afterAll(() => t.close());

  it('purges every PURGE_INTERVAL seconds in the running server and logs one line of counts per run', async () => {
    const client = await t.registerClient();
    await oneRound(t, client, await t.registerUser(), await t.registerUser(), 0);
    await advanceClock(t, 2 * DAY);
    const deadline = Date.now() + 10000;
    const purgedLine = () =>
      logs
        .entries()
        .map((entry) => entry.msg)
        .find((msg) => /^Purged \{.*"refresh_tokens":[1-9]/.test(msg ?? ''));
    while (!purgedLine() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(purgedLine()).toMatch(/^Purged \{("[a-z_]+":\d+,?){10}\} in \d+ ms$/);
    expect((await rowCounts(t)).refresh_tokens).toBe(0);
  });
});

describe('npm run cli -- db:purge', () => {
  let t: TestApp;
  /** The CLI runs with its own environment: the default 90-day audit retention. */
  const CLI_AGE = 100 * DAY;

  beforeAll(async () => {
    t = await startTestApp(LIFETIMES);
  });
  afterAll(() => t.close());

  it('prints the rows deleted per table as JSON', async () => {
    const client = await t.registerClient();
    await oneRound(t, client, await t.registerUser(), await t.registerUser(), 0);
    await advanceClock(t, CLI_AGE);
    const before = await rowCounts(t);
    const printed = JSON.parse(await runCli(t.databaseUrl, 'db:purge')) as PurgeCounts;
    expect(Object.keys(printed)).toEqual([...PURGED_TABLES]);
    const after = await rowCounts(t);
    for (const table of PURGED_TABLES) {
      expect({ table, deleted: printed[table] }).toEqual({ table, deleted: before[table] - after[table] });
      expect({ table, spent: printed[table] > 0 }).toEqual({ table, spent: true });
    }
    const again = JSON.parse(await runCli(t.databaseUrl, 'db:purge')) as PurgeCounts;
    expect(Object.values(again)).toEqual(PURGED_TABLES.map(() => 0));
  });

  it('beside other purges (the server twice, another process), deletes each row once and counts it once', async () => {
    const client = await t.registerClient();
    await oneRound(t, client, await t.registerUser(), await t.registerUser(), 0);
    // A backlog of several batches: a year-old audit trail.
    const yearAgo = Date.now() - 365 * DAY;
    for (let chunk = 0; chunk < 5; chunk++) {
      const rows = Array.from({ length: PURGE_BATCH_SIZE / 2 }, () => [randomUUID(), 'login_failed', yearAgo]);
      await t.sql(
        `INSERT INTO security_events (id, type, at) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`,
        rows.flat(),
      );
    }
    await advanceClock(t, CLI_AGE);
    const before = await rowCounts(t);
    const retention = t.app.get(RetentionService);
    const cli = runCli(t.databaseUrl, 'db:purge').then((stdout) => JSON.parse(stdout) as PurgeCounts);
    const runs = await Promise.all([retention.purge(new Date()), retention.purge(new Date()), cli]);
    const after = await rowCounts(t);
    expect(before.security_events - after.security_events).toBeGreaterThan(2 * PURGE_BATCH_SIZE);
    for (const table of PURGED_TABLES) {
      const deleted = runs.reduce((sum, counts) => sum + counts[table], 0);
      expect({ table, deleted }).toEqual({ table, deleted: before[table] - after[table] });
    }
  });
});
