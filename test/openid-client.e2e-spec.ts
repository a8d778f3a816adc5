import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { decide, openInteraction, submitLogin } from './support/oauth-flow.js';
import { startLoopbackTestApp, type LoopbackTestApp } from './support/loopback-app.js';
import type { RegisteredClient } from './support/test-app.js';

/**
 * Interoperability: openid-client v6 (panva, OpenID Certified), unmodified, is the relying
 * party. Every check below is the library's own (issuer, state, iss, ID token signature and
 * claims, at_hash, PKCE, UserInfo sub); the test only plays the browser and reads results.
 */

const SCOPE = 'openid profile email';

type User = { id: string; username: string; password: string };

/** What the back channel carried: enough to tell client_secret_basic from client_secret_post. */
interface SentRequest {
  url: string;
  authorization: string | undefined;
  body: URLSearchParams;
}

/** A `customFetch` that records each request (the library's own fetch does the rest). */
function recordingFetch(): { fetch: oidc.CustomFetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetch: oidc.CustomFetch = (url, options) => {
    const body = options.body instanceof URLSearchParams ? options.body : new URLSearchParams();
    sent.push({ url, authorization: options.headers.authorization, body: new URLSearchParams(body) });
    return globalThis.fetch(url, options as RequestInit);
  };
  return { fetch, sent };
}

/** The client's parts of one authorization request: what it keeps until the callback. */
interface PendingLogin {
  verifier: string;
  state: string;
  nonce: string;
}

// ACCESS_TOKEN_ALG changes only the access token; the library must not notice (ID tokens stay RS256).
describe.each(['RS256', 'ES256'])('openid-client v6 as an unmodified relying party, ACCESS_TOKEN_ALG=%s', (alg) => {
  let t: LoopbackTestApp;
  let registered: RegisteredClient;
  let redirectUri: string;
  /** The library's default client authentication: client_secret_post. */
  let config: oidc.Configuration;
  const backChannel = recordingFetch();

  beforeAll(async () => {
    t = await startLoopbackTestApp({ ACCESS_TOKEN_ALG: alg });
    redirectUri = `${t.issuer}/cb`;
    registered = await t.registerClient({
      redirectUris: [redirectUri],
      scopes: ['openid', 'profile', 'email', 'notes:read'],
    });
    config = await discover();
    config[oidc.customFetch] = backChannel.fetch;
  });
  afterAll(() => t.close());

  /** Discovery of this issuer over plain http, which the library allows only when told (loopback here). */
  const discover = (auth?: oidc.ClientAuth) =>
    oidc.discovery(new URL(t.issuer), registered.clientId, registered.clientSecret, auth, {
      execute: [oidc.allowInsecureRequests],
    });

  /** Builds the authorization URL with the library: PKCE S256, state and nonce of its making. */
  async function authorizationUrl(using = config): Promise<{ url: URL } & PendingLogin> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(using, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, verifier, state, nonce };
  }

  /**
   * The browser's part: open the authorization URL, sign in as a new user (so the consent
   * page always follows), approve, and return the final redirect's Location unchanged.
   */
  async function browserLeg(url: URL): Promise<{ location: string; user: User }> {
    const user = await t.registerUser();
    const browser = t.browser();
    const authorize = await browser.get(`${url.pathname}${url.search}`);
    expect(authorize.status).toBe(302);
    const login = await openInteraction(browser, authorize.headers.location as string);
    const loggedIn = await submitLogin(browser, login, user.username, user.password);
    const consent = await openInteraction(browser, loggedIn.headers.location as string);
    expect(consent.html).toContain('Allow access?');
    const { url: callback } = await decide(browser, consent, 'approve');
    return { location: callback.href, user };
  }

  /** Steps 3 to 5: authorization URL, browser, and the library's validation of the callback. */
  async function signIn(using = config) {
    const pending = await authorizationUrl(using);
    const { location, user } = await browserLeg(pending.url);
    const tokens = await oidc.authorizationCodeGrant(using, new URL(location), checksFor(pending));
    return { tokens, user, location, pending };
  }

  const checksFor = (pending: PendingLogin): oidc.AuthorizationCodeGrantChecks => ({
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });

  /** A rejection from the library: its error class and the code it carries. */
  async function rejection(promise: Promise<unknown>): Promise<{ name: string; code?: string; cause?: unknown }> {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    return error as { name: string; code?: string; cause?: unknown };
  }

  describe('discovery (RFC 8414, OpenID Connect Discovery 1.0)', () => {
    it('yields a configuration: the issuer is identical to the URL asked (section 3.3), PKCE S256 is offered', () => {
      const metadata = config.serverMetadata();
      expect(metadata.issuer).toBe(t.issuer);
      expect(metadata).toMatchObject({
        authorization_endpoint: `${t.issuer}/oauth/authorize`,
        token_endpoint: `${t.issuer}/oauth/token`,
        jwks_uri: `${t.issuer}/oauth/jwks`,
        userinfo_endpoint: `${t.issuer}/oauth/userinfo`,
        introspection_endpoint: `${t.issuer}/oauth/introspect`,
        revocation_endpoint: `${t.issuer}/oauth/revoke`,
        authorization_response_iss_parameter_supported: true,
      });
      expect(metadata.supportsPKCE('S256')).toBe(true);
    });

    it('is refused by the library when the metadata names another issuer', async () => {
      const elsewhere = new URL(`http://localhost:${t.port}`);
      const error = await rejection(
        oidc.discovery(elsewhere, registered.clientId, registered.clientSecret, undefined, {
          execute: [oidc.allowInsecureRequests],
        }),
      );
      expect(error.code).toBe('OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED');
    });
  });

  describe('authorization code flow with PKCE (RFC 6749 section 4.1, RFC 7636, OpenID Connect Core 3.1)', () => {
    it('sends the browser to the authorization endpoint with the parameters the library chose', async () => {
      const { url, state, nonce } = await authorizationUrl();
      expect(`${url.origin}${url.pathname}`).toBe(`${t.issuer}/oauth/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: registered.clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: SCOPE,
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    });

    it('returns code, state and iss (RFC 9207) that the library accepts, and an ID token it validates', async () => {
      backChannel.sent.length = 0;
      const { tokens, user, location, pending } = await signIn();

      const callback = new URL(location);
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
      expect(callback.searchParams.get('state')).toBe(pending.state);
      expect(callback.searchParams.get('iss')).toBe(t.issuer);

      expect(tokens.token_type).toBe('bearer');
      expect(tokens.scope).toBe(SCOPE);
      expect(tokens.expiresIn()).toBeGreaterThan(0);
      expect(tokens.refresh_token).toEqual(expect.any(String));
      // claims() is the ID token as the library verified it: signature via jwks_uri, iss, aud,
      // exp, iat and nonce.
      expect(tokens.claims()).toMatchObject({
        iss: t.issuer,
        aud: registered.clientId,
        sub: user.id,
        nonce: pending.nonce,
        name: `Name of ${user.username}`,
        preferred_username: user.username,
        email: `${user.username}@example.com`,
        email_verified: expect.any(Boolean),
      });
      // The library does not check at_hash in the code flow (OpenID Connect Core 3.1.3.8 makes it
      // optional there), so the test does: section 3.1.3.6, left half of SHA-256, base64url.
      const digest = createHash('sha256').update(tokens.access_token).digest();
      expect(tokens.claims()!.at_hash).toBe(digest.subarray(0, 16).toString('base64url'));

      // The library's default client authentication, client_secret_post (RFC 6749 section 2.3.1).
      const tokenRequest = backChannel.sent.find((sent) => sent.url === `${t.issuer}/oauth/token`)!;
      expect(tokenRequest.authorization).toBeUndefined();
      expect(tokenRequest.body.get('client_secret')).toBe(registered.clientSecret);
      expect(tokenRequest.body.get('code_verifier')).toBe(pending.verifier);
    });

    it('is refused by the library when the response carries another iss (RFC 9207 section 2.4), code unspent', async () => {
      const pending = await authorizationUrl();
      const { location } = await browserLeg(pending.url);
      const tampered = new URL(location);
      tampered.searchParams.set('iss', 'http://127.0.0.1:1');

      const error = await rejection(oidc.authorizationCodeGrant(config, tampered, checksFor(pending)));
      expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
      expect((error.cause as Error).message).toBe('unexpected "iss" (issuer) response parameter value');
      // Refused before the token request: the genuine response still redeems its code.
      const tokens = await oidc.authorizationCodeGrant(config, new URL(location), checksFor(pending));
      expect(tokens.access_token).toEqual(expect.any(String));
    });

    it('is refused by the library when the state is not the one it sent (RFC 6749 section 10.12)', async () => {
      const pending = await authorizationUrl();
      const { location } = await browserLeg(pending.url);

      const error = await rejection(
        oidc.authorizationCodeGrant(config, new URL(location), { ...checksFor(pending), expectedState: 'other' }),
      );
      expect(error.code).toBe('OAUTH_INVALID_RESPONSE');
      expect((error.cause as Error).message).toBe('unexpected "state" response parameter value');
    });

    it('refuses a second redemption of the same response: the code is single-use (invalid_grant)', async () => {
      const { location, pending } = await signIn();
      const error = await rejection(oidc.authorizationCodeGrant(config, new URL(location), checksFor(pending)));
      expect(error).toBeInstanceOf(oidc.ResponseBodyError);
      expect((error as oidc.ResponseBodyError).error).toBe('invalid_grant');
    });
  });

  describe('UserInfo (OpenID Connect Core section 5.3)', () => {
    it("answers for the ID token's subject with the claims of the granted scopes", async () => {
      const { tokens, user } = await signIn();
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      expect(userinfo).toEqual({
        sub: user.id,
        name: `Name of ${user.username}`,
        preferred_username: user.username,
        email: `${user.username}@example.com`,
        email_verified: expect.any(Boolean),
      });
    });

    it('is refused by the library when its sub is not the expected subject (section 5.3.2)', async () => {
      const { tokens } = await signIn();
      const error = await rejection(oidc.fetchUserInfo(config, tokens.access_token, 'someone-else'));
      expect(error.code).toBe('OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED');
    });
  });

  describe('refresh (RFC 6749 section 6)', () => {
    it('rotates the pair; the old refresh token is then refused with invalid_grant', async () => {
      const { tokens, user } = await signIn();
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
      expect(refreshed.access_token).not.toBe(tokens.access_token);
      expect(refreshed.refresh_token).toEqual(expect.any(String));
      expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
      // OpenID Connect Core section 12.2: a new ID token for the same user and login, without a nonce.
      expect(refreshed.claims()).toMatchObject({
        iss: t.issuer,
        aud: registered.clientId,
        sub: user.id,
        auth_time: tokens.claims()!.auth_time,
      });
      expect(refreshed.claims()).not.toHaveProperty('nonce');
      expect((await oidc.fetchUserInfo(config, refreshed.access_token, user.id)).sub).toBe(user.id);

      const error = await rejection(oidc.refreshTokenGrant(config, tokens.refresh_token!));
      expect(error).toBeInstanceOf(oidc.ResponseBodyError);
      expect(error).toMatchObject({ error: 'invalid_grant', status: 400 });
    });
  });

  describe('introspection (RFC 7662) and revocation (RFC 7009)', () => {
    it('describes an active access token, then { active: false } once it is revoked', async () => {
      const { tokens, user } = await signIn();
      expect(await oidc.tokenIntrospection(config, tokens.access_token)).toMatchObject({
        active: true,
        sub: user.id,
        client_id: registered.clientId,
        scope: SCOPE,
        token_type: 'Bearer',
      });

      await oidc.tokenRevocation(config, tokens.access_token);
      expect(await oidc.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });
    });

    it('revoking the refresh token ends its grant: the refreshed access token is inactive and refused', async () => {
      const { tokens } = await signIn();
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
      expect((await oidc.tokenIntrospection(config, refreshed.access_token)).active).toBe(true);

      await oidc.tokenRevocation(config, refreshed.refresh_token!);

      expect(await oidc.tokenIntrospection(config, refreshed.access_token)).toEqual({ active: false });
      const userinfo = await rejection(oidc.fetchUserInfo(config, refreshed.access_token, oidc.skipSubjectCheck));
      expect(userinfo).toBeInstanceOf(oidc.WWWAuthenticateChallengeError);
      const challenge = userinfo as oidc.WWWAuthenticateChallengeError;
      expect(challenge.status).toBe(401);
      expect(challenge.cause[0]).toMatchObject({ scheme: 'bearer', parameters: { error: 'invalid_token' } });
      const profile = await rejection(
        oidc.fetchProtectedResource(config, refreshed.access_token, new URL(`${t.issuer}/api/profile`), 'GET'),
      );
      expect(profile).toMatchObject({ status: 401 });
      const refresh = await rejection(oidc.refreshTokenGrant(config, refreshed.refresh_token!));
      expect(refresh).toMatchObject({ error: 'invalid_grant' });
    });
  });

  describe('client_secret_basic (RFC 6749 section 2.3.1)', () => {
    it('authenticates the code grant, refresh, introspection and revocation with HTTP Basic', async () => {
      const basic = await discover(oidc.ClientSecretBasic());
      const recorder = recordingFetch();
      basic[oidc.customFetch] = recorder.fetch;

      const { tokens, user } = await signIn(basic);
      expect(tokens.claims()?.sub).toBe(user.id);
      const refreshed = await oidc.refreshTokenGrant(basic, tokens.refresh_token!);
      expect((await oidc.tokenIntrospection(basic, refreshed.access_token)).active).toBe(true);
      await oidc.tokenRevocation(basic, refreshed.refresh_token!);
      expect((await oidc.tokenIntrospection(basic, refreshed.access_token)).active).toBe(false);

      const authenticated = recorder.sent.filter((sent) => !sent.url.endsWith('/oauth/jwks'));
      expect(authenticated.map((sent) => new URL(sent.url).pathname)).toEqual([
        '/oauth/token',
        '/oauth/token',
        '/oauth/introspect',
        '/oauth/revoke',
        '/oauth/introspect',
      ]);
      for (const sent of authenticated) {
        expect(sent.authorization).toMatch(/^Basic /);
        expect(sent.body.has('client_secret')).toBe(false);
      }
    });
  });
});
