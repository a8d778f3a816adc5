import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import {
  introspectionRequest,
  obtainClientToken,
  obtainTokens,
  revocationRequest,
  tokenRequest,
} from './support/oauth-flow.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const SCOPE = 'profile notes:read';
type User = { id: string; username: string; password: string };

describe('POST /oauth/revoke (RFC 7009)', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: User;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient({ grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'] });
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  const revoke = (token: string, extra: Record<string, string> = {}, by = client) =>
    revocationRequest(t, by, { token, ...extra });
  const refresh = (refreshToken: string, by = client) =>
    tokenRequest(t, by, { grant_type: 'refresh_token', refresh_token: refreshToken });
  const profile = (accessToken: string) => t.http().get('/api/profile').auth(accessToken, { type: 'bearer' });
  const bareRequest = () => t.http().post('/oauth/revoke').type('form');

  /** Section 2.2: 200, and the body says nothing (the client ignores it anyway). */
  function expectRevoked(res: Response): void {
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
  }

  describe('a refresh token (section 2.1: its whole grant goes with it)', () => {
    it('stops the newest access token at the API, the refresh token at the token endpoint, and both at introspection', async () => {
      const first = await obtainTokens(t, client, user, SCOPE);
      const newest = (await refresh(first.refresh_token)).body;
      expect((await profile(newest.access_token)).status).toBe(200);

      expectRevoked(await revoke(newest.refresh_token));

      expectBearerError(await profile(newest.access_token), 401, 'invalid_token');
      expectTokenError(await refresh(newest.refresh_token), 'invalid_grant');
      expect((await introspectionRequest(t, client, { token: newest.access_token })).body).toEqual({ active: false });
      expect((await introspectionRequest(t, client, { token: newest.refresh_token })).body).toEqual({ active: false });
    });

    it('may be revoked by the public client it was issued to, with its client_id alone', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const tokens = await obtainTokens(t, publicClient, user, SCOPE);
      expectRevoked(await revoke(tokens.refresh_token, {}, publicClient));
      expectTokenError(await refresh(tokens.refresh_token, publicClient), 'invalid_grant');
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('is found under the hint access_token too (section 2.1: the search extends past the hint)', async () => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      expectRevoked(await revoke(tokens.refresh_token, { token_type_hint: 'access_token' }));
      expectTokenError(await refresh(tokens.refresh_token), 'invalid_grant');
    });
  });

  describe('an access token', () => {
    it('fails at the API at once, while its refresh token still works', async () => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      expect((await profile(tokens.access_token)).status).toBe(200);

      expectRevoked(await revoke(tokens.access_token, { token_type_hint: 'access_token' }));

      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
      const refreshed = await refresh(tokens.refresh_token);
      expect(refreshed.status).toBe(200);
      expect((await profile(refreshed.body.access_token)).status).toBe(200);
    });

    it('is found under the hint refresh_token too, and an unknown hint is ignored', async () => {
      const first = await obtainTokens(t, client, user, SCOPE);
      const second = await obtainTokens(t, client, user, SCOPE);
      expectRevoked(await revoke(first.access_token, { token_type_hint: 'refresh_token' }));
      expectRevoked(await revoke(second.access_token, { token_type_hint: 'no-such-hint' }));
      expectBearerError(await profile(first.access_token), 401, 'invalid_token');
      expectBearerError(await profile(second.access_token), 401, 'invalid_token');
    });

    it('ends a client_credentials token at the API', async () => {
      const accessToken = await obtainClientToken(t, client, 'notes:read');
      const stats = () => t.http().get('/api/stats').auth(accessToken, { type: 'bearer' });
      expect((await stats()).status).toBe(200);
      expectRevoked(await revoke(accessToken));
      expectBearerError(await stats(), 401, 'invalid_token');
    });
  });

  describe('tokens the server cannot use are answered 200 (section 2.2)', () => {
    it.each([
      ['an unknown opaque token', 'A'.repeat(43)],
      ['a malformed JWT', 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'],
      ['text that is no token at all', 'not a token'],
    ])('%s', async (_, token) => {
      expectRevoked(await revoke(token));
    });

    it('a token already revoked', async () => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      expectRevoked(await revoke(tokens.refresh_token));
      expectRevoked(await revoke(tokens.refresh_token));
      expectRevoked(await revoke(tokens.access_token));
    });
  });

  describe("another client's token (section 2.1: the request is refused, and nothing changes)", () => {
    it('refuses its refresh token with unauthorized_client; the tokens keep working', async () => {
      const owner = await t.registerClient();
      const tokens = await obtainTokens(t, owner, user, SCOPE);
      expectTokenError(await revoke(tokens.refresh_token), 'unauthorized_client');
      expect((await profile(tokens.access_token)).status).toBe(200);
      expect((await refresh(tokens.refresh_token, owner)).status).toBe(200);
    });

    it('refuses its access token with unauthorized_client; it keeps working', async () => {
      const owner = await t.registerClient();
      const tokens = await obtainTokens(t, owner, user, SCOPE);
      expectTokenError(await revoke(tokens.access_token), 'unauthorized_client');
      expect((await profile(tokens.access_token)).status).toBe(200);
    });

    it("refuses a public client's attempt on a confidential client's token", async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const tokens = await obtainTokens(t, client, user, SCOPE);
      expectTokenError(await revoke(tokens.refresh_token, {}, publicClient), 'unauthorized_client');
      expect((await refresh(tokens.refresh_token)).status).toBe(200);
    });
  });

  describe('the request and its errors (RFC 6749 section 5.2)', () => {
    it('accepts client_secret_post as well as HTTP Basic', async () => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      const form = { token: tokens.access_token, client_id: client.clientId, client_secret: client.clientSecret! };
      expectRevoked(await bareRequest().send(form));
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('refuses a request without client authentication with 401 invalid_client, revoking nothing', async () => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      expectTokenError(await bareRequest().send({ token: tokens.access_token }), 'invalid_client');
      expect((await profile(tokens.access_token)).status).toBe(200);
    });

    it('refuses a wrong secret with 401 invalid_client and a Basic challenge', async () => {
      const res = await bareRequest()
        .auth(client.clientId, 'wrong-secret')
        .send({ token: 'A'.repeat(43) });
      expectTokenError(res, 'invalid_client');
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="[^"]+"/);
    });

    it('refuses a request without token with invalid_request', async () => {
      expectTokenError(await revocationRequest(t, client, {}), 'invalid_request');
    });

    it('refuses a JSON body with invalid_request (section 2.1: form-encoded)', async () => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      const res = await t
        .http()
        .post('/oauth/revoke')
        .auth(client.clientId, client.clientSecret!)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ token: tokens.access_token }));
      expectTokenError(res, 'invalid_request');
      expect((await profile(tokens.access_token)).status).toBe(200);
    });

    it('answers unreadable bodies as section 5.2 JSON: malformed JSON, too large', async () => {
      const malformed = await t.http().post('/oauth/revoke').set('content-type', 'application/json').send('{"token":');
      expectTokenError(malformed, 'invalid_request');
      expectTokenError(await bareRequest().send(`token=${'a'.repeat(70_000)}`), 'invalid_request', 413);
    });
  });
});
