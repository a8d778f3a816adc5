import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KEY_RELOAD_INTERVAL_MS } from '../../src/keys/signing-key.service.js';
import {
  approve,
  authorize,
  backChannel,
  bearerGet,
  FetchBrowser,
  issuerOf,
  kidOf,
  logIn,
  obtainCode,
  openInteraction,
  redeem,
  tokenRequest,
  type CliClient,
  type HttpAnswer,
} from '../support/fetch-flow.js';
import { hiddenField } from '../support/oauth-flow.js';
import { runCli, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { createPostgresSchema, testPostgresUrl, type TestDatabase } from '../support/test-database.js';

/** Both instances sit behind this one issuer (a load balancer's name): tokens must say so. */
const ISSUER = 'http://issuer.test';
const SCOPE = 'openid profile notes:read';
/** How often the bounds below are checked. */
const POLL_MS = 100;
/**
 * Slack on top of KEY_RELOAD_INTERVAL_MS: the CLI's key generation and insert (the clock starts
 * before them), one reload query, one poll. Measured up to 850 ms on a loaded 2-CPU machine.
 */
const RELOAD_SLACK_MS = 1500;
/** REVOCATION_SYNC_INTERVAL's default: how long B may serve a token it cached after A revoked it. */
const REVOCATION_SYNC_MS = 1000;
/** On top of it: B's poll query, and the probe's own request. */
const SYNC_SLACK_MS = 1000;
/** Users who each consent twice at once: a race shows only now and then. */
const CONSENT_RACE_ROUNDS = 5;

/** Polls `probe` until it returns true or `timeoutMs` passes; resolves with the elapsed ms, or null on timeout. */
async function msUntil(probe: () => Promise<boolean>, timeoutMs: number, since = Date.now()): Promise<number | null> {
  while (Date.now() - since <= timeoutMs) {
    if (await probe()) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

const expectGrantError = (res: HttpAnswer) =>
  expect({ status: res.status, error: res.body.error }).toEqual({
    status: 400,
    error: 'invalid_grant',
  });

function expectInvalidToken(res: HttpAnswer): void {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
}

/**
 * Issue 5, "Many instances": two processes of the built server on one PostgreSQL schema,
 * behind one issuer and one SESSION_SECRET, share every piece of state a flow needs. Each
 * step of a flow may land on either instance; single use holds across them; revocation
 * (REVOCATION_SYNC_INTERVAL, for a token the other instance cached) and key rotation
 * (KEY_RELOAD_INTERVAL_MS) reach the other instance within a stated bound.
 */
describe('two instances on one PostgreSQL schema', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let client: CliClient;
  const user = { username: 'alice', password: 'correct horse battery staple' };

  beforeAll(async () => {
    const postgres = testPostgresUrl();
    if (!postgres)
      throw new Error('Runs in the `postgres` Jest project, which sets TEST_DATABASE_URL (jest.config.js)');
    database = await createPostgresSchema(postgres);
    const env = { DATABASE_URL: database.url, ISSUER };
    // Started together on an empty schema, as a deployment starts its replicas: both migrate.
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    client = JSON.parse(
      await runCli(
        database.url,
        'client:create',
        '--name',
        'Multi-instance client',
        '--redirect-uri',
        'http://localhost:8080/callback',
        '--scope',
        SCOPE,
      ),
    );
    await runCli(database.url, 'user:create', '--username', user.username, '--password', user.password);
  }, 60000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  const tokensVia = async (on: { authorize: string; login: string; consent: string; redeem: string }) =>
    redeem(on.redeem, client, await obtainCode(on, client, user, SCOPE));
  const refresh = (base: string, refreshToken: string) =>
    tokenRequest(base, client, { grant_type: 'refresh_token', refresh_token: refreshToken });

  it('both instances started at once on the empty schema, without a failed migration', () => {
    for (const instance of [a, b]) expect(instance.output()).not.toMatch(/Unable to connect to the database/);
  });

  it('a login made on A is a login on B, and a logout on B ends it on A', async () => {
    const browser = new FetchBrowser();
    const signIn = await browser.get(`${a.url}/account`);
    const loggedIn = await browser.postForm(`${a.url}/account/login`, {
      ...user,
      _csrf: hiddenField(signIn.text, '_csrf'),
    });
    expect({ status: loggedIn.status, location: loggedIn.headers.get('location') }).toEqual({
      status: 303,
      location: '/account',
    });

    const onB = await browser.get(`${b.url}/account`);
    expect(onB.text).toContain(`Signed in as <strong>${user.username}</strong>`);
    await browser.postForm(`${b.url}/logout`, { _csrf: hiddenField(onB.text, '_csrf') });
    expect((await browser.get(`${a.url}/account`)).text).toContain('Sign in to your account');
  });

  it('authorize and log in on A, consent on B, redeem on A, refresh on B: one issuer throughout', async () => {
    const tokens = await tokensVia({ authorize: a.url, login: a.url, consent: b.url, redeem: a.url });
    expect(issuerOf(tokens.access_token)).toBe(ISSUER);
    for (const instance of [a, b]) {
      const profile = await bearerGet(instance.url, '/api/profile', tokens.access_token);
      expect({ status: profile.status, username: profile.body.username }).toEqual({
        status: 200,
        username: user.username,
      });
    }

    const refreshed = await refresh(b.url, tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    const next = refreshed.body as { access_token: string; refresh_token: string; id_token: string };
    expect([issuerOf(next.access_token), issuerOf(next.id_token)]).toEqual([ISSUER, ISSUER]);
    expect((await bearerGet(a.url, '/api/profile', next.access_token)).status).toBe(200);
    // The rotated-out refresh token is spent everywhere.
    expectGrantError(await refresh(a.url, tokens.refresh_token));
  });

  it(`revocation at A takes effect at B within the ${REVOCATION_SYNC_MS} ms revocation sync interval, even for a token B has cached`, async () => {
    const tokens = await tokensVia({ authorize: a.url, login: a.url, consent: a.url, redeem: a.url });
    // Verified at B, so B now serves it from its cache: only B's poll of the database can end it.
    expect((await bearerGet(b.url, '/api/profile', tokens.access_token)).status).toBe(200);

    const revoked = await backChannel(a.url, '/oauth/revoke', client, {
      token: tokens.refresh_token,
      token_type_hint: 'refresh_token',
    });
    expect(revoked.status).toBe(200);
    // At A, the instance that revoked, at once.
    expectInvalidToken(await bearerGet(a.url, '/api/profile', tokens.access_token));
    const delay = await msUntil(
      async () => (await bearerGet(b.url, '/api/profile', tokens.access_token)).status === 401,
      5000,
    );
    console.info(
      `Revocation at A refused at B after ${delay} ms (bound: ${REVOCATION_SYNC_MS} ms + ${SYNC_SLACK_MS} ms)`,
    );
    expect(delay).not.toBeNull();
    expect(delay).toBeLessThanOrEqual(REVOCATION_SYNC_MS + SYNC_SLACK_MS);
    expectInvalidToken(await bearerGet(b.url, '/api/profile', tokens.access_token));
    expectGrantError(await refresh(b.url, tokens.refresh_token));
  });

  it('an access token revoked alone at A is refused at B within the sync interval, and at once if B never saw it', async () => {
    const [cached, unseen] = [
      await tokensVia({ authorize: b.url, login: b.url, consent: b.url, redeem: b.url }),
      await tokensVia({ authorize: b.url, login: b.url, consent: b.url, redeem: b.url }),
    ];
    expect((await bearerGet(b.url, '/api/profile', cached.access_token)).status).toBe(200);
    for (const tokens of [cached, unseen]) {
      const revoked = await backChannel(a.url, '/oauth/revoke', client, {
        token: tokens.access_token,
        token_type_hint: 'access_token',
      });
      expect(revoked.status).toBe(200);
    }
    // Not in B's cache: B reads the database, which already says revoked.
    expectInvalidToken(await bearerGet(b.url, '/api/profile', unseen.access_token));
    const delay = await msUntil(
      async () => (await bearerGet(b.url, '/api/profile', cached.access_token)).status === 401,
      5000,
    );
    console.info(
      `Access token revoked at A refused at B after ${delay} ms (bound: ${REVOCATION_SYNC_MS} ms + ${SYNC_SLACK_MS} ms)`,
    );
    expect(delay).not.toBeNull();
    expect(delay).toBeLessThanOrEqual(REVOCATION_SYNC_MS + SYNC_SLACK_MS);
    // RFC 7009 section 2.1: revoking an access token alone leaves its refresh token usable.
    expect((await refresh(b.url, cached.refresh_token)).status).toBe(200);
  });

  it(`a client deleted by the CLI fails client authentication on both instances within the ${REVOCATION_SYNC_MS} ms sync interval`, async () => {
    const doomed = JSON.parse(
      await runCli(
        database.url,
        'client:create',
        '--name',
        'Doomed client',
        '--redirect-uri',
        'http://localhost:8080/callback',
        '--scope',
        SCOPE,
      ),
    ) as CliClient;
    // The client authenticates (the refresh token is unknown: invalid_grant, not invalid_client),
    // so each instance now holds its record in memory.
    const attempt = (instance: ServerProcess) =>
      tokenRequest(instance.url, doomed, { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token' });
    for (const instance of [a, b]) expectGrantError(await attempt(instance));

    await runCli(database.url, 'client:delete', doomed.client_id);
    const deletedAt = Date.now();
    const refused = (instance: ServerProcess) => async () => {
      const res = await attempt(instance);
      return res.status === 401 && res.body.error === 'invalid_client';
    };
    const [delayA, delayB] = await Promise.all([
      msUntil(refused(a), 5000, deletedAt),
      msUntil(refused(b), 5000, deletedAt),
    ]);
    console.info(
      `client:delete by the CLI: A refused the client ${delayA} ms after, B ${delayB} ms (bound: ${REVOCATION_SYNC_MS} ms + ${SYNC_SLACK_MS} ms)`,
    );
    expect(delayA).not.toBeNull();
    expect(delayB).not.toBeNull();
    expect(Math.max(delayA!, delayB!)).toBeLessThanOrEqual(REVOCATION_SYNC_MS + SYNC_SLACK_MS);
  });

  it('two first consents at once, on A and B, for one user and client: both get a code, one grant covers both', async () => {
    // A read-then-write in GrantService.recordConsent once let both insert: one answered 500.
    const newcomers = Array.from({ length: CONSENT_RACE_ROUNDS }, (_, i) => ({
      username: `newcomer-${i}`,
      password: user.password,
    }));
    await Promise.all(
      newcomers.map(({ username, password }) =>
        runCli(database.url, 'user:create', '--username', username, '--password', password),
      ),
    );
    for (const newcomer of newcomers) {
      // Two authorization requests in one browser, each for its own scope, neither granted yet.
      const browser = new FetchBrowser();
      const first = await authorize(browser, a.url, client, 'profile');
      const second = await authorize(browser, b.url, client, 'notes:read');
      const onA = await openInteraction(
        browser,
        a.url,
        await logIn(browser, a.url, await openInteraction(browser, a.url, first.path!), newcomer),
      );
      const onB = await openInteraction(browser, b.url, second.path!);
      const [approvedOnA, approvedOnB] = await Promise.all([
        approve(browser, a.url, onA),
        approve(browser, b.url, onB),
      ]);
      expect([typeof approvedOnA.code, typeof approvedOnB.code]).toEqual(['string', 'string']);
      // Neither consent was lost: a request for both scopes needs no consent page any more.
      const both = await authorize(browser, a.url, client, 'profile notes:read', { prompt: 'none' });
      expect(both.params?.code).toEqual(expect.any(String));
    }
  });

  describe('single use across instances', () => {
    /** 20 parallel uses, 10 at A and 10 at B. */
    const split = (send: (base: string) => Promise<HttpAnswer>) =>
      Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 === 0 ? a.url : b.url)));

    it('one consent form submitted at A and at B at once: one code, the other an error page', async () => {
      const browser = new FetchBrowser();
      const start = await authorize(browser, a.url, client, SCOPE, { prompt: 'consent' });
      const login = await openInteraction(browser, a.url, start.path!);
      const consent = await openInteraction(browser, a.url, await logIn(browser, a.url, login, user));
      const form = { interaction: consent.interaction, _csrf: consent.csrf, decision: 'approve' };
      const answers = await Promise.all([a.url, b.url].map((base) => browser.postForm(`${base}/oauth/consent`, form)));
      expect(answers.map((res) => res.status).sort()).toEqual([302, 400]);
      expect(answers.find((res) => res.status === 400)!.text).toContain('Error code: <code>invalid_request</code>');
    });

    it('one authorization code redeemed 20 times, 10 at A and 10 at B: exactly one 200, the rest invalid_grant, and the family revoked', async () => {
      const code = await obtainCode(a.url, client, user, SCOPE);
      const answers = await split((base) =>
        tokenRequest(base, client, {
          grant_type: 'authorization_code',
          code: code.code,
          code_verifier: code.code_verifier,
          redirect_uri: client.redirect_uris[0]!,
        }),
      );
      const winners = answers.filter((res) => res.status === 200);
      expect(winners).toHaveLength(1);
      for (const res of answers.filter((res) => res.status !== 200)) expectGrantError(res);

      const won = winners[0]!.body as { access_token: string; refresh_token: string };
      for (const instance of [a, b])
        expectInvalidToken(await bearerGet(instance.url, '/api/profile', won.access_token));
      expectGrantError(await refresh(a.url, won.refresh_token));
    });

    it('one refresh token used 20 times, 10 at A and 10 at B: exactly one 200, the rest invalid_grant, and the family revoked', async () => {
      const tokens = await tokensVia({ authorize: b.url, login: b.url, consent: b.url, redeem: a.url });
      const answers = await split((base) => refresh(base, tokens.refresh_token));
      const winners = answers.filter((res) => res.status === 200);
      expect(winners).toHaveLength(1);
      for (const res of answers.filter((res) => res.status !== 200)) expectGrantError(res);
      expectGrantError(await refresh(b.url, (winners[0]!.body as { refresh_token: string }).refresh_token));
    });
  });

  it(`a rotation by the CLI reaches both instances within the ${KEY_RELOAD_INTERVAL_MS} ms reload interval`, async () => {
    const tokens = await tokensVia({ authorize: a.url, login: a.url, consent: a.url, redeem: a.url });
    const before = tokens.access_token;
    let refreshToken = tokens.refresh_token;

    const rotated = JSON.parse(await runCli(database.url, 'keys:rotate')) as { kid: string; created_at: string };
    const cliExited = Date.now();
    expect(rotated.kid).not.toBe(kidOf(before));
    // Measured from the key's created_at, stamped before its row is even written: the delay
    // from the commit, which no process outside the CLI can observe, is at most this.
    const rotatedAt = Date.parse(rotated.created_at);

    const publishes = (instance: ServerProcess) => async () => {
      const jwks = await fetch(`${instance.url}/oauth/jwks`).then(
        (res) => res.json() as Promise<{ keys: { kid: string }[] }>,
      );
      return jwks.keys.some((key) => key.kid === rotated.kid);
    };
    const bound = KEY_RELOAD_INTERVAL_MS + RELOAD_SLACK_MS;
    const [delayA, delayB] = await Promise.all([
      msUntil(publishes(a), bound + 500, rotatedAt),
      msUntil(publishes(b), bound + 500, rotatedAt),
    ]);
    console.info(
      `keys:rotate: the CLI exited ${cliExited - rotatedAt} ms after the rotation began; A published the new kid ` +
        `${delayA} ms after it began, B ${delayB} ms (bound: ${KEY_RELOAD_INTERVAL_MS} ms reload + ` +
        `${RELOAD_SLACK_MS} ms slack)`,
    );
    expect(delayA).not.toBeNull();
    expect(delayB).not.toBeNull();
    expect(Math.max(delayA!, delayB!)).toBeLessThanOrEqual(bound);

    // Each instance now signs with the new key (signing and publishing change in one reload).
    const signed: Record<string, string> = {};
    for (const [name, instance] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const res = await refresh(instance.url, refreshToken);
      expect(res.status).toBe(200);
      refreshToken = res.body.refresh_token as string;
      signed[name] = res.body.access_token as string;
      expect(kidOf(signed[name])).toBe(rotated.kid);
    }
    // A token signed by A with the new key verifies at B, and the other way round; the old one still verifies.
    expect((await bearerGet(b.url, '/api/profile', signed.A!)).status).toBe(200);
    expect((await bearerGet(a.url, '/api/profile', signed.B!)).status).toBe(200);
    for (const instance of [a, b]) expect((await bearerGet(instance.url, '/api/profile', before)).status).toBe(200);
  });
});
