import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { Response } from 'supertest';
import { sha256 } from '../src/common/crypto.js';
import { SigningKeyService } from '../src/keys/signing-key.service.js';
import { expectTokenError } from './support/expectations.js';
import {
  introspectionRequest,
  obtainClientToken,
  obtainTokens,
  revocationRequest,
  tokenRequest,
} from './support/oauth-flow.js';
import { ISSUER, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const SCOPE = 'profile notes:read';
type User = { id: string; username: string; password: string };

describe('POST /oauth/introspect (RFC 7662)', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: User;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient({ grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'] });
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  const introspect = (token: string, extra: Record<string, string> = {}, by = client) =>
    introspectionRequest(t, by, { token, ...extra });
  const bareRequest = () => t.http().post('/oauth/introspect').type('form');
  const claimsOf = (accessToken: string) => jwt.decode(accessToken) as JwtPayload;

  /** Section 2.2: 200 JSON, never cached. */
  function expectIntrospection(res: Response): void {
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
  }

  /** Section 2.2: an inactive token is exactly { active: false }, saying nothing of why. */
  function expectInactive(res: Response): void {
    expectIntrospection(res);
    expect(res.body).toEqual({ active: false });
  }

  describe('an active token (section 2.2)', () => {
    it('describes an access token: scope, client_id, username, sub, exp, iat, token_type, aud, iss, jti', async () => {
      const { access_token } = await obtainTokens(t, client, user, SCOPE);
      const claims = claimsOf(access_token);
      const res = await introspect(access_token);
      expectIntrospection(res);
      expect(res.body).toEqual({
        active: true,
        scope: SCOPE,
        client_id: client.clientId,
        username: user.username,
        sub: user.id,
        exp: claims.exp,
        iat: claims.iat,
        token_type: 'Bearer',
        token_use: 'access_token',
        aud: `${ISSUER}/api`,
        iss: ISSUER,
        jti: claims.jti,
      });
    });

    it('describes a refresh token with the scope of its grant and its own lifetime', async () => {
      const { refresh_token } = await obtainTokens(t, client, user, SCOPE);
      const res = await introspect(refresh_token);
      expectIntrospection(res);
      expect(res.body).toEqual({
        active: true,
        scope: SCOPE,
        client_id: client.clientId,
        username: user.username,
        sub: user.id,
        exp: expect.any(Number),
        iat: expect.any(Number),
        token_use: 'refresh_token',
      });
      expect(Math.abs(res.body.iat - Date.now() / 1000)).toBeLessThan(60);
      expect(res.body.exp - res.body.iat).toBe(30 * 24 * 3600);
    });

    it('describes a client_credentials token: sub is the client_id and there is no username', async () => {
      const accessToken = await obtainClientToken(t, client, 'notes:read');
      const res = await introspect(accessToken);
      expectIntrospection(res);
      expect(res.body).toEqual({
        active: true,
        scope: 'notes:read',
        client_id: client.clientId,
        sub: client.clientId,
        exp: expect.any(Number),
        iat: expect.any(Number),
        token_type: 'Bearer',
        token_use: 'access_token',
        aud: `${ISSUER}/api`,
        iss: ISSUER,
        jti: expect.any(String),
      });
    });

    it.each([
      ['an access token under the hint refresh_token', 'access_token', 'refresh_token'],
      ['a refresh token under the hint access_token', 'refresh_token', 'access_token'],
      ['an access token under an unknown hint', 'access_token', 'id_token'],
      ['a refresh token under an unknown hint', 'refresh_token', 'no-such-hint'],
    ])('finds %s (section 2.1: the search extends past the hint; unknown ones are ignored)', async (_, kind, hint) => {
      const tokens = await obtainTokens(t, client, user, SCOPE);
      const token = kind === 'access_token' ? tokens.access_token : tokens.refresh_token;
      const res = await introspect(token, { token_type_hint: hint });
      expectIntrospection(res);
      expect(res.body).toMatchObject({ active: true, token_use: kind });
    });
  });

  describe('every inactive token is exactly { "active": false } (section 2.2)', () => {
    it('an expired access token', async () => {
      const { access_token } = await obtainTokens(t, client, user, SCOPE);
      const key = t.app.get(SigningKeyService).current('RS256');
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ ...claimsOf(access_token), iat: now - 600, exp: now - 60 }, key.privateKey, {
        algorithm: 'RS256',
        keyid: key.kid,
        header: { alg: 'RS256', typ: 'at+jwt' },
      });
      expect((await introspect(access_token)).body.active).toBe(true);
      expectInactive(await introspect(expired));
    });

    it('a revoked access token, while its refresh token stays active', async () => {
      const { access_token, refresh_token } = await obtainTokens(t, client, user, SCOPE);
      expect((await revocationRequest(t, client, { token: access_token })).status).toBe(200);
      expectInactive(await introspect(access_token));
      expect((await introspect(refresh_token)).body.active).toBe(true);
    });

    it('both tokens of a family revoked through its refresh token', async () => {
      const { access_token, refresh_token } = await obtainTokens(t, client, user, SCOPE);
      expect((await revocationRequest(t, client, { token: refresh_token })).status).toBe(200);
      expectInactive(await introspect(access_token));
      expectInactive(await introspect(refresh_token));
    });

    it('a rotated refresh token (its successor is active)', async () => {
      const { refresh_token } = await obtainTokens(t, client, user, SCOPE);
      const next = await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token });
      expect(next.status).toBe(200);
      expectInactive(await introspect(refresh_token));
      expect((await introspect(next.body.refresh_token)).body.active).toBe(true);
    });

    it('an expired refresh token', async () => {
      const { refresh_token } = await obtainTokens(t, client, user, SCOPE);
      await t.sql('UPDATE refresh_tokens SET expires_at = ? WHERE token_hash = ?', [
        Date.now() - 1000,
        sha256(refresh_token),
      ]);
      expectInactive(await introspect(refresh_token));
    });

    it.each([
      ['an unknown opaque token', 'A'.repeat(43)],
      ['a malformed JWT', 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'],
      ['text that is no token at all', 'not a token'],
    ])('%s', async (_, token) => {
      expectInactive(await introspect(token));
    });

    it("another client's tokens, however live (section 4: a client introspects only its own)", async () => {
      const other = await t.registerClient();
      const { access_token, refresh_token } = await obtainTokens(t, other, user, SCOPE);
      expectInactive(await introspect(access_token));
      expectInactive(await introspect(refresh_token));
      expect((await introspect(access_token, {}, other)).body.active).toBe(true);
    });
  });

  describe('the request (section 2.1) and its errors (RFC 6749 section 5.2)', () => {
    it('accepts client_secret_post as well as HTTP Basic', async () => {
      const { access_token } = await obtainTokens(t, client, user, SCOPE);
      const res = await bareRequest().send({
        token: access_token,
        client_id: client.clientId,
        client_secret: client.clientSecret!,
      });
      expectIntrospection(res);
      expect(res.body.active).toBe(true);
    });

    it('refuses a request without client authentication with 401 invalid_client', async () => {
      const { access_token } = await obtainTokens(t, client, user, SCOPE);
      const res = await bareRequest().send({ token: access_token });
      expectTokenError(res, 'invalid_client');
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="[^"]+"/);
    });

    it('refuses a wrong secret with 401 invalid_client', async () => {
      const res = await bareRequest()
        .auth(client.clientId, 'wrong-secret')
        .send({ token: 'A'.repeat(43) });
      expectTokenError(res, 'invalid_client');
    });

    it('refuses a public client with 401 invalid_client: only confidential clients may introspect', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const { access_token } = await obtainTokens(t, publicClient, user, SCOPE);
      expectTokenError(await introspect(access_token, {}, publicClient), 'invalid_client');
    });

    it('refuses a request without token with invalid_request', async () => {
      expectTokenError(await introspectionRequest(t, client, {}), 'invalid_request');
    });

    it('refuses a repeated token with invalid_request (RFC 6749 section 3.1)', async () => {
      const res = await bareRequest().auth(client.clientId, client.clientSecret!).send('token=a&token=b');
      expectTokenError(res, 'invalid_request');
    });

    it('refuses a JSON body with invalid_request (section 2.1: form-encoded)', async () => {
      const res = await t
        .http()
        .post('/oauth/introspect')
        .auth(client.clientId, client.clientSecret!)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ token: 'A'.repeat(43) }));
      expectTokenError(res, 'invalid_request');
    });

    it('answers unreadable bodies as section 5.2 JSON: malformed JSON, too large', async () => {
      const malformed = await t
        .http()
        .post('/oauth/introspect')
        .set('content-type', 'application/json')
        .send('{"token":');
      expectTokenError(malformed, 'invalid_request');
      const tooLarge = await bareRequest().send(`token=${'a'.repeat(70_000)}`);
      expectTokenError(tooLarge, 'invalid_request', 413);
    });
  });
});
