import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { Response } from 'supertest';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import { obtainTokens, tokenRequest } from './support/oauth-flow.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const SCOPE = 'profile notes:read notes:write';

describe('refresh_token grant (RFC 6749 section 6, RFC 9700 section 4.14.2)', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: { id: string; username: string; password: string };

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string, extra: Record<string, string> = {}, by = client) =>
    tokenRequest(t, by, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });

  const profile = (accessToken: string) => t.http().get('/api/profile').auth(accessToken, { type: 'bearer' });
  const notes = (accessToken: string) => t.http().get('/api/notes').auth(accessToken, { type: 'bearer' });

  function expectTokenResponse(res: Response, scope = SCOPE): void {
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: expect.any(String),
      scope,
    });
  }

  describe('rotation', () => {
    it('returns a new refresh token and a working access token on each use', async () => {
      const tokens = await obtainTokens(t, client, user);
      const res = await refresh(tokens.refresh_token);
      expectTokenResponse(res);
      expect(res.body.refresh_token).not.toBe(tokens.refresh_token);
      expect(res.body.access_token).not.toBe(tokens.access_token);
      expect((await profile(res.body.access_token)).status).toBe(200);
    });

    it('keeps working across several rotations, each refresh token new', async () => {
      const tokens = await obtainTokens(t, client, user);
      const seen = new Set([tokens.refresh_token]);
      let current = tokens.refresh_token;
      for (let i = 0; i < 5; i++) {
        const res = await refresh(current);
        expectTokenResponse(res);
        expect(seen.has(res.body.refresh_token)).toBe(false);
        seen.add(res.body.refresh_token);
        current = res.body.refresh_token;
        expect((await profile(res.body.access_token)).status).toBe(200);
      }
    });

    it('answers an old refresh token with invalid_grant and revokes the whole family', async () => {
      const tokens = await obtainTokens(t, client, user);
      const second = (await refresh(tokens.refresh_token)).body;
      const third = (await refresh(second.refresh_token)).body;
      expect((await profile(third.access_token)).status).toBe(200);

      // RFC 9700 section 4.14.2: reuse of an invalidated refresh token revokes the active one too.
      expectTokenError(await refresh(tokens.refresh_token), 'invalid_grant');
      expectTokenError(await refresh(third.refresh_token), 'invalid_grant');
      expectBearerError(await profile(third.access_token), 401, 'invalid_token');
      expectBearerError(await profile(second.access_token), 401, 'invalid_token');
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it('works for a public client, which sends only its client_id', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const tokens = await obtainTokens(t, publicClient, user);
      expectTokenResponse(await refresh(tokens.refresh_token, {}, publicClient));
    });
  });

  describe('invalid requests', () => {
    it('refuses a request without refresh_token with invalid_request', async () => {
      expectTokenError(await tokenRequest(t, client, { grant_type: 'refresh_token' }), 'invalid_request');
    });

    it('refuses an unknown refresh token with invalid_grant', async () => {
      expectTokenError(await refresh('A'.repeat(43)), 'invalid_grant');
    });

    it('never accepts an access token as a refresh token (RFC 9700 section 4.14: different token types)', async () => {
      const tokens = await obtainTokens(t, client, user);
      // A JWT is longer than any refresh token this server issues: refused as malformed, before any look-up.
      expectTokenError(await refresh(tokens.access_token), 'invalid_request');
      // ...and the refusal costs the real refresh token nothing.
      expect((await refresh(tokens.refresh_token)).status).toBe(200);
    });

    it("refuses another client's refresh token with invalid_grant, leaving it usable by its owner", async () => {
      const other = await t.registerClient();
      const tokens = await obtainTokens(t, client, user);
      // Section 6: the refresh token MUST be bound to the client it was issued to.
      expectTokenError(await refresh(tokens.refresh_token, {}, other), 'invalid_grant');
      expectTokenResponse(await refresh(tokens.refresh_token));
    });
  });

  describe('scope (section 6: never wider than originally granted)', () => {
    it('narrows the access token to a requested subset, and a later refresh gets the full scope back', async () => {
      const tokens = await obtainTokens(t, client, user);
      const narrowed = await refresh(tokens.refresh_token, { scope: 'profile' });
      expectTokenResponse(narrowed, 'profile');
      expect((jwt.decode(narrowed.body.access_token) as JwtPayload).scope).toBe('profile');
      expectBearerError(await notes(narrowed.body.access_token), 403, 'insufficient_scope');

      const full = await refresh(narrowed.body.refresh_token);
      expectTokenResponse(full, SCOPE);
      expect((await notes(full.body.access_token)).status).toBe(200);
    });

    it('can ask for the full original scope explicitly after narrowing', async () => {
      const tokens = await obtainTokens(t, client, user);
      const narrowed = await refresh(tokens.refresh_token, { scope: 'notes:read' });
      expectTokenResponse(narrowed, 'notes:read');
      expectTokenResponse(await refresh(narrowed.body.refresh_token, { scope: SCOPE }), SCOPE);
    });

    it('treats an old refresh token as reuse even when the request also asks for a wider scope', async () => {
      const tokens = await obtainTokens(t, client, user, 'profile notes:read');
      const next = (await refresh(tokens.refresh_token)).body;
      expectTokenError(await refresh(tokens.refresh_token, { scope: SCOPE }), 'invalid_grant');
      expectTokenError(await refresh(next.refresh_token), 'invalid_grant');
    });

    it('refuses a wider scope with invalid_scope without consuming the refresh token', async () => {
      const tokens = await obtainTokens(t, client, user, 'profile notes:read');
      expectTokenError(
        await refresh(tokens.refresh_token, { scope: 'profile notes:read notes:write' }),
        'invalid_scope',
      );
      expectTokenError(await refresh(tokens.refresh_token, { scope: 'admin' }), 'invalid_scope');
      expectTokenResponse(await refresh(tokens.refresh_token), 'profile notes:read');
    });
  });

  describe('lifetimes', () => {
    it('refuses every token of a family past its absolute lifetime', async () => {
      const own = await t.registerClient();
      const tokens = await obtainTokens(t, own, user);
      await t.sql('UPDATE token_families SET expires_at = ? WHERE client_id = ?', [Date.now() - 1000, own.clientId]);
      expectTokenError(await refresh(tokens.refresh_token, {}, own), 'invalid_grant');
      expectBearerError(await profile(tokens.access_token), 401, 'invalid_token');
    });

    it("gives the rotated token's successor the family's end when that comes before its own lifetime", async () => {
      const own = await t.registerClient();
      const tokens = await obtainTokens(t, own, user);
      const familyEnd = Date.now() + 60_000;
      await t.sql('UPDATE token_families SET expires_at = ? WHERE client_id = ?', [familyEnd, own.clientId]);
      const res = await refresh(tokens.refresh_token, {}, own);
      expect(res.status).toBe(200);
      // The access token does not outlive the family either.
      expect(res.body.expires_in).toBeLessThanOrEqual(60);
      const rows = await t.sql(
        'SELECT expires_at, rotated_at FROM refresh_tokens WHERE client_id = ? ORDER BY created_at',
        [own.clientId],
      );
      expect(rows.map((row) => Number(row.expires_at))).toEqual([expect.any(Number), familyEnd]);
      expect(rows.map((row) => row.rotated_at !== null)).toEqual([true, false]);
      expect((await refresh(res.body.refresh_token, {}, own)).status).toBe(200);
    });

    it('refuses a refresh token past its own expiry with invalid_grant', async () => {
      const own = await t.registerClient();
      const tokens = await obtainTokens(t, own, user);
      await t.sql('UPDATE refresh_tokens SET expires_at = ? WHERE client_id = ?', [Date.now() - 1000, own.clientId]);
      expectTokenError(await refresh(tokens.refresh_token, {}, own), 'invalid_grant');
    });
  });
});
