import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type request from 'supertest';
import type { Response } from 'supertest';
import { expectErrorPageCode, expectRedirectError } from './support/expectations.js';
import {
  authorizePath,
  decide,
  hiddenField,
  logIn,
  openInteraction,
  redirectParams,
  startAuthorization,
  type InteractionStep,
} from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { ISSUER, REDIRECT_URI, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const CODE = /^[A-Za-z0-9_-]{43}$/;

/** The `oauth_session` cookie set by a response, whole (`name=value; attributes`), if any. */
function sessionCookie(res: Response): string | undefined {
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return cookies.find((cookie) => cookie.startsWith('oauth_session='));
}

const cookieValue = (cookie: string) => cookie.split(';')[0]!.slice('oauth_session='.length);

/** The token with its first character changed (the last may carry only base64 padding bits). */
const tampered = (token: string) => `${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`;

/** Login and consent pages: the resource owner's part of RFC 6749 section 4.1 (step B). */
describe('login and consent', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: { username: string; password: string };
  let browser: Agent;

  function requestParams(state: string, scope: string) {
    const { challenge } = pkcePair();
    return {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
  }

  /** Starts an authorization request for `scope` in `agent` and returns its login page. */
  function start(agent: Agent, state = 'st-1', scope = 'profile notes:read') {
    return startAuthorization(agent, requestParams(state, scope));
  }

  function postLogin(agent: Agent, form: Record<string, string>) {
    return agent.post('/oauth/login').type('form').send(form);
  }

  function postConsent(agent: Agent, form: Record<string, string>) {
    return agent.post('/oauth/consent').type('form').send(form);
  }

  /** The login page, logged in: the consent page for a fresh request in `browser`. */
  async function consentPage(state = 'st-1', scope?: string): Promise<InteractionStep> {
    return logIn(browser, await start(browser, state, scope), user.username, user.password);
  }

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
  });
  // A new user for every test: one who granted nothing yet, so login leads to the consent page.
  beforeEach(async () => {
    user = await t.registerUser();
    browser = t.browser();
  });
  afterAll(() => t.close());

  describe('login', () => {
    /** The failed-login page with the parts that legitimately vary (CSRF token, echoed username) blanked. */
    function normalised(res: Response, username: string): string {
      return res.text
        .replace(/name="_csrf" value="[^"]*"/, 'name="_csrf" value=""')
        .replaceAll(`value="${username}"`, 'value=""');
    }

    // Not an RFC MUST: the page must not tell whether the account exists.
    it('wrong password and unknown user: the same 401 page with one generic message', async () => {
      const login = await start(browser);
      expect(login.html).not.toContain('Wrong username or password.');
      const form = { interaction: login.interaction, _csrf: login.csrf };
      const wrongPassword = await postLogin(browser, {
        ...form,
        username: user.username,
        password: 'not the password',
      });
      const unknownUser = await postLogin(browser, { ...form, username: 'nobody-here', password: user.password });

      for (const res of [wrongPassword, unknownUser]) {
        expect(res.status).toBe(401);
        expect(res.headers.location).toBeUndefined();
        expect(res.text).toContain('Wrong username or password.');
      }
      expect(normalised(wrongPassword, user.username)).toBe(normalised(unknownUser, 'nobody-here'));
      expect((await browser.get(login.path)).text).toContain('name="password"');
    });

    // RFC 6749 section 3.1: the server MUST first verify the resource owner's identity.
    it('the right password leads to the consent page: client name and each requested scope described', async () => {
      const consent = await consentPage('st-1', 'profile notes:read');
      expect(consent.html).not.toContain('name="password"');
      expect(consent.html).toContain('Test Client');
      expect(consent.html).toContain(user.username);
      expect(consent.html).toContain('See your name and username');
      expect(consent.html).toContain('Read your notes');
      expect(consent.html).not.toContain('Create notes in your name');
    });
  });

  describe('the oauth_session cookie', () => {
    // Not an RFC MUST: the cookie is out of scripts' reach and not sent on cross-site POSTs.
    it('is HttpOnly and SameSite=Lax, and login sets a new value', async () => {
      const authorize = await browser.get(authorizePath(requestParams('st-1', 'profile')));
      const page = await browser.get(authorize.headers.location as string);
      const before = sessionCookie(page);
      const form = { interaction: hiddenField(page.text, 'interaction'), _csrf: hiddenField(page.text, '_csrf') };
      const res = await postLogin(browser, { ...form, username: user.username, password: user.password });
      expect(res.status).toBe(303);
      const after = sessionCookie(res);

      for (const cookie of [before, after]) {
        expect(cookie).toBeDefined();
        expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
        expect(cookie).toMatch(/;\s*SameSite=Lax(;|$)/i);
      }
      expect(cookieValue(after!)).not.toBe(cookieValue(before!));
    });
  });

  describe("CSRF: a form without this browser's token is refused with 403 and changes nothing", () => {
    // RFC 6749 section 10.12: the server MUST implement CSRF protection for its authorization endpoint.
    it('POST /oauth/login without _csrf, with a wrong one, or from another browser -> 403 page; not logged in', async () => {
      const login = await start(browser);
      const credentials = { interaction: login.interaction, username: user.username, password: user.password };

      expectErrorPageCode(await postLogin(browser, credentials), 'invalid_request', 403);
      expectErrorPageCode(
        await postLogin(browser, { ...credentials, _csrf: tampered(login.csrf) }),
        'invalid_request',
        403,
      );
      expectErrorPageCode(await postLogin(t.browser(), { ...credentials, _csrf: login.csrf }), 'invalid_request', 403);

      const page = await openInteraction(browser, login.path);
      expect(page.html).toContain('name="password"');
      const consent = await logIn(browser, page, user.username, user.password);
      expect((await decide(browser, consent, 'approve')).params.code).toMatch(CODE);
    });

    // RFC 6749 section 10.12: no authorization MUST be obtainable without the resource owner's explicit consent.
    it('POST /oauth/consent without _csrf, with a wrong one, or from another browser -> 403 page; still pending', async () => {
      const consent = await consentPage();
      const approve = { interaction: consent.interaction, decision: 'approve' };

      expectErrorPageCode(await postConsent(browser, approve), 'invalid_request', 403);
      expectErrorPageCode(await postConsent(browser, { ...approve, _csrf: 'forged-token' }), 'invalid_request', 403);
      expectErrorPageCode(await postConsent(t.browser(), { ...approve, _csrf: consent.csrf }), 'invalid_request', 403);

      const { params } = await decide(browser, consent, 'approve');
      expect(params).toEqual({ code: expect.stringMatching(CODE), state: 'st-1', iss: ISSUER });
    });

    // RFC 6749 section 10.12: login gives the browser a new CSRF secret.
    it('the CSRF token from before login no longer works after it', async () => {
      const login = await start(browser);
      const consent = await logIn(browser, login, user.username, user.password);
      expectErrorPageCode(
        await postConsent(browser, { interaction: login.interaction, _csrf: login.csrf, decision: 'approve' }),
        'invalid_request',
        403,
      );
      expect((await decide(browser, consent, 'approve')).params.code).toMatch(CODE);
    });
  });

  describe('the consent form', () => {
    // Not an RFC MUST: the request stays on the server, so no form field can alter what is approved.
    it('carries only interaction, _csrf and decision', async () => {
      const consent = await consentPage();
      const form = /<form[^>]*action="\/oauth\/consent"[^>]*>([\s\S]*?)<\/form>/.exec(consent.html)?.[1];
      expect(form).toBeDefined();
      const names = [...form!.matchAll(/name="([^"]*)"/g)].map((match) => match[1]);
      expect(new Set(names)).toEqual(new Set(['interaction', '_csrf', 'decision']));
      for (const field of ['client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'response_type']) {
        expect(form).not.toContain(`name="${field}"`);
      }
    });

    // RFC 6749 sections 4.1.2 and 10.10 (state REQUIRED and exact; code unguessable), RFC 9207 section 2 (iss).
    it('approve -> 302 to the redirect_uri with code, state and iss', async () => {
      const res = await postConsent(browser, await consentForm('approve', 'a b&c=é ✓'));
      expect(res.status).toBe(302);
      const { url, params } = redirectParams(res.headers.location as string);
      expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
      expect(params).toEqual({ code: expect.stringMatching(CODE), state: 'a b&c=é ✓', iss: ISSUER });
    });

    // RFC 6749 section 4.1.2.1: a denial is access_denied, sent to the client with state.
    it('deny -> 302 with error=access_denied, state and iss, and no code', async () => {
      expectRedirectError(
        await postConsent(browser, await consentForm('deny', 'st-deny')),
        REDIRECT_URI,
        'access_denied',
        'st-deny',
      );
    });

    async function consentForm(decision: 'approve' | 'deny', state: string) {
      const consent = await consentPage(state);
      return { interaction: consent.interaction, _csrf: consent.csrf, decision };
    }
  });

  describe('a pending authorization answers once', () => {
    // Not an RFC MUST: one authorization request yields at most one answer.
    it('posting consent a second time -> error page, no second code', async () => {
      const consent = await consentPage();
      expect((await decide(browser, consent, 'approve')).params.code).toMatch(CODE);
      const form = { interaction: consent.interaction, _csrf: consent.csrf };
      expectErrorPageCode(await postConsent(browser, { ...form, decision: 'approve' }), 'invalid_request');
      expectErrorPageCode(await postConsent(browser, { ...form, decision: 'deny' }), 'invalid_request');
      expectErrorPageCode(await browser.get(consent.path), 'invalid_request');
    });

    // RFC 6749 section 10.12: a form answering no request the server made is refused.
    it('an unknown interaction id -> error page 400', async () => {
      const consent = await consentPage();
      expectErrorPageCode(await browser.get(`/oauth/interaction/${'A'.repeat(43)}`), 'invalid_request');
      expectErrorPageCode(
        await postConsent(browser, { interaction: 'A'.repeat(43), _csrf: consent.csrf, decision: 'approve' }),
        'invalid_request',
      );
      const login = {
        interaction: 'A'.repeat(43),
        _csrf: consent.csrf,
        username: user.username,
        password: user.password,
      };
      expectErrorPageCode(await postLogin(browser, login), 'invalid_request');
    });

    // RFC 6749 section 3.1: the server MUST first verify the resource owner's identity.
    it('consent from a browser that is not logged in -> 303 back to the interaction page, no code', async () => {
      const login = await start(browser);
      const res = await postConsent(browser, {
        interaction: login.interaction,
        _csrf: login.csrf,
        decision: 'approve',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(login.path);

      const consent = await logIn(browser, await openInteraction(browser, login.path), user.username, user.password);
      expect((await decide(browser, consent, 'approve')).params).toEqual({
        code: expect.stringMatching(CODE),
        state: 'st-1',
        iss: ISSUER,
      });
    });
  });

  describe('storage', () => {
    // Not an RFC MUST (STYLE.md principle 5): a leaked table must not yield a usable code.
    it('an issued code is stored only as its SHA-256 (base64url) hash', async () => {
      const { params } = await decide(browser, await consentPage(), 'approve');
      const code = params.code!;
      const rows = await t.sql('SELECT * FROM authorization_codes');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const value of Object.values(row)) expect(String(value)).not.toContain(code);
      }
      expect(rows.filter((row) => row.code_hash === sha256(code))).toHaveLength(1);
    });

    // Not an RFC MUST: a pending request lives INTERACTION_TTL seconds only.
    it('an expired pending authorization -> error page on the interaction page and on its forms', async () => {
      const consent = await consentPage();
      await t.sql('UPDATE pending_authorizations SET expires_at = ? WHERE id_hash = ?', [
        Date.now() - 1000,
        sha256(consent.interaction),
      ]);

      expectErrorPageCode(await browser.get(consent.path), 'invalid_request');
      expectErrorPageCode(
        await postConsent(browser, { interaction: consent.interaction, _csrf: consent.csrf, decision: 'approve' }),
        'invalid_request',
      );
    });
  });
});
