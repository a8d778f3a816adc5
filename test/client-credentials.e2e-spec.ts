import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { SigningKeyService } from '../src/keys/signing-key.service.js';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import { obtainClientToken, obtainTokens, tokenRequest } from './support/oauth-flow.js';
import { ISSUER, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

describe('grant_type=client_credentials (RFC 6749 section 4.4)', () => {
  let t: TestApp;
  /** A service registered for client_credentials alone: no redirect URI, openid among its scopes. */
  let service: RegisteredClient;

  beforeAll(async () => {
    t = await startTestApp();
    service = await t.registerClient({
      grantTypes: ['client_credentials'],
      redirectUris: [],
      scopes: ['openid', 'notes:read', 'notes:write'],
    });
  });
  afterAll(() => t.close());

  const clientCredentials = (form: Record<string, string> = {}, by = service) =>
    tokenRequest(t, by, { grant_type: 'client_credentials', ...form });
  const get = (path: string, accessToken: string) => t.http().get(path).auth(accessToken, { type: 'bearer' });

  describe('the token response (section 4.4.3)', () => {
    it('has access_token, token_type, expires_in and scope, no refresh token, and is never cached', async () => {
      const res = await clientCredentials({ scope: 'notes:read' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['pragma']).toBe('no-cache');
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
        scope: 'notes:read',
      });
    });

    it('accepts client_secret_post as well as HTTP Basic', async () => {
      const res = await t.http().post('/oauth/token').type('form').send({
        grant_type: 'client_credentials',
        client_id: service.clientId,
        client_secret: service.clientSecret!,
      });
      expect(res.status).toBe(200);
    });

    it('issues an at+jwt whose sub is the client_id, with no family (RFC 9068 section 2.2)', async () => {
      const accessToken = await obtainClientToken(t, service, 'notes:read');
      const key = t.app.get(SigningKeyService).current('RS256');
      expect(jwt.decode(accessToken, { complete: true })!.header).toEqual({
        typ: 'at+jwt',
        alg: 'RS256',
        kid: key.kid,
      });
      const claims = jwt.verify(accessToken, key.publicKey, { algorithms: ['RS256'] }) as JwtPayload;
      expect(claims).toEqual({
        iss: ISSUER,
        sub: service.clientId,
        aud: `${ISSUER}/api`,
        client_id: service.clientId,
        scope: 'notes:read',
        iat: expect.any(Number),
        exp: expect.any(Number),
        jti: expect.any(String),
      });
    });
  });

  describe('scope (section 3.3)', () => {
    it('defaults to the registered scopes except openid', async () => {
      expect((await clientCredentials()).body.scope).toBe('notes:read notes:write');
    });

    it('grants a subset of the registered scopes', async () => {
      expect((await clientCredentials({ scope: 'notes:write' })).body.scope).toBe('notes:write');
    });

    it.each([
      ['a scope not registered for the client', 'notes:read profile'],
      ['a scope unknown to the server', 'admin'],
      ['openid, which needs a user', 'openid'],
    ])('refuses %s with invalid_scope', async (_, scope) => {
      expectTokenError(await clientCredentials({ scope }), 'invalid_scope');
    });
  });

  describe('which clients may use it', () => {
    it('refuses a confidential client not registered for it with unauthorized_client', async () => {
      const codeFlowClient = await t.registerClient();
      expectTokenError(await clientCredentials({}, codeFlowClient), 'unauthorized_client');
    });

    it('refuses a public client with unauthorized_client; the registry would not even register one for it', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      expectTokenError(await clientCredentials({}, publicClient), 'unauthorized_client');
      await expect(t.registerClient({ type: 'public', grantTypes: ['client_credentials'] })).rejects.toThrow(
        'a public client cannot use the client_credentials grant',
      );
    });

    it('refuses a wrong secret with 401 invalid_client', async () => {
      const res = await t
        .http()
        .post('/oauth/token')
        .type('form')
        .auth(service.clientId, 'wrong-secret')
        .send({ grant_type: 'client_credentials' });
      expectTokenError(res, 'invalid_client');
    });
  });

  describe('at the API: client tokens only where a route allows them', () => {
    it('GET /api/stats answers the number of notes of all users, to a client token', async () => {
      const before = (await get('/api/stats', await obtainClientToken(t, service, 'notes:read'))).body.notes as number;
      const client = await t.registerClient();
      for (const text of ['one', 'two']) {
        const { access_token } = await obtainTokens(t, client, await t.registerUser(), 'notes:write');
        const res = await t
          .http()
          .post('/api/notes')
          .auth(access_token, { type: 'bearer' })
          .set('content-type', 'application/json')
          .send(JSON.stringify({ text }));
        expect(res.status).toBe(201);
      }
      const res = await get('/api/stats', await obtainClientToken(t, service, 'notes:read'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ notes: before + 2 });
    });

    it('GET /api/stats serves user tokens too', async () => {
      const { access_token } = await obtainTokens(t, await t.registerClient(), await t.registerUser(), 'notes:read');
      const res = await get('/api/stats', access_token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ notes: expect.any(Number) });
    });

    it('GET /api/stats still requires notes:read (403 insufficient_scope)', async () => {
      const res = await get('/api/stats', await obtainClientToken(t, service, 'notes:write'));
      expectBearerError(res, 403, 'insufficient_scope');
      expect(res.headers['www-authenticate']).toContain('scope="notes:read"');
    });

    it('refuses a token without a family whose sub is not its client_id: no user token can pass for a client one', async () => {
      const key = t.app.get(SigningKeyService).current('RS256');
      const now = Math.floor(Date.now() / 1000);
      const sign = (sub: string) =>
        jwt.sign(
          {
            iss: ISSUER,
            sub,
            aud: `${ISSUER}/api`,
            client_id: service.clientId,
            scope: 'notes:read',
            iat: now,
            exp: now + 300,
            jti: randomUUID(),
          },
          key.privateKey,
          { algorithm: 'RS256', keyid: key.kid, header: { alg: 'RS256', typ: 'at+jwt' } },
        );
      expect((await get('/api/stats', sign(service.clientId))).status).toBe(200);
      expectBearerError(await get('/api/stats', sign((await t.registerUser()).id)), 401, 'invalid_token');
    });

    it.each([
      ['GET', '/api/profile'],
      ['GET', '/api/notes'],
      ['POST', '/api/notes'],
    ])(
      '%s %s, a route for users, refuses a client token with 401 invalid_token, cached or not',
      async (method, path) => {
        const accessToken = await obtainClientToken(t, service);
        // The first call verifies the token and remembers it; the second is answered from the cache.
        for (const attempt of ['first use', 'cached']) {
          const request = method === 'GET' ? t.http().get(path) : t.http().post(path).send({ text: 'from a client' });
          const res = await request.auth(accessToken, { type: 'bearer' });
          expectBearerError(res, 401, 'invalid_token');
          expect({ attempt, description: res.body.error_description }).toEqual({
            attempt,
            description: 'This resource needs a token issued for a user, not one a client obtained for itself',
          });
        }
      },
    );
  });
});
