import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectErrorPageCode, expectRedirectError } from './support/expectations.js';
import { authorizePath, decide, logIn, redirectParams, startAuthorization } from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { ISSUER, REDIRECT_URI, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

/**
 * GET /oauth/authorize, the browser channel: which errors are shown on a page (nothing about
 * the redirect_uri is verified yet) and which go back to the client's redirect_uri.
 */
describe('GET /oauth/authorize', () => {
  let t: TestApp;
  let client: RegisteredClient;
  const { challenge } = pkcePair();

  /** A valid request for `target`; an `undefined` override leaves the parameter out. */
  function authorize(target: RegisteredClient, overrides: Record<string, string | undefined> = {}) {
    return t.http().get(
      authorizePath({
        response_type: 'code',
        client_id: target.clientId,
        redirect_uri: target.redirectUri,
        scope: 'profile notes:read',
        state: 'xyz-123',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...overrides,
      }),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  // RFC 6749 section 4.1.1: the control every error test below differs from in one parameter.
  it('accepts a valid request and sends the browser to the interaction page (control for the tests below)', async () => {
    const res = await authorize(client);
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/oauth\/interaction\/[A-Za-z0-9_-]{43}$/);
  });

  describe('client_id: an error page, never a redirect', () => {
    // RFC 6749 section 4.1.2.1: with a missing or invalid client_id the server MUST NOT redirect.
    it('missing client_id -> invalid_request page', async () => {
      expectErrorPageCode(await authorize(client, { client_id: undefined }), 'invalid_request');
    });

    // RFC 6749 section 4.1.2.1: an unknown client has no verified redirect_uri to send the error to.
    it('unknown client_id -> invalid_client page, even with a plausible redirect_uri', async () => {
      expectErrorPageCode(await authorize(client, { client_id: 'no-such-client' }), 'invalid_client');
      expectErrorPageCode(
        await authorize(client, { client_id: 'no-such-client', redirect_uri: 'https://evil.example/cb' }),
        'invalid_client',
      );
    });
  });

  describe('redirect_uri: exact match with a registered URI, else an error page', () => {
    let twoUris: RegisteredClient;
    let oneUri: RegisteredClient;
    let user: { username: string; password: string };

    beforeAll(async () => {
      twoUris = await t.registerClient({ redirectUris: [REDIRECT_URI, 'http://127.0.0.1:9000/cb'] });
      oneUri = await t.registerClient();
      user = await t.registerUser();
    });

    // RFC 6749 section 3.1.2.3: with several registered URIs the request MUST include one.
    it('missing when the client registered several -> invalid_request page', async () => {
      expectErrorPageCode(await authorize(twoUris, { redirect_uri: undefined }), 'invalid_request');
    });

    // RFC 6749 section 3.1.2.3: the sent URI is compared with each registered one.
    it('either registered URI is accepted when the client registered several', async () => {
      expect((await authorize(twoUris, { redirect_uri: 'http://127.0.0.1:9000/cb' })).status).toBe(302);
      expect((await authorize(twoUris, { redirect_uri: REDIRECT_URI })).status).toBe(302);
    });

    // RFC 6749 section 3.1.2.3: optional when exactly one is registered; the answer goes to that one.
    it('omitted when exactly one is registered -> accepted, and the code goes to the registered URI', async () => {
      const browser = t.browser();
      const login = await startAuthorization(browser, {
        response_type: 'code',
        client_id: oneUri.clientId,
        scope: 'profile',
        state: 'only-one',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const { url, params } = await decide(
        browser,
        await logIn(browser, login, user.username, user.password),
        'approve',
      );
      expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
      expect(params).toEqual({ code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), state: 'only-one', iss: ISSUER });
    });

    // RFC 9700 section 2.1: exact string matching; RFC 6749 section 4.1.2.1: MUST NOT redirect to a mismatching URI.
    it.each([
      ['a prefix of the registered URI', 'http://localhost:8080/call'],
      ['an extension of its path', 'http://localhost:8080/callback/evil'],
      ['a longer path segment', 'http://localhost:8080/callbackx'],
      ['a different path case', 'http://localhost:8080/Callback'],
      ['a different host case', 'http://LOCALHOST:8080/callback'],
      ['an extra query', 'http://localhost:8080/callback?next=https://evil.example'],
      ['a trailing slash', 'http://localhost:8080/callback/'],
      ['a fragment', 'http://localhost:8080/callback#frag'],
      ['userinfo pointing elsewhere', 'http://localhost:8080@evil.example/callback'],
      ['another host', 'https://evil.example/callback'],
    ])('%s -> invalid_request page, not a redirect', async (_case, redirectUri) => {
      const res = await authorize(client, { redirect_uri: redirectUri, response_type: 'token' });
      expectErrorPageCode(res, 'invalid_request');
      expect(res.text).not.toContain('evil.example');
    });
  });

  describe('errors after the redirect_uri is verified go back to it, with state and iss', () => {
    // RFC 6749 section 4.1.1: response_type is REQUIRED; section 4.1.2.1: invalid_request.
    it('missing response_type -> invalid_request', async () => {
      expectRedirectError(
        await authorize(client, { response_type: undefined }),
        REDIRECT_URI,
        'invalid_request',
        'xyz-123',
      );
    });

    // RFC 6749 section 4.1.2.1: unsupported_response_type; RFC 9700 section 2.1.2: no implicit grant.
    it.each(['token', 'id_token', 'code token', 'CODE', 'unknown'])(
      'response_type=%s -> unsupported_response_type',
      async (responseType) => {
        expectRedirectError(
          await authorize(client, { response_type: responseType }),
          REDIRECT_URI,
          'unsupported_response_type',
          'xyz-123',
        );
      },
    );

    // RFC 6749 section 4.1.2.1: the client must be allowed to use the code grant.
    it('a client not registered for the code grant -> unauthorized_client', async () => {
      const refreshOnly = await t.registerClient({ grantTypes: ['refresh_token'] });
      expectRedirectError(await authorize(refreshOnly), REDIRECT_URI, 'unauthorized_client', 'xyz-123');
    });

    // RFC 6749 section 3.3: the server MUST use a default or fail with invalid_scope; this one fails.
    it('missing or empty scope -> invalid_scope', async () => {
      expectRedirectError(await authorize(client, { scope: undefined }), REDIRECT_URI, 'invalid_scope', 'xyz-123');
      expectRedirectError(await authorize(client, { scope: '' }), REDIRECT_URI, 'invalid_scope', 'xyz-123');
    });

    // RFC 6749 section 4.1.2.1: invalid_scope for a scope that is unknown or not the client's.
    it('a scope the client may not ask for -> invalid_scope', async () => {
      const profileOnly = await t.registerClient({ scopes: ['profile'] });
      expect((await authorize(profileOnly, { scope: 'profile' })).status).toBe(302);
      expectRedirectError(
        await authorize(profileOnly, { scope: 'profile notes:write' }),
        REDIRECT_URI,
        'invalid_scope',
        'xyz-123',
      );
      expectRedirectError(await authorize(profileOnly, { scope: 'admin' }), REDIRECT_URI, 'invalid_scope', 'xyz-123');
    });

    // RFC 6749 section 4.1.2.1: state is REQUIRED in the error response if it was in the request, exactly.
    it.each(['a b&c=d', 'état ✓ 🚀', '100% =?#/+;', ' leading and trailing '])(
      'state %j round-trips exactly',
      async (state) => {
        expectRedirectError(
          await authorize(client, { response_type: 'token', state }),
          REDIRECT_URI,
          'unsupported_response_type',
          state,
        );
      },
    );

    // RFC 6749 section 4.1.2.1: state is echoed only if it was present.
    it('no state in the request -> none in the error response', async () => {
      expectRedirectError(
        await authorize(client, { response_type: 'token', state: undefined }),
        REDIRECT_URI,
        'unsupported_response_type',
      );
    });

    // RFC 6749 section 3.1.2: the redirect_uri's query MUST be retained when adding parameters.
    it('a registered redirect_uri with a query keeps it; the error parameters are added', async () => {
      const withQuery = await t.registerClient({ redirectUris: ['http://localhost:8080/cb?tenant=a&lang=en'] });
      const res = await authorize(withQuery, { scope: undefined });
      expect(res.status).toBe(302);
      const { url, params } = redirectParams(res.headers.location as string);
      expect(`${url.origin}${url.pathname}`).toBe('http://localhost:8080/cb');
      expect(params).toEqual({
        tenant: 'a',
        lang: 'en',
        error: 'invalid_scope',
        error_description: expect.any(String),
        state: 'xyz-123',
        iss: ISSUER,
      });
    });
  });

  describe('PKCE (RFC 7636, RFC 9700 section 2.1.1)', () => {
    let publicClient: RegisteredClient;

    beforeAll(async () => {
      publicClient = await t.registerClient({ type: 'public' });
    });

    // RFC 9700 section 2.1.1: public clients MUST use PKCE; the server enforces it.
    it('public client without code_challenge -> invalid_request', async () => {
      expect((await authorize(publicClient)).status).toBe(302);
      const res = await authorize(publicClient, { code_challenge: undefined, code_challenge_method: undefined });
      expectRedirectError(res, REDIRECT_URI, 'invalid_request', 'xyz-123');
    });

    // Server policy, not an RFC MUST (RFC 7636 section 4.2 allows plain): S256 only, so nobody can downgrade.
    it('code_challenge_method=plain -> invalid_request', async () => {
      const res = await authorize(client, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
      expectRedirectError(res, REDIRECT_URI, 'invalid_request', 'xyz-123');
    });

    // RFC 7636 section 4.3: an omitted method means plain, which this server refuses.
    it('code_challenge without code_challenge_method -> invalid_request', async () => {
      expectRedirectError(
        await authorize(client, { code_challenge_method: undefined }),
        REDIRECT_URI,
        'invalid_request',
        'xyz-123',
      );
    });

    // RFC 7636 section 4.3: a method alone is meaningless; RFC 6749 section 4.1.2.1: invalid_request.
    it('code_challenge_method without code_challenge -> invalid_request', async () => {
      expectRedirectError(
        await authorize(client, { code_challenge: undefined }),
        REDIRECT_URI,
        'invalid_request',
        'xyz-123',
      );
    });

    // RFC 7636 section 4.2: an S256 challenge is 43 base64url characters.
    it.each([
      ['too short', challenge.slice(0, 42)],
      ['too long', `${challenge}A`],
      ['padded', `${challenge.slice(0, 42)}=`],
      ['not base64url', `${challenge.slice(0, 42)}+`],
    ])('malformed code_challenge (%s) -> invalid_request', async (_case, malformed) => {
      expectRedirectError(
        await authorize(client, { code_challenge: malformed }),
        REDIRECT_URI,
        'invalid_request',
        'xyz-123',
      );
    });
  });

  describe('repeated parameters: invalid_request on an error page', () => {
    // RFC 6749 section 3.1: parameters MUST NOT be included more than once. The check runs
    // before the redirect_uri is verified, so the error cannot be redirected.
    it.each(['client_id', 'state', 'redirect_uri', 'response_type', 'scope', 'code_challenge'])(
      'two %s -> invalid_request page',
      async (name) => {
        const path = authorizePath({
          response_type: 'code',
          client_id: client.clientId,
          redirect_uri: client.redirectUri,
          scope: 'profile',
          state: 'xyz-123',
          code_challenge: challenge,
          code_challenge_method: 'S256',
        });
        const res = await t.http().get(`${path}&${name}=again`);
        expectErrorPageCode(res, 'invalid_request');
      },
    );
  });

  describe('empty parameters count as omitted (RFC 6749 section 3.1)', () => {
    // Section 3.1: "Parameters sent without a value MUST be treated as if they were omitted".
    it('redirect_uri= with one registered URI falls back to it', async () => {
      const res = await authorize(client, { redirect_uri: '' });
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(/^\/oauth\/interaction\//);
    });

    it('response_type= is a missing response_type -> invalid_request', async () => {
      expectRedirectError(await authorize(client, { response_type: '' }), REDIRECT_URI, 'invalid_request', 'xyz-123');
    });

    it('state= is no state: none comes back', async () => {
      expectRedirectError(await authorize(client, { state: '', scope: 'admin' }), REDIRECT_URI, 'invalid_scope');
    });
  });
});
