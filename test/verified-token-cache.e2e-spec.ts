import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { ClientRegistry } from '../src/client-registry/client-registry.service.js';
import { RevocationSync } from '../src/tokens/revocation-sync.service.js';
import { VerifiedTokenCache } from '../src/tokens/verified-token-cache.js';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import {
  hiddenField,
  obtainClientToken,
  obtainCode,
  obtainTokens,
  revocationRequest,
  tokenRequest,
} from './support/oauth-flow.js';
import { runCli } from './support/server-process.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type User = { id: string; username: string; password: string };
type Agent = ReturnType<typeof request.agent>;

/** The default REVOCATION_SYNC_INTERVAL, the documented bound for revocations written by another process. */
const SYNC_INTERVAL_MS = 1000;
/** On top of the interval: the poll's own query, and the probe's request (measured up to ~300 ms on a loaded machine). */
const SLACK_MS = 1000;
const CLIENT_GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'];

/** The payload of a JWT, read without verification. */
const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

/** Marks a family revoked as any other process would: a write to the database, announced to nobody. */
const revokeFamilyInDatabase = (t: TestApp, familyId: string) =>
  t.sql('UPDATE token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ?', [
    Date.now(),
    'token_revoked',
    familyId,
  ]);

/** Polls until `probe` answers true; resolves with the ms it took, or null past `timeoutMs`. */
async function msUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const since = Date.now();
  while (Date.now() - since <= timeoutMs) {
    if (await probe()) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/**
 * Issue 7: each instance remembers the access tokens it verified (VerifiedTokenCache), and
 * revocation stays exact: at once on the instance that revokes, by every path, and within
 * REVOCATION_SYNC_INTERVAL for revocations another process writes to the database.
 */
describe('verified access tokens are cached, and revocation still takes effect', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: User;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient({ grantTypes: CLIENT_GRANTS });
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  const profile = (token: string) => t.http().get('/api/profile').auth(token, { type: 'bearer' });
  const familyOf = (token: string) => claimsOf(token).family_id as string;
  const stats = (token: string) => t.http().get('/api/stats').auth(token, { type: 'bearer' });
  const refused = async (token: string) => (await profile(token)).status === 401;

  /** Tokens whose access token the API has verified once, so that it now sits in the cache. */
  async function cachedTokens(by = client, who = user) {
    const tokens = await obtainTokens(t, by, who, 'profile');
    expect((await profile(tokens.access_token)).status).toBe(200);
    return tokens;
  }

  describe('on the instance that revokes, a cached token is refused at once, whatever the path', () => {
    it('the revocation endpoint, with the refresh token (the family)', async () => {
      const tokens = await cachedTokens();
      expect((await revocationRequest(t, client, { token: tokens.refresh_token })).status).toBe(200);
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('the revocation endpoint, with the access token alone', async () => {
      const tokens = await cachedTokens();
      expect((await revocationRequest(t, client, { token: tokens.access_token })).status).toBe(200);
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('a rotated refresh token used again (RFC 9700 section 4.14.2)', async () => {
      const tokens = await cachedTokens();
      const refresh = () =>
        tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      const next = (await refresh()).body;
      expect((await profile(next.access_token)).status).toBe(200);
      expectTokenError(await refresh(), 'invalid_grant');
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
      expectBearerError(await profile(next.access_token), 401, 'invalid_token');
    });

    it('an authorization code replayed (RFC 6749 section 4.1.2)', async () => {
      const { code, verifier } = await obtainCode(t, client, user, 'profile');
      const form = {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: client.redirectUri,
      };
      const tokens = (await tokenRequest(t, client, form)).body;
      expect((await profile(tokens.access_token)).status).toBe(200);
      expectTokenError(await tokenRequest(t, client, form), 'invalid_grant');
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('the grant revoked on the account page', async () => {
      const owner = await t.registerUser();
      const tokens = await cachedTokens(client, owner);
      const browser: Agent = t.browser();
      const form = await browser.get('/account');
      await browser
        .post('/account/login')
        .type('form')
        .send({ _csrf: hiddenField(form.text, '_csrf'), username: owner.username, password: owner.password });
      const page = (await browser.get('/account')).text;
      const grantId = /action="\/account\/grants\/([^/]+)\/revoke"/.exec(page)![1];
      const revoked = await browser
        .post(`/account/grants/${grantId}/revoke`)
        .type('form')
        .send({ _csrf: hiddenField(page, '_csrf') });
      expect(revoked.status).toBe(303);
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('the client deleted, its user tokens and its own tokens alike', async () => {
      const doomed = await t.registerClient({ grantTypes: CLIENT_GRANTS });
      const tokens = await cachedTokens(doomed);
      const own = await obtainClientToken(t, doomed, 'notes:read');
      expect((await stats(own)).status).toBe(200);
      expect(await t.app.get(ClientRegistry).delete(doomed.clientId)).toBe(true);
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
      expectBearerError(await stats(own), 401, 'invalid_token');
    });
  });

  describe(`a revocation another process writes is honoured within REVOCATION_SYNC_INTERVAL (${SYNC_INTERVAL_MS} ms)`, () => {
    async function delayUntilRefused(token: string): Promise<number> {
      const delay = await msUntil(() => refused(token), SYNC_INTERVAL_MS + SLACK_MS);
      expect(delay).not.toBeNull();
      return delay!;
    }

    it('a family revoked by a direct write to the database', async () => {
      const tokens = await cachedTokens();
      await revokeFamilyInDatabase(t, familyOf(tokens.access_token));
      console.info(`Family revoked in the database: refused after ${await delayUntilRefused(tokens.access_token)} ms`);
    });

    it('an access token denied by a direct write to the database', async () => {
      const tokens = await cachedTokens();
      const { jti, exp } = claimsOf(tokens.access_token) as { jti: string; exp: number };
      await t.sql('INSERT INTO revoked_access_tokens (jti, expires_at, revoked_at) VALUES (?, ?, ?)', [
        jti,
        exp * 1000,
        Date.now(),
      ]);
      console.info(`jti denied in the database: refused after ${await delayUntilRefused(tokens.access_token)} ms`);
    });

    it('the client deleted by the built CLI, a process of its own', async () => {
      const doomed = await t.registerClient({ grantTypes: CLIENT_GRANTS });
      const tokens = await cachedTokens(doomed);
      const own = await obtainClientToken(t, doomed, 'notes:read');
      expect((await stats(own)).status).toBe(200);
      await runCli(t.databaseUrl, 'client:delete', doomed.clientId);
      console.info(`client:delete by the CLI: refused after ${await delayUntilRefused(tokens.access_token)} ms`);
      expectBearerError(await stats(own), 401, 'invalid_token');
    });
  });
});

describe('REVOCATION_SYNC_INTERVAL', () => {
  it('until the next poll, a cached token is served without reading the database; the poll ends it', async () => {
    const t = await startTestApp({ REVOCATION_SYNC_INTERVAL: '60000' });
    try {
      const client = await t.registerClient();
      const tokens = await obtainTokens(t, client, await t.registerUser(), 'profile');
      const profile = () => t.http().get('/api/profile').auth(tokens.access_token, { type: 'bearer' });
      expect((await profile()).status).toBe(200);
      await revokeFamilyInDatabase(t, claimsOf(tokens.access_token).family_id as string);
      // The bound is the interval: nothing in this process has read the write yet.
      expect((await profile()).status).toBe(200);
      await t.app.get(RevocationSync).sync();
      expectBearerError(await profile(), 401, 'invalid_token');
    } finally {
      await t.close();
    }
  });
});

describe('ACCESS_TOKEN_CACHE_SIZE', () => {
  it('bounds the cache: the least recently used token goes, and still verifies against the database', async () => {
    const t = await startTestApp({ ACCESS_TOKEN_CACHE_SIZE: '2' });
    try {
      const client = await t.registerClient();
      const user = await t.registerUser();
      const tokens = [];
      for (let i = 0; i < 4; i++) tokens.push((await obtainTokens(t, client, user, 'profile')).access_token);
      for (const token of tokens) {
        expect((await t.http().get('/api/profile').auth(token, { type: 'bearer' })).status).toBe(200);
      }
      expect(t.app.get(VerifiedTokenCache).size).toBe(2);
      expect((await t.http().get('/api/profile').auth(tokens[0]!, { type: 'bearer' })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('0 turns the cache off: every call reads the database, so a revocation written elsewhere applies at once', async () => {
    const t = await startTestApp({ ACCESS_TOKEN_CACHE_SIZE: '0' });
    try {
      const client = await t.registerClient();
      const tokens = await obtainTokens(t, client, await t.registerUser(), 'profile');
      const profile = () => t.http().get('/api/profile').auth(tokens.access_token, { type: 'bearer' });
      expect((await profile()).status).toBe(200);
      const { jti, exp } = claimsOf(tokens.access_token) as { jti: string; exp: number };
      await t.sql('INSERT INTO revoked_access_tokens (jti, expires_at, revoked_at) VALUES (?, ?, ?)', [
        jti,
        exp * 1000,
        Date.now(),
      ]);
      expectBearerError(await profile(), 401, 'invalid_token');
      expect(t.app.get(VerifiedTokenCache).size).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('0 also reads the client every time: one deleted by another process fails authentication at once', async () => {
    const t = await startTestApp({ ACCESS_TOKEN_CACHE_SIZE: '0' });
    try {
      const client = await t.registerClient({ grantTypes: CLIENT_GRANTS });
      await obtainClientToken(t, client);
      await runCli(t.databaseUrl, 'client:delete', client.clientId);
      expectTokenError(await tokenRequest(t, client, { grant_type: 'client_credentials' }), 'invalid_client');
    } finally {
      await t.close();
    }
  });
});
