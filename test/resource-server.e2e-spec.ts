import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { Response } from 'supertest';
import { SigningKeyService, type SigningKey } from '../src/keys/signing-key.service.js';
import { expectBearerError } from './support/expectations.js';
import { obtainTokens } from './support/oauth-flow.js';
import { ISSUER, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type User = { id: string; username: string; password: string };

describe('the resource server (RFC 6750, RFC 9068 section 4)', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let alice: User;
  let key: SigningKey;
  /** A live token family of alice's: a user's token belongs to one, else it is a client's own. */
  let aliceFamilyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    alice = await t.registerUser();
    key = t.app.get(SigningKeyService).current('RS256');
    const { access_token } = await obtainTokens(t, client, alice, 'profile');
    aliceFamilyId = (jwt.decode(access_token) as jwt.JwtPayload).family_id;
  });
  afterAll(() => t.close());

  const get = (path: string, accessToken: string) => t.http().get(path).auth(accessToken, { type: 'bearer' });
  const postNote = (accessToken: string, body: unknown) =>
    t
      .http()
      .post('/api/notes')
      .auth(accessToken, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  /** RFC 6750 section 3: the challenge and a JSON body. */
  function expectApiError(res: Response, status: number, error?: string): void {
    expectBearerError(res, status, error);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  }

  /** Claims of a token this server would accept for `alice` with scope `profile`. */
  function validClaims(changes: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: ISSUER,
      sub: alice.id,
      aud: `${ISSUER}/api`,
      client_id: client.clientId,
      scope: 'profile',
      iat: now,
      exp: now + 300,
      jti: randomUUID(),
      family_id: aliceFamilyId,
      ...changes,
    };
  }

  /** Signs like the server does (RS256, at+jwt, its kid) unless `options` say otherwise. */
  function sign(
    claims: Record<string, unknown>,
    options: jwt.SignOptions = {},
    privateKey: KeyObject | string = key.privateKey,
  ): string {
    return jwt.sign(claims, privateKey, {
      algorithm: 'RS256',
      keyid: key.kid,
      ...options,
      header: { alg: options.algorithm ?? 'RS256', typ: 'at+jwt', ...options.header },
    });
  }

  describe('reading the token (RFC 6750 section 2)', () => {
    it('answers a request without credentials with 401 and a challenge without an error code (section 3.1)', async () => {
      const res = await t.http().get('/api/profile');
      expectApiError(res, 401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      expect(res.body.error).toBeUndefined();
    });

    it('treats another authentication scheme as no credentials', async () => {
      const res = await t.http().get('/api/profile').set('Authorization', 'Basic dXNlcjpwYXNz');
      expectApiError(res, 401);
    });

    it.each(['garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30', 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'])(
      'answers the garbage token %s with 401 invalid_token',
      async (token) => {
        expectApiError(await get('/api/profile', token), 401, 'invalid_token');
      },
    );

    it('answers a header that is not b64token syntax with 400 invalid_request (section 3.1)', async () => {
      const res = await t.http().get('/api/profile').set('Authorization', 'Bearer two words');
      expectApiError(res, 400, 'invalid_request');
    });

    it('ignores a token in the query string (RFC 9700 section 4.3.2)', async () => {
      const { access_token } = await obtainTokens(t, client, alice, 'profile');
      expect((await get('/api/profile', access_token)).status).toBe(200);
      expectApiError(await t.http().get(`/api/profile?access_token=${access_token}`), 401);
    });

    it('ignores a token in a form body', async () => {
      const { access_token } = await obtainTokens(t, client, alice, 'notes:write');
      const res = await t.http().post('/api/notes').type('form').send({ access_token, text: 'from a form' });
      expectApiError(res, 401);
    });
  });

  describe('validating the token (RFC 9068 section 4, RFC 8725)', () => {
    it('accepts a token signed the way the server signs (control for the cases below)', async () => {
      expect((await get('/api/profile', sign(validClaims()))).status).toBe(200);
    });

    it('refuses an expired token with invalid_token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const res = await get('/api/profile', sign(validClaims({ iat: now - 600, exp: now - 60 })));
      expectApiError(res, 401, 'invalid_token');
    });

    it('refuses a token for another audience with invalid_token', async () => {
      expectApiError(
        await get('/api/profile', sign(validClaims({ aud: 'https://other.example/api' }))),
        401,
        'invalid_token',
      );
    });

    it('refuses a token from another issuer with invalid_token', async () => {
      expectApiError(
        await get('/api/profile', sign(validClaims({ iss: 'https://evil.example' }))),
        401,
        'invalid_token',
      );
    });

    it('refuses a plain JWT (typ other than at+jwt) with invalid_token (RFC 9068 section 4)', async () => {
      expectApiError(
        await get('/api/profile', sign(validClaims(), { header: { alg: 'RS256', typ: 'JWT' } })),
        401,
        'invalid_token',
      );
    });

    it('refuses an unsecured token (alg none) with invalid_token (RFC 8725 section 3.1)', async () => {
      const token = jwt.sign(validClaims(), null, {
        algorithm: 'none',
        keyid: key.kid,
        header: { alg: 'none', typ: 'at+jwt' },
      });
      expectApiError(await get('/api/profile', token), 401, 'invalid_token');
    });

    it('refuses HS256 keyed with the public key PEM with invalid_token (RFC 8725 section 2.1)', async () => {
      const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const token = sign(validClaims(), { algorithm: 'HS256' }, publicPem);
      expect(jwt.decode(token, { complete: true })!.header.alg).toBe('HS256');
      expectApiError(await get('/api/profile', token), 401, 'invalid_token');
    });

    it('refuses an unknown kid with invalid_token', async () => {
      expectApiError(await get('/api/profile', sign(validClaims(), { keyid: 'unknown-kid' })), 401, 'invalid_token');
    });

    it("refuses a token signed by another key under the server's kid with invalid_token", async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expectApiError(await get('/api/profile', sign(validClaims(), {}, privateKey)), 401, 'invalid_token');
    });

    it('refuses an issued token whose payload was altered with invalid_token', async () => {
      const bob = await t.registerUser();
      const { access_token } = await obtainTokens(t, client, alice, 'profile');
      const [header, payload, signature] = access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const tampered = Buffer.from(JSON.stringify({ ...claims, sub: bob.id })).toString('base64url');
      expectApiError(await get('/api/profile', `${header}.${tampered}.${signature}`), 401, 'invalid_token');
    });

    it('refuses a refresh token presented as a Bearer token with invalid_token', async () => {
      const { refresh_token } = await obtainTokens(t, client, alice, 'profile');
      expectApiError(await get('/api/profile', refresh_token), 401, 'invalid_token');
    });
  });

  describe('scope (RFC 6750 section 3.1)', () => {
    it('answers a token without the route scope with 403 insufficient_scope naming the scope', async () => {
      const { access_token } = await obtainTokens(t, client, alice, 'profile');
      const res = await get('/api/notes', access_token);
      expectApiError(res, 403, 'insufficient_scope');
      expect(res.headers['www-authenticate']).toContain('scope="notes:read"');
    });

    it('requires notes:write to add a note, even with notes:read', async () => {
      const { access_token } = await obtainTokens(t, client, alice, 'notes:read');
      const res = await postNote(access_token, { text: 'hello' });
      expectApiError(res, 403, 'insufficient_scope');
      expect(res.headers['www-authenticate']).toContain('scope="notes:write"');
    });
  });

  describe('GET /api/profile', () => {
    it("returns the token owner's sub, username, name and email", async () => {
      const { access_token } = await obtainTokens(t, client, alice, 'profile');
      const res = await get('/api/profile', access_token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sub: alice.id,
        username: alice.username,
        name: `Name of ${alice.username}`,
        email: `${alice.username}@example.com`,
      });
    });
  });

  describe('/api/notes', () => {
    it('stores notes and lists them to their owner only, never to another user', async () => {
      const bob = await t.registerUser();
      const aliceToken = (await obtainTokens(t, client, alice)).access_token;
      const bobToken = (await obtainTokens(t, client, bob)).access_token;

      const first = await postNote(aliceToken, { text: 'first note' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(String), text: 'first note', created_at: expect.any(String) });
      expect(new Date(first.body.created_at).toISOString()).toBe(first.body.created_at);
      expect((await postNote(aliceToken, { text: 'second note' })).status).toBe(201);
      expect((await postNote(bobToken, { text: "bob's note" })).status).toBe(201);

      const aliceNotes = await get('/api/notes', aliceToken);
      expect(aliceNotes.status).toBe(200);
      expect(aliceNotes.body.notes.map((note: { text: string }) => note.text)).toEqual(['first note', 'second note']);
      expect(aliceNotes.body.notes[0]).toEqual(first.body);
      expect((await get('/api/notes', bobToken)).body.notes.map((note: { text: string }) => note.text)).toEqual([
        "bob's note",
      ]);
    });

    it('accepts a note of exactly 2000 characters', async () => {
      const { access_token } = await obtainTokens(t, client, alice, 'notes:write');
      expect((await postNote(access_token, { text: 'x'.repeat(2000) })).status).toBe(201);
    });

    it.each([
      ['missing text', {}],
      ['empty text', { text: '' }],
      ['text over 2000 characters', { text: 'x'.repeat(2001) }],
      ['a number as text', { text: 42 }],
      ['an array as text', { text: ['a'] }],
    ])('refuses %s with 400 invalid_request and stores nothing', async (_, body) => {
      const user = await t.registerUser();
      const { access_token } = await obtainTokens(t, client, user, 'notes:read notes:write');
      expectApiError(await postNote(access_token, body), 400, 'invalid_request');
      expect((await get('/api/notes', access_token)).body).toEqual({ notes: [] });
    });
  });
});
