import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { createHash, createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import type request from 'supertest';
import type { Response } from 'supertest';
import { LoginSessionRepository } from '../src/accounts/login-session.repository.js';
import { SigningKeyService } from '../src/keys/signing-key.service.js';
import { expectBearerError, expectRedirectError } from './support/expectations.js';
import {
  authorizePath,
  decide,
  obtainTokens,
  openInteraction,
  redirectParams,
  revocationRequest,
  startAuthorization,
  submitLogin,
  tokenRequest,
  type InteractionStep,
} from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { ISSUER, REDIRECT_URI, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;
type User = { id: string; username: string; password: string };
type Params = Record<string, string | undefined>;
type PublishedKey = JsonWebKey & { kid: string };

interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
  id_token?: string;
}

interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  auth_time: number;
  nonce?: string;
  at_hash: string;
  [claim: string]: unknown;
}

interface AuthorizationRequest {
  params: Params;
  state: string;
  verifier: string;
}

const CODE = /^[A-Za-z0-9_-]{43}$/;
const PASSWORD_FIELD = 'name="password"';
/** The claims of every ID token here, with `nonce` when one was sent (OpenID Connect Core section 2). */
const BASE_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'at_hash'];
const PROFILE_CLAIMS = ['name', 'preferred_username'];
const EMAIL_CLAIMS = ['email', 'email_verified'];

/** OpenID Connect Core section 3.1.3.6: base64url of the left half of SHA-256 (the hash of RS256). */
const atHash = (accessToken: string) =>
  createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');

const seconds = (epochMs: number) => Math.floor(epochMs / 1000);

/** The scope names a consent page asks for, and its "Already allowed" line (whitespace collapsed), if any. */
function consentScopes(html: string): { asked: string[]; alreadyAllowed: string | null } {
  const list = /<ul class="scopes">([\s\S]*?)<\/ul>/.exec(html)?.[1];
  expect(list).toBeDefined();
  const already = /Already allowed:([\s\S]*?)<\/p>/.exec(html)?.[1];
  return {
    asked: [...list!.matchAll(/<code>([^<]*)<\/code>/g)].map((match) => match[1]!),
    alreadyAllowed: already === undefined ? null : already.replace(/\s+/g, ' ').trim(),
  };
}

describe('OpenID Connect (OpenID Connect Core 1.0)', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let jwks: PublishedKey[];

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    jwks = (await t.http().get('/oauth/jwks')).body.keys;
  });
  afterAll(() => t.close());

  /** A code request with PKCE and a fresh state; `extra` adds or overrides parameters. */
  function authorizationRequest(extra: Params = {}, by = client): AuthorizationRequest {
    const { verifier, challenge } = pkcePair();
    const params: Params = {
      response_type: 'code',
      client_id: by.clientId,
      redirect_uri: by.redirectUri,
      scope: 'openid',
      state: `st-${randomUUID()}`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    };
    return { params, state: params.state!, verifier };
  }

  async function redeem(request: AuthorizationRequest, code: string, by = client): Promise<Tokens> {
    const res = await tokenRequest(t, by, {
      grant_type: 'authorization_code',
      code,
      code_verifier: request.verifier,
      redirect_uri: by.redirectUri,
    });
    expect(res.status).toBe(200);
    return res.body as Tokens;
  }

  async function refresh(refreshToken: string, extra: Record<string, string> = {}): Promise<Tokens> {
    const res = await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });
    expect(res.status).toBe(200);
    return res.body as Tokens;
  }

  /** A redirect to the client's redirect_uri with a code (no page on the way); returns the code. */
  function expectCodeRedirect(res: Response, request: AuthorizationRequest, status = 302): string {
    expect(res.status).toBe(status);
    const { url, params } = redirectParams(res.headers.location as string);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
    expect(params).toEqual({ code: expect.stringMatching(CODE), state: request.state, iss: ISSUER });
    return params.code!;
  }

  /** The first login of `browser`: login page, then consent (approved) unless everything was granted before. */
  async function logInAndApprove(browser: Agent, user: User, extra: Params = {}): Promise<Tokens> {
    const request = authorizationRequest(extra);
    const login = await startAuthorization(browser, request.params);
    expect(login.html).toContain(PASSWORD_FIELD);
    const res = await submitLogin(browser, login, user.username, user.password);
    const location = res.headers.location as string;
    const { params } = location.startsWith('/')
      ? await decide(browser, await openInteraction(browser, location), 'approve')
      : redirectParams(location);
    return redeem(request, params.code!);
  }

  /** An authorization answered at once from the login session and remembered grant. */
  async function authorizeSilently(browser: Agent, extra: Params = {}): Promise<Tokens> {
    const request = authorizationRequest(extra);
    return redeem(request, expectCodeRedirect(await browser.get(authorizePath(request.params)), request));
  }

  /** Verifies the signature with the published JWK named by `kid`, and iss, aud and exp (section 3.1.3.7). */
  function verifyIdToken(idToken: string | undefined): IdTokenClaims {
    expect(idToken).toEqual(expect.any(String));
    const { header } = jwt.decode(idToken!, { complete: true })!;
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    const jwk = jwks.find((key) => key.kid === header.kid);
    expect(jwk).toBeDefined();
    return jwt.verify(idToken!, createPublicKey({ key: jwk!, format: 'jwk' }), {
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: client.clientId,
    }) as IdTokenClaims;
  }

  /** When the user's newest login session says they entered their password (epoch ms). */
  async function loginTime(userId: string): Promise<number> {
    const rows = await t.sql<{ auth_time: number | string }>(
      'SELECT auth_time FROM login_sessions WHERE user_id = ? ORDER BY auth_time DESC LIMIT 1',
      [userId],
    );
    expect(rows).toHaveLength(1);
    return Number(rows[0]!.auth_time);
  }

  /** Moves the user's logins `bySeconds` into the past, instead of waiting. */
  async function ageLogins(userId: string, bySeconds: number): Promise<void> {
    await t.sql('UPDATE login_sessions SET auth_time = auth_time - ? WHERE user_id = ?', [bySeconds * 1000, userId]);
  }

  async function pendingCount(): Promise<number> {
    const rows = await t.sql<{ n: number | string }>('SELECT COUNT(*) AS n FROM pending_authorizations');
    return Number(rows[0]!.n);
  }

  /** A new user logged in to a new browser, having granted `scope` to the client. */
  async function loggedIn(scope = 'openid'): Promise<{ user: User; browser: Agent; tokens: Tokens }> {
    const user = await t.registerUser();
    const browser = t.browser();
    return { user, browser, tokens: await logInAndApprove(browser, user, { scope }) };
  }

  describe('the ID token (sections 2, 3.1.3.3, 3.1.3.6)', () => {
    // Section 3.1.3.3: the token response to a request with scope openid carries an ID token;
    // section 3.1.3.7: it is signed with RS256 by a key the client finds in the JWK Set by kid.
    it('scope openid -> the token response has an id_token, RS256-signed by a key published at /oauth/jwks', async () => {
      const { tokens } = await loggedIn('openid');
      expect(tokens.scope).toBe('openid');
      verifyIdToken(tokens.id_token);
    });

    // Section 2: iss, sub, aud (the client_id), exp, iat REQUIRED; auth_time is when the user logged in;
    // nonce MUST be the authorization request's value.
    it('carries iss, sub = user id, aud = client_id, exp = iat + 3600, auth_time = the login, and the nonce', async () => {
      const user = await t.registerUser();
      const before = seconds(Date.now());
      const tokens = await logInAndApprove(t.browser(), user, { nonce: 'n-0S6_WzA2Mj' });
      const claims = verifyIdToken(tokens.id_token);

      expect(Object.keys(claims).sort()).toEqual([...BASE_CLAIMS, 'nonce'].sort());
      expect(claims).toMatchObject({ iss: ISSUER, sub: user.id, aud: client.clientId, nonce: 'n-0S6_WzA2Mj' });
      expect(claims.exp - claims.iat).toBe(3600);
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect(claims.iat).toBeLessThanOrEqual(seconds(Date.now()));
      expect(claims.auth_time).toBe(seconds(await loginTime(user.id)));
    });

    // Section 2: auth_time is the time the authentication occurred: one instant per login, so the
    // code issued by the login itself (no consent needed) and a later silent request in the same
    // session report the same auth_time.
    it("auth_time is the login session's instant, even when storing the session takes a second", async () => {
      const { user } = await loggedIn('openid');
      const sessions = t.app.get(LoginSessionRepository);
      const insert = sessions.insert.bind(sessions);
      const slowInsert = jest.spyOn(sessions, 'insert').mockImplementation(async (session) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return insert(session);
      });
      const browser = t.browser();
      const tokens = await logInAndApprove(browser, user).finally(() => slowInsert.mockRestore());

      const atLogin = verifyIdToken(tokens.id_token).auth_time;
      expect(atLogin).toBe(seconds(await loginTime(user.id)));
      expect(verifyIdToken((await authorizeSilently(browser)).id_token).auth_time).toBe(atLogin);
    });

    // Section 2: nonce is echoed only when the request had one.
    it('has no nonce claim when the authorization request sent none', async () => {
      const claims = verifyIdToken((await loggedIn('openid')).tokens.id_token);
      expect(claims).not.toHaveProperty('nonce');
      expect(Object.keys(claims).sort()).toEqual([...BASE_CLAIMS].sort());
    });

    // Section 3.1.3.6: at_hash is base64url of the left half of SHA-256 of the access token issued beside it.
    it('at_hash = base64url(left half of SHA-256(access_token))', async () => {
      const { tokens } = await loggedIn('openid');
      expect(verifyIdToken(tokens.id_token).at_hash).toBe(atHash(tokens.access_token));
    });

    // Section 5.4: profile releases name and preferred_username, email releases email and email_verified;
    // without those scopes none of them is in the ID token.
    it.each([
      ['openid', []],
      ['openid profile', PROFILE_CLAIMS],
      ['openid email', EMAIL_CLAIMS],
      ['openid profile email notes:read', [...PROFILE_CLAIMS, ...EMAIL_CLAIMS]],
    ])('scope %s -> exactly the standard claims plus %j', async (scope, scoped) => {
      const { user, tokens } = await loggedIn(scope);
      const claims = verifyIdToken(tokens.id_token);
      expect(Object.keys(claims).sort()).toEqual([...BASE_CLAIMS, ...scoped].sort());
      const values: Record<string, unknown> = {
        name: `Name of ${user.username}`,
        preferred_username: user.username,
        email: `${user.username}@example.com`,
        email_verified: false,
      };
      for (const claim of scoped) expect(claims[claim]).toEqual(values[claim]);
    });

    // Section 3.1.2.1: without openid the request is plain OAuth 2.0, so there is no ID token.
    it('no openid scope -> no id_token in the token response', async () => {
      const { tokens } = await loggedIn('profile email');
      expect(tokens.scope).toBe('profile email');
      expect(tokens).not.toHaveProperty('id_token');
    });
  });

  describe('refreshing (section 12.2)', () => {
    // Section 12.2: sub and aud MUST be the same as originally; iat is the new issue time; auth_time
    // MUST be the original authentication's, not the refresh's. The nonce is left out: a refresh is
    // not an authentication request (errata, issue 1025). at_hash follows the new access token (3.1.3.6).
    it('a refreshed id_token keeps sub, aud and the original auth_time, has no nonce, and hashes the new access token', async () => {
      const { user, browser } = await loggedIn('openid profile');
      await ageLogins(user.id, 5);
      const loggedInAt = seconds(await loginTime(user.id));
      const original = await authorizeSilently(browser, { scope: 'openid profile', nonce: 'n-refresh' });
      const first = verifyIdToken(original.id_token);
      expect(first).toMatchObject({ auth_time: loggedInAt, nonce: 'n-refresh' });

      const refreshed = await refresh(original.refresh_token);
      const claims = verifyIdToken(refreshed.id_token);

      expect(claims).toMatchObject({ iss: ISSUER, sub: user.id, aud: client.clientId, auth_time: loggedInAt });
      expect(claims.iat - claims.auth_time).toBeGreaterThanOrEqual(5);
      expect(claims.iat).toBeGreaterThanOrEqual(first.iat);
      expect(claims).not.toHaveProperty('nonce');
      expect(refreshed.access_token).not.toBe(original.access_token);
      expect(claims.at_hash).toBe(atHash(refreshed.access_token));
      expect(claims.at_hash).not.toBe(first.at_hash);
      expect(claims.preferred_username).toBe(user.username);
    });

    // Section 3.1.3.3: an ID token only for a token carrying openid; a refresh narrowed without it gets none.
    it('a refresh narrowed to scopes without openid -> no id_token', async () => {
      const { tokens } = await loggedIn('openid profile');
      const refreshed = await refresh(tokens.refresh_token, { scope: 'profile' });
      expect(refreshed.scope).toBe('profile');
      expect(refreshed).not.toHaveProperty('id_token');
    });
  });

  describe('UserInfo (section 5.3)', () => {
    const userinfo = (method: 'get' | 'post', accessToken?: string) => {
      const req = t.http()[method]('/oauth/userinfo');
      return accessToken ? req.auth(accessToken, { type: 'bearer' }) : req;
    };

    // Section 5.3.1: the endpoint MUST support GET and POST; 5.3.2: sub MUST match the ID token's;
    // 5.4: the claims are the ones the scopes release. RFC 6749 section 5.1: no-store.
    it.each(['get', 'post'] as const)(
      '%s with a Bearer token -> 200 JSON: sub plus the profile and email claims, not cached',
      async (method) => {
        const { user, tokens } = await loggedIn('openid profile email');
        const res = await userinfo(method, tokens.access_token);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['pragma']).toBe('no-cache');
        expect(res.body).toEqual({
          sub: user.id,
          name: `Name of ${user.username}`,
          preferred_username: user.username,
          email: `${user.username}@example.com`,
          email_verified: false,
        });
        expect(res.body.sub).toBe(verifyIdToken(tokens.id_token).sub);
      },
    );

    // Section 5.4: a claim is returned only when its scope was granted.
    it.each([
      ['openid', []],
      ['openid profile', PROFILE_CLAIMS],
      ['openid email', EMAIL_CLAIMS],
    ])('scope %s -> sub plus exactly %j', async (scope, scoped) => {
      const { user, tokens } = await loggedIn(scope);
      const res = await userinfo('get', tokens.access_token);
      expect(res.status).toBe(200);
      expect(res.body.sub).toBe(user.id);
      expect(Object.keys(res.body).sort()).toEqual(['sub', ...scoped].sort());
    });

    // Section 5.3.3 and RFC 6750 section 3.1: a token without openid is insufficient_scope, naming the scope.
    it('a token without openid -> 403 insufficient_scope with scope="openid"', async () => {
      const { tokens } = await loggedIn('profile email');
      for (const method of ['get', 'post'] as const) {
        const res = await userinfo(method, tokens.access_token);
        expectBearerError(res, 403, 'insufficient_scope');
        expect(res.headers['www-authenticate']).toContain('scope="openid"');
      }
    });

    // RFC 6750 section 3.1: no credentials -> a challenge without an error code.
    it('no token -> 401 with a Bearer challenge and no error', async () => {
      for (const method of ['get', 'post'] as const) {
        const res = await userinfo(method);
        expectBearerError(res, 401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      }
    });

    // Section 5.3.3 and RFC 6750 section 3.1: a revoked or malformed token is invalid_token.
    it('a revoked token or a garbage one -> 401 invalid_token', async () => {
      const { tokens } = await loggedIn('openid profile');
      expect((await userinfo('get', tokens.access_token)).status).toBe(200);
      expect((await revocationRequest(t, client, { token: tokens.access_token })).status).toBe(200);
      expectBearerError(await userinfo('get', tokens.access_token), 401, 'invalid_token');
      expectBearerError(await userinfo('post', tokens.access_token), 401, 'invalid_token');
      expectBearerError(await userinfo('get', 'not-a-token'), 401, 'invalid_token');
    });
  });

  describe('prompt (section 3.1.2.1)', () => {
    // Section 3.1.2.1: prompt=none MUST NOT show any page; not logged in -> login_required (3.1.2.6).
    it('prompt=none without a login session -> 302 error=login_required with state and iss; no page', async () => {
      const request = authorizationRequest({ prompt: 'none' });
      const before = await pendingCount();
      expectRedirectError(
        await t.browser().get(authorizePath(request.params)),
        REDIRECT_URI,
        'login_required',
        request.state,
      );
      expect(await pendingCount()).toBe(before);
    });

    // Section 3.1.2.6: logged in, but consent would be needed -> consent_required, no page.
    it('prompt=none, logged in but the scopes not granted -> 302 error=consent_required', async () => {
      const { browser } = await loggedIn('openid');
      const request = authorizationRequest({ prompt: 'none', scope: 'openid email' });
      const before = await pendingCount();
      expectRedirectError(
        await browser.get(authorizePath(request.params)),
        REDIRECT_URI,
        'consent_required',
        request.state,
      );
      expect(await pendingCount()).toBe(before);
    });

    // Section 3.1.2.1: prompt=none answers silently when nothing needs asking.
    it('prompt=none, logged in and granted -> 302 straight to the redirect_uri with a code', async () => {
      const { user, browser } = await loggedIn('openid profile');
      const before = await pendingCount();
      const tokens = await authorizeSilently(browser, { prompt: 'none', scope: 'openid profile' });
      expect(await pendingCount()).toBe(before);
      expect(verifyIdToken(tokens.id_token)).toMatchObject({
        sub: user.id,
        auth_time: seconds(await loginTime(user.id)),
      });
    });

    // Section 3.1.2.1: none with any other value is an error.
    it.each(['none login', 'none consent', 'login none'])('prompt=%s -> 302 error=invalid_request', async (prompt) => {
      const { browser } = await loggedIn('openid');
      const request = authorizationRequest({ prompt });
      expectRedirectError(
        await browser.get(authorizePath(request.params)),
        REDIRECT_URI,
        'invalid_request',
        request.state,
      );
    });

    // Section 3.1.2.1: prompt takes none, login, consent, select_account; select_account is not offered.
    it.each(['select_account', 'bogus', 'login bogus'])('prompt=%s -> 302 error=invalid_request', async (prompt) => {
      const request = authorizationRequest({ prompt });
      expectRedirectError(
        await t.browser().get(authorizePath(request.params)),
        REDIRECT_URI,
        'invalid_request',
        request.state,
      );
    });

    // Section 3.1.2.1: prompt=login SHOULD prompt for reauthentication; the new auth_time is the new login.
    it('prompt=login when logged in -> the login page again; after it, a later auth_time', async () => {
      const { user, browser } = await loggedIn('openid');
      await ageLogins(user.id, 5);
      const first = verifyIdToken((await authorizeSilently(browser)).id_token);

      const request = authorizationRequest({ prompt: 'login' });
      const login = await startAuthorization(browser, request.params);
      expect(login.html).toContain(PASSWORD_FIELD);
      expect(login.html).toContain(`value="${user.username}"`);
      // The old login cannot answer instead: approving without logging in again leads back to the page.
      const skip = await browser
        .post('/oauth/consent')
        .type('form')
        .send({ interaction: login.interaction, _csrf: login.csrf, decision: 'approve' });
      expect({ status: skip.status, location: skip.headers.location }).toEqual({ status: 303, location: login.path });

      const res = await submitLogin(browser, login, user.username, user.password);
      const second = verifyIdToken((await redeem(request, expectCodeRedirect(res, request, 303))).id_token);

      expect(second.auth_time).toBeGreaterThan(first.auth_time);
      expect(second.auth_time).toBe(seconds(await loginTime(user.id)));
    });

    // Section 3.1.2.1: prompt=consent MUST prompt for consent even when it was given before.
    it('prompt=consent when already granted -> the consent page lists every requested scope again', async () => {
      const { browser } = await loggedIn('openid profile');
      const request = authorizationRequest({ prompt: 'consent', scope: 'openid profile' });
      const consent = await openInteraction(
        browser,
        (await browser.get(authorizePath(request.params))).headers.location,
      );
      expect(consent.html).not.toContain(PASSWORD_FIELD);
      expect(consentScopes(consent.html)).toEqual({ asked: ['openid', 'profile'], alreadyAllowed: null });
      const { params } = await decide(browser, consent, 'approve');
      expect(verifyIdToken((await redeem(request, params.code!)).id_token).name).toEqual(expect.any(String));
    });
  });

  describe('max_age (section 3.1.2.1)', () => {
    /** The interaction page a request leads to in `browser`. */
    async function pageFor(browser: Agent, request: AuthorizationRequest): Promise<InteractionStep> {
      const res = await browser.get(authorizePath(request.params));
      expect(res.status).toBe(302);
      return openInteraction(browser, res.headers.location as string);
    }

    // Section 3.1.2.1: a login older than max_age MUST be refreshed by a new login;
    // section 2: auth_time is then REQUIRED.
    it.each([
      ['0', 2],
      ['60', 120],
    ])('max_age=%s with a login %i s old -> the login page; after it, a fresh auth_time', async (maxAge, age) => {
      const { user, browser } = await loggedIn('openid');
      await ageLogins(user.id, age);
      const request = authorizationRequest({ max_age: maxAge });
      const login = await pageFor(browser, request);
      expect(login.html).toContain(PASSWORD_FIELD);

      const asked = seconds(Date.now());
      const res = await submitLogin(browser, login, user.username, user.password);
      const claims = verifyIdToken((await redeem(request, expectCodeRedirect(res, request, 303))).id_token);
      expect(claims.auth_time).toBeGreaterThanOrEqual(asked);
      expect(claims.auth_time).toBe(seconds(await loginTime(user.id)));
    });

    // Section 3.1.2.1: a login within max_age needs no new one.
    it('max_age=3600 with a fresh login -> 302 straight to the redirect_uri with a code', async () => {
      const { user, browser } = await loggedIn('openid');
      const claims = verifyIdToken((await authorizeSilently(browser, { max_age: '3600' })).id_token);
      expect(claims.auth_time).toBe(seconds(await loginTime(user.id)));
    });

    // Section 3.1.2.6: with prompt=none a login that is too old is login_required.
    it('prompt=none with max_age=60 and a login 120 s old -> 302 error=login_required', async () => {
      const { user, browser } = await loggedIn('openid');
      await ageLogins(user.id, 120);
      const request = authorizationRequest({ prompt: 'none', max_age: '60' });
      expectRedirectError(
        await browser.get(authorizePath(request.params)),
        REDIRECT_URI,
        'login_required',
        request.state,
      );
    });

    // Section 3.1.2.1: max_age is a non-negative number of seconds; anything else is invalid_request.
    it.each(['-1', 'ten', '1.5', '1e3', '0x10'])('max_age=%s -> 302 error=invalid_request', async (maxAge) => {
      const request = authorizationRequest({ max_age: maxAge });
      expectRedirectError(
        await t.browser().get(authorizePath(request.params)),
        REDIRECT_URI,
        'invalid_request',
        request.state,
      );
    });
  });

  describe('remembered grants: consent only for scopes not granted before', () => {
    // Not an RFC MUST (RFC 6749 section 4.1 leaves how consent is obtained to the server): a grant is remembered.
    it('the same browser, the same or fewer scopes -> 302 from /oauth/authorize straight to the client', async () => {
      const { browser } = await loggedIn('openid profile email');
      const before = await pendingCount();
      for (const scope of ['openid profile email', 'openid email', 'profile']) {
        expect((await authorizeSilently(browser, { scope })).scope).toBe(scope);
      }
      expect(await pendingCount()).toBe(before);
    });

    // Not an RFC MUST: the grant belongs to the user, not the browser.
    it('a new browser -> login, then 303 straight to the client with a code: no consent page', async () => {
      const { user } = await loggedIn('openid profile');
      const browser = t.browser();
      const request = authorizationRequest({ scope: 'openid profile' });
      const login = await startAuthorization(browser, request.params);
      expect(login.html).toContain(PASSWORD_FIELD);
      const res = await submitLogin(browser, login, user.username, user.password);
      const tokens = await redeem(request, expectCodeRedirect(res, request, 303));
      expect(tokens.scope).toBe('openid profile');
    });

    // Not an RFC MUST: a grant is per client; another client asks for consent.
    it('a grant to one client skips nothing for another client', async () => {
      const { browser } = await loggedIn('openid profile');
      const other = await t.registerClient();
      const request = authorizationRequest({ scope: 'openid profile' }, other);
      const res = await browser.get(authorizePath(request.params));
      expect(res.headers.location).toMatch(/^\/oauth\/interaction\//);
      const consent = await openInteraction(browser, res.headers.location as string);
      expect(consentScopes(consent.html)).toEqual({ asked: ['openid', 'profile'], alreadyAllowed: null });
    });

    // Not an RFC MUST (RFC 6749 section 3.3 lets the server grant less): only new scopes are asked.
    it('more scopes -> a consent page asking only the new ones, the old under "Already allowed"; approving merges', async () => {
      const { browser } = await loggedIn('openid profile');
      const request = authorizationRequest({ scope: 'openid profile email notes:read' });
      const res = await browser.get(authorizePath(request.params));
      expect(res.status).toBe(302);
      const consent = await openInteraction(browser, res.headers.location as string);
      expect(consent.html).not.toContain(PASSWORD_FIELD);
      expect(consentScopes(consent.html)).toEqual({
        asked: ['email', 'notes:read'],
        alreadyAllowed: 'Sign you in with your account; See your name and username.',
      });

      const { params } = await decide(browser, consent, 'approve');
      expect((await redeem(request, params.code!)).scope).toBe('openid profile email notes:read');
      const union = await authorizeSilently(browser, { scope: 'notes:read openid email profile' });
      expect(union.scope).toBe('notes:read openid email profile');
    });

    // RFC 6749 section 4.1.2.1: a denial grants nothing, so the same request asks again.
    it('denying the new scopes keeps the old grant only', async () => {
      const { browser } = await loggedIn('openid');
      const request = authorizationRequest({ scope: 'openid email' });
      const consent = await openInteraction(
        browser,
        (await browser.get(authorizePath(request.params))).headers.location,
      );
      expect((await decide(browser, consent, 'deny')).params.error).toBe('access_denied');
      await authorizeSilently(browser, { scope: 'openid' });
      const again = authorizationRequest({ prompt: 'none', scope: 'openid email' });
      expectRedirectError(
        await browser.get(authorizePath(again.params)),
        REDIRECT_URI,
        'consent_required',
        again.state,
      );
    });
  });
});

// A second app in its own block, booted once the main one is closed.
describe('ID tokens with ID_TOKEN_TTL=120', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ID_TOKEN_TTL: '120' });
  });
  afterAll(() => t.close());

  // OpenID Connect Core section 2: exp comes from ID_TOKEN_TTL, not from the access token's lifetime.
  it('exp = iat + 120, while the access token keeps its own 900 s', async () => {
    const client = await t.registerClient();
    const tokens = (await obtainTokens(t, client, await t.registerUser(), 'openid')) as Tokens & { expires_in: number };
    const claims = jwt.verify(tokens.id_token!, t.app.get(SigningKeyService).current('RS256').publicKey, {
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: client.clientId,
    }) as IdTokenClaims;
    expect(claims.exp - claims.iat).toBe(120);
    expect(tokens.expires_in).toBe(900);
  });
});
