import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import type { Response } from 'supertest';
import { expectErrorPageCode } from './support/expectations.js';
import { authorizePath, hiddenField, redirectParams, tokenRequest } from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;

/** Every kind of response a browser can see, by name. */
type Responses = Record<string, Response>;

/** The Content-Security-Policy header as a map from directive to its sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers['content-security-policy'] as string | undefined;
  expect(header).toBeDefined();
  const directives = header!.split(';').map((part) => part.trim().split(/\s+/));
  return new Map(directives.filter(([name]) => name).map(([name, ...sources]) => [name!, sources]));
}

/** The `oauth_session` cookie set by a response, whole (`name=value; attributes`), if any. */
function sessionCookie(res: Response): string | undefined {
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return cookies.find((cookie) => cookie.startsWith('oauth_session='));
}

const cookieValue = (cookie: string) => cookie.split(';')[0]!;

/**
 * Runs one authorization in `browser` and keeps each page on the way: login, a failed login,
 * consent, the redirect carrying the code, then the account page, the demo client's page and
 * redirect_uri (which answers with a redirect back to its page), and the single-page app's page.
 */
async function collectPages(t: TestApp, client: RegisteredClient, browser: Agent): Promise<Responses> {
  const user = await t.registerUser();
  const { verifier, challenge } = pkcePair();
  const authorize = await browser.get(
    authorizePath({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: 'openid profile',
      state: 'st-headers',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
  );
  const interactionPage = await browser.get(authorize.headers.location as string);
  const form = { interaction: hiddenField(interactionPage.text, 'interaction') };
  const loginFailure = await browser
    .post('/oauth/login')
    .type('form')
    .send({ ...form, _csrf: hiddenField(interactionPage.text, '_csrf'), username: user.username, password: 'nope' });
  const login = await browser
    .post('/oauth/login')
    .type('form')
    .send({
      ...form,
      _csrf: hiddenField(loginFailure.text, '_csrf'),
      username: user.username,
      password: user.password,
    });
  const consentPage = await browser.get(login.headers.location as string);
  const codeRedirect = await browser
    .post('/oauth/consent')
    .type('form')
    .send({ ...form, _csrf: hiddenField(consentPage.text, '_csrf'), decision: 'approve' });
  const { code, state } = redirectParams(codeRedirect.headers.location as string).params;
  const tokenResponse = await tokenRequest(t, client, {
    grant_type: 'authorization_code',
    code: code!,
    code_verifier: verifier,
    redirect_uri: client.redirectUri,
  });
  return {
    'interaction page': interactionPage,
    'login failure page': loginFailure,
    'consent page': consentPage,
    'error page (unknown client)': await browser.get(
      authorizePath({ response_type: 'code', client_id: 'no-such-client', state: 'st-x' }),
    ),
    'account page': await browser.get('/account'),
    'demo client page': await browser.get('/demo'),
    'demo callback (redirect)': await browser.get(`/demo/callback?code=${code}&state=${state}`),
    'demo SPA page': await browser.get('/demo/spa'),
    'redirect with the code': codeRedirect,
    'token response (JSON)': tokenResponse,
    'profile API (JSON)': await t
      .http()
      .get('/api/profile')
      .set('authorization', `Bearer ${tokenResponse.body.access_token}`),
  };
}

const PAGES = ['interaction page', 'login failure page', 'consent page', 'error page (unknown client)', 'account page'];
/** Pages that load a script of this server's own (src/browser/page-scripts.ts); every other rule is the same. */
const PAGES_WITH_OWN_SCRIPT = ['demo client page', 'demo SPA page'];
const JSON_RESPONSES = ['token response (JSON)', 'profile API (JSON)'];
const EVERY_RESPONSE = [
  ...PAGES,
  ...PAGES_WITH_OWN_SCRIPT,
  'redirect with the code',
  'demo callback (redirect)',
  ...JSON_RESPONSES,
];

/** Headers every response sends (app.useSecurityHeaders, configured in src/browser/security-headers.ts). */
describe('browser-facing security headers', () => {
  let t: TestApp;
  let responses: Responses;

  beforeAll(async () => {
    t = await startTestApp();
    responses = await collectPages(t, await t.registerClient(), t.browser());
  });
  afterAll(() => t.close());

  // Without this the rows below could test the wrong pages and still pass.
  it('collects the pages it means to: status and content type of each', () => {
    const summary = Object.fromEntries(
      Object.entries(responses).map(([name, res]) => [name, `${res.status} ${res.type}`]),
    );
    expect(summary).toEqual({
      'interaction page': '200 text/html',
      'login failure page': '401 text/html',
      'consent page': '200 text/html',
      'error page (unknown client)': '400 text/html',
      'account page': '200 text/html',
      'demo client page': '200 text/html',
      'demo callback (redirect)': '303 ',
      'demo SPA page': '200 text/html',
      'redirect with the code': '302 ',
      'token response (JSON)': '200 application/json',
      'profile API (JSON)': '200 application/json',
    });
    expect(responses['interaction page']!.text).toContain('name="password"');
    expect(responses['consent page']!.text).toContain('Allow access?');
    expectErrorPageCode(responses['error page (unknown client)']!, 'invalid_client');
    expect(responses['account page']!.text).toContain('Connected apps');
    expect(responses['demo client page']!.text).toContain('Flow inspector');
    expect(responses['demo callback (redirect)']!.headers.location).toBe('/demo');
    expect(responses['demo SPA page']!.text).toContain('Demo client: single-page app');
  });

  describe.each(PAGES)('%s', (name) => {
    // Not an RFC MUST: the pages run no script, so an injected one cannot run either.
    it('has a CSP that allows no script, inline or not', () => {
      const directives = csp(responses[name]!);
      expect(directives.get('script-src')).toEqual(["'none'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('style-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
    });
  });

  describe.each(PAGES_WITH_OWN_SCRIPT)('%s', (name) => {
    // Not an RFC MUST: only script files of this origin run; an injected inline script still cannot.
    it("has a CSP that allows this server's script files and nothing else", () => {
      const directives = csp(responses[name]!);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('style-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
    });
  });

  describe.each([...PAGES, ...PAGES_WITH_OWN_SCRIPT])('%s', (name) => {
    // RFC 9700 section 4.16 (RFC 6749 section 10.13): the authorization server MUST prevent clickjacking.
    it("cannot be framed: frame-ancestors 'none' and X-Frame-Options: DENY", () => {
      expect(csp(responses[name]!).get('frame-ancestors')).toEqual(["'none'"]);
      expect(responses[name]!.headers['x-frame-options']).toBe('DENY');
    });

    // Not an RFC MUST: Chromium applies form-action to the redirect after the consent POST.
    it('leaves form-action unset, so the consent form may redirect to any registered redirect_uri', () => {
      expect(csp(responses[name]!).has('form-action')).toBe(false);
    });

    // Not an RFC MUST: over plain http the upgrade would break every link of a development server.
    it('does not ask an http server to upgrade requests to https', () => {
      expect(csp(responses[name]!).has('upgrade-insecure-requests')).toBe(false);
    });
  });

  describe.each(EVERY_RESPONSE)('%s', (name) => {
    // RFC 9700 section 4.2.4: the Referer header must not carry codes or states to other sites.
    it('sends Referrer-Policy: no-referrer and X-Content-Type-Options: nosniff', () => {
      expect(responses[name]!.headers['referrer-policy']).toBe('no-referrer');
      expect(responses[name]!.headers['x-content-type-options']).toBe('nosniff');
    });

    // RFC 6749 section 5.1 for tokens; not an RFC MUST for pages, which carry CSRF tokens, codes or personal data.
    it('is never stored by a cache: Cache-Control: no-store', () => {
      expect(responses[name]!.headers['cache-control']).toBe('no-store');
    });
  });

  // Not an RFC MUST: a public document may be cached, and says so itself.
  it('public documents keep their own Cache-Control', async () => {
    expect((await t.http().get('/assets/app.css')).headers['cache-control']).toBe('public, max-age=3600');
    expect((await t.http().get('/oauth/jwks')).headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });

  // Not an RFC MUST: a 404 page for an unknown path is a page like the others.
  it('an unknown path gets the same headers as every page', async () => {
    const res = await t.http().get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(csp(res).get('frame-ancestors')).toEqual(["'none'"]);
  });

  // Not an RFC MUST: Fastify's router would answer a broken escape itself, before any header is set.
  it.each([
    ['/oauth/token/%zz', 'application/json'],
    ['/api/notes/%C3%28', 'application/json'],
    ['/oauth/authorize/%C3%28', 'text/html'],
  ])('a path the router cannot decode, %s, is answered in its channel with the same headers', async (path, type) => {
    const res = await t.http().get(path);
    expect({ status: res.status, type: res.type }).toEqual({ status: 404, type });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the oauth_session cookie', () => {
  let t: TestApp;
  let client: RegisteredClient;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  /** The login page's response in a fresh browser, with its cookie. */
  async function loginPage(app: TestApp, appClient: RegisteredClient, browser: Agent) {
    const { challenge } = pkcePair();
    const authorize = await browser.get(
      authorizePath({
        response_type: 'code',
        client_id: appClient.clientId,
        redirect_uri: appClient.redirectUri,
        scope: 'profile',
        state: 'st-cookie',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    return browser.get(authorize.headers.location as string);
  }

  // Not an RFC MUST: a Secure cookie would never come back over a plain-http development server.
  it('over an http issuer: HttpOnly, SameSite=Lax and not Secure', async () => {
    const cookie = sessionCookie(await loginPage(t, client, t.browser()));
    expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Secure(;|$)/i);
  });

  // RFC 6749 section 10.12 (login state bound to the browser); not sent in clear over https deployments.
  it('over an https issuer: Secure, HttpOnly and SameSite=Lax, and the CSP upgrades requests', async () => {
    const https = await startTestApp({ ISSUER: 'https://id.example.test' });
    try {
      const page = await loginPage(https, await https.registerClient(), https.browser());
      expect(page.status).toBe(200);
      const cookie = sessionCookie(page);
      expect(cookie).toMatch(/;\s*Secure(;|$)/i);
      expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
      expect(csp(page).get('upgrade-insecure-requests')).toEqual([]);
    } finally {
      await https.close();
    }
  });

  // Not an RFC MUST (session fixation): a cookie planted before login must not become a logged-in one.
  it('the cookie from before login is not logged in after it; the new one is', async () => {
    const user = await t.registerUser();
    const browser = t.browser();
    const page = await loginPage(t, client, browser);
    const before = cookieValue(sessionCookie(page)!);
    const login = await browser
      .post('/oauth/login')
      .type('form')
      .send({
        interaction: hiddenField(page.text, 'interaction'),
        _csrf: hiddenField(page.text, '_csrf'),
        username: user.username,
        password: user.password,
      });
    expect(login.status).toBe(303);
    const after = cookieValue(sessionCookie(login)!);
    expect(after).not.toBe(before);

    const withBefore = await t.http().get('/account').set('cookie', before);
    const withAfter = await t.http().get('/account').set('cookie', after);
    expect(withBefore.text).toContain('Sign in to your account');
    expect(withAfter.text).toContain(`Signed in as <strong>${user.username}</strong>`);
  });
});
