import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type request from 'supertest';
import type { Response } from 'supertest';
import { maskSecret } from '../src/demo-client/inspector/masking.js';
import { s256Challenge } from '../src/demo-client/oauth/authorization-request.js';
import type { DemoSession } from '../src/demo-client/session/demo-session.js';
import { DEMO_SESSION_COOKIE, DemoSessions } from '../src/demo-client/session/demo-sessions.service.js';
import { DEMO_USER } from '../src/seed/demo-seed.service.js';
import { cspDirectives } from './support/csp.js';
import { startLoopbackTestApp, type LoopbackTestApp } from './support/loopback-app.js';
import { startTestApp } from './support/test-app.js';
import { decide, hiddenField, openInteraction, startAuthorization, submitLogin } from './support/oauth-flow.js';

type Agent = ReturnType<typeof request.agent>;
type User = { username: string; password: string };

/** One browser at the demo client: a cookie jar, and the demo client's own cookie kept aside. */
interface DemoBrowser {
  agent: Agent;
  /** The value of `demo_client_session`, once the client has set it. */
  cookie?: string;
}

/** The page's text with Handlebars' escapes undone (`=` is escaped, for one), so assertions read like the page. */
const unescaped = (html: string) =>
  html.replace(
    /&(quot|amp|lt|gt|#x27|#x3D|#x60);/g,
    (_, entity: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#x27': "'", '#x3D': '=', '#x60': '`' })[entity]!,
  );

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/**
 * The demo client (`/demo`) on an app really listening on a loopback port: the client's
 * back-channel calls go over HTTP to the issuer's URLs, while supertest drives the browser.
 */
describe('the demo client at /demo', () => {
  let t: LoopbackTestApp;
  let clientSecret: string;

  beforeAll(async () => {
    t = await startLoopbackTestApp({ SEED_DEMO: 'true' });
    clientSecret = JSON.parse(readFileSync(join(t.dataDir, 'demo-client.json'), 'utf8')).client_secret;
  });
  afterAll(() => t.close());

  function newBrowser(): DemoBrowser {
    return { agent: t.browser() };
  }

  function keepCookie(browser: DemoBrowser, res: Response): Response {
    const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const line = cookies.find((cookie) => cookie.startsWith(`${DEMO_SESSION_COOKIE}=`));
    if (line) browser.cookie = line.split(';')[0]!.slice(DEMO_SESSION_COOKIE.length + 1);
    return res;
  }

  async function page(browser: DemoBrowser): Promise<Response> {
    const res = keepCookie(browser, await browser.agent.get('/demo'));
    expect(res.status).toBe(200);
    return res;
  }

  /** Submits one of the page's forms, with the CSRF token the page carries. */
  async function submit(browser: DemoBrowser, path: string, form: Record<string, string> = {}): Promise<Response> {
    const csrf = hiddenField(unescaped((await page(browser)).text), '_csrf');
    const res = keepCookie(
      browser,
      await browser.agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...form }),
    );
    return res;
  }

  /** The client's own record of this browser, read as the client reads it (the state is sealed in the database). */
  async function session(browser: DemoBrowser): Promise<DemoSession> {
    const opened = await t.app.get(DemoSessions).open(browser.cookie);
    expect(opened.id).toBe(browser.cookie);
    return opened.state;
  }

  /** "Connect": the 303 to the authorization endpoint. */
  async function connect(browser: DemoBrowser): Promise<URL> {
    const res = await submit(browser, '/demo/connect');
    expect(res.status).toBe(303);
    return new URL(res.headers.location as string);
  }

  /** (B) at the server: login, then approve or deny unless the grant is remembered; returns the redirect to the client. */
  async function atTheServer(browser: DemoBrowser, authorization: URL, user: User, decision: 'approve' | 'deny') {
    const login = await startAuthorization(browser.agent, Object.fromEntries(authorization.searchParams));
    const res = await submitLogin(browser.agent, login, user.username, user.password);
    const next = res.headers.location as string;
    if (!next.startsWith('/')) return new URL(next);
    return (await decide(browser.agent, await openInteraction(browser.agent, next), decision)).url;
  }

  /** (C): the browser brings the response to the client, which answers 303 back to its page. */
  async function land(browser: DemoBrowser, callback: URL): Promise<void> {
    expect(`${callback.origin}${callback.pathname}`).toBe(`${t.issuer}/demo/callback`);
    const res = keepCookie(browser, await browser.agent.get(pathOf(callback.toString())));
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 303, location: '/demo' });
  }

  async function connected(user: User = DEMO_USER): Promise<DemoBrowser> {
    const browser = newBrowser();
    await land(browser, await atTheServer(browser, await connect(browser), user, 'approve'));
    expect((await session(browser)).tokens).toBeDefined();
    return browser;
  }

  /** The timeline's entries, newest first, as `leg title: outcome`. */
  function timelineOf(html: string): string[] {
    return [...html.matchAll(/<span class="leg">([^<]*)<\/span>\s*([^<]*?)\s*<span class="badge [^"]*">([^<]*)</g)].map(
      ([, leg, title, outcome]) => `${leg} ${title}: ${outcome}`,
    );
  }

  it('/ explains the four roles and links to both demos, the account page and the docs', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    for (const role of ['Resource owner', 'Client', 'Authorization server', 'Resource server']) {
      expect(res.text).toContain(`>${role}</dt>`);
    }
    for (const link of ['/demo', '/demo/spa', '/account', '/docs']) expect(res.text).toContain(`href="${link}"`);
    expect(res.text).toContain(`<strong>${DEMO_USER.username}</strong>`);
  });

  // RFC 6749 section 4.1.1, RFC 7636 section 4.3, RFC 8414 section 3.3.
  it('Connect reads the metadata, then sends the browser to the authorization endpoint with state, S256 PKCE and nonce', async () => {
    const browser = newBrowser();
    const authorization = await connect(browser);
    const pending = (await session(browser)).pending!;
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${t.issuer}/oauth/authorize`);
    expect(Object.fromEntries(authorization.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'demo-client',
      redirect_uri: `${t.issuer}/demo/callback`,
      scope: 'openid profile notes:read notes:write',
      state: pending.state,
      code_challenge: s256Challenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      nonce: pending.nonce,
    });
    expect(pending.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html)).toEqual(['Figure 3 (A) Authorization request: done', 'RFC 8414 Server metadata: done']);
    expect(html).toContain(`GET ${t.issuer}/.well-known/oauth-authorization-server`);
    expect(html).not.toContain(pending.codeVerifier);
  });

  it('a full flow lands tokens in the client, over HTTP, and the page shows only masked credentials', async () => {
    const browser = newBrowser();
    const callback = await atTheServer(browser, await connect(browser), DEMO_USER, 'approve');
    const code = callback.searchParams.get('code')!;
    const verifier = (await session(browser)).pending!.codeVerifier;
    // The client reads only its own cookie: the server's oauth_session is not sent with the callback.
    const res = await t
      .http()
      .get(pathOf(callback.toString()))
      .set('cookie', `${DEMO_SESSION_COOKIE}=${browser.cookie}`);
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 303, location: '/demo' });

    const tokens = (await session(browser)).tokens!;
    expect(tokens).toMatchObject({ scope: 'openid profile notes:read notes:write', revoked: false });
    // They are real: the API accepts the access token.
    const profile = await t.http().get('/api/profile').set('authorization', `Bearer ${tokens.accessToken}`);
    expect(profile.body.username).toBe(DEMO_USER.username);

    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html).slice(0, 2)).toEqual([
      'Figure 3 (D) → (E) Token request (code exchange): done',
      'Figure 3 (C) Authorization response: done',
    ]);
    // (D) went over the network to the issuer's token endpoint, authenticated with HTTP Basic.
    expect(html).toContain(`POST ${t.issuer}/oauth/token`);
    expect(html).toMatch(/authorization: Basic ZGVtby…\(\d+ chars\)/);
    expect(html).toContain(`code_verifier=${maskSecret(verifier)}`);
    expect(html).toContain(`code=${maskSecret(code)}`);
    expect(html).toContain(maskSecret(tokens.accessToken));
    expect(html).toContain(maskSecret(tokens.refreshToken!));
    const basic = Buffer.from(`demo-client:${clientSecret}`).toString('base64');
    for (const secret of [
      clientSecret,
      basic,
      code,
      verifier,
      tokens.accessToken,
      tokens.refreshToken!,
      tokens.idToken!,
    ]) {
      expect(html).not.toContain(secret);
    }
    // The decoded claims are shown; the ID token's nonce matched the one sent in (A).
    expect(html).toContain('"client_id": "demo-client"');
    expect(html).toMatch(/ID token nonce<\/code>:\s*the one sent in \(A\)/);
    expect(html).toContain('data-expires-at=');
  });

  it('keeps its state sealed in its own table: no token in clear in the database', async () => {
    const browser = await connected();
    const tokens = (await session(browser)).tokens!;
    const rows = await t.sql<{ sealed_state: string }>('SELECT sealed_state FROM demo_client_sessions');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.sealed_state).not.toContain(tokens.accessToken);
      expect(row.sealed_state).not.toContain(tokens.refreshToken!);
    }
  });

  // RFC 6749 section 10.12: a response with another state is refused before the code is used.
  it('refuses a callback with the wrong state, records why, and keeps waiting for the real one', async () => {
    const browser = newBrowser();
    const authorization = await connect(browser);
    await land(browser, new URL(`${t.issuer}/demo/callback?code=forged-code-value&state=forged&iss=${t.issuer}`));
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html)[0]).toBe('Figure 3 (C) Authorization response: refused');
    expect(html).toMatch(/state<\/code>:\s*not the value the client sent in \(A\)/);
    expect(html).not.toContain(`POST ${t.issuer}/oauth/token`);
    expect(html).not.toContain('forged-code-value');
    expect((await session(browser)).tokens).toBeUndefined();

    // The user's own response still completes the flow.
    await land(browser, await atTheServer(browser, authorization, DEMO_USER, 'approve'));
    expect((await session(browser)).tokens).toBeDefined();
  });

  it('a callback the client never asked for is refused', async () => {
    const browser = newBrowser();
    await land(browser, new URL(`${t.issuer}/demo/callback?code=abc&state=xyz&iss=${t.issuer}`));
    expect(unescaped((await page(browser)).text)).toMatch(
      /request in progress<\/code>:\s*the client sent no authorization request/,
    );
  });

  // RFC 9207 section 2.4: mix-up defence.
  it('refuses a response naming another issuer', async () => {
    const browser = newBrowser();
    const authorization = await connect(browser);
    const state = authorization.searchParams.get('state')!;
    await land(browser, new URL(`${t.issuer}/demo/callback?code=abc&state=${state}&iss=https://evil.example`));
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html)[0]).toBe('Figure 3 (C) Authorization response: refused');
    expect(html).toMatch(/iss<\/code>:\s*https:\/\/evil.example, not/);
  });

  // RFC 6749 section 4.1.2.1.
  it('a denied consent comes back as access_denied and shows in the timeline', async () => {
    const browser = newBrowser();
    await land(browser, await atTheServer(browser, await connect(browser), await t.registerUser(), 'deny'));
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html)[0]).toBe('Figure 3 (C) Authorization response: refused');
    expect(html).toContain('You denied access on the consent page');
    expect(html).toContain('error=access_denied');
    expect((await session(browser)).tokens).toBeUndefined();
  });

  it('calls the API: profile, notes read and write; another user never sees these notes', async () => {
    const alice = await t.registerUser();
    const browser = await connected(alice);
    expect((await submit(browser, '/demo/api/profile')).status).toBe(303);
    expect((await submit(browser, '/demo/notes', { text: 'a note by alice' })).status).toBe(303);
    expect((await submit(browser, '/demo/api/notes')).status).toBe(303);
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html).slice(0, 3)).toEqual([
      'Figure 1 (E) → (F) API: GET /api/notes: done',
      'Figure 1 (E) → (F) API: POST /api/notes: done',
      'Figure 1 (E) → (F) API: GET /api/profile: done',
    ]);
    expect(html).toContain(`GET ${t.issuer}/api/profile`);
    expect(html).toContain(`"username": "${alice.username}"`);
    expect(html).toMatch(/authorization: Bearer eyJhbG…\(\d+ chars\)/);
    expect(html).toContain('201 Created');
    expect(html).toContain('"text": "a note by alice"');

    const bob = await connected(await t.registerUser());
    await submit(bob, '/demo/api/notes');
    const bobs = unescaped((await page(bob)).text);
    expect(bobs).toContain('"notes": []');
    expect(bobs).not.toContain('a note by alice');
  });

  // RFC 6749 section 6; RFC 9700 section 4.14.2.
  it('Refresh rotates the tokens; the old refresh token is then refused, and its reuse ends the authorization', async () => {
    const browser = await connected();
    const before = (await session(browser)).tokens!;
    expect((await submit(browser, '/demo/refresh')).status).toBe(303);
    const after = (await session(browser)).tokens!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(unescaped((await page(browser)).text)).toContain('id="replay-refresh"');

    await submit(browser, '/demo/refresh/replay');
    await submit(browser, '/demo/api/profile');
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html).slice(0, 3)).toEqual([
      'Figure 1 (E) → (F) API: GET /api/profile: refused',
      'Figure 2 (G) → (H) Refresh with the old refresh token: refused',
      'Figure 2 (G) → (H) Refresh: done',
    ]);
    expect(html).toContain('"error": "invalid_grant"');
    expect(html).toContain('takes a rotated refresh token coming back as a sign of theft');
    expect(html).toContain('401 Unauthorized');
    for (const secret of [before.refreshToken!, after.refreshToken!, after.accessToken])
      expect(html).not.toContain(secret);
  });

  // RFC 7009 sections 2.1 and 2.2.
  it('Revoke: the server answers 200, then the API answers 401 and a refresh is refused', async () => {
    const browser = await connected();
    expect((await submit(browser, '/demo/revoke')).status).toBe(303);
    expect((await session(browser)).tokens!.revoked).toBe(true);
    await submit(browser, '/demo/api/profile');
    await submit(browser, '/demo/refresh');
    const html = unescaped((await page(browser)).text);
    expect(timelineOf(html).slice(0, 3)).toEqual([
      'Figure 2 (G) → (H) Refresh: refused',
      'Figure 1 (E) → (F) API: GET /api/profile: refused',
      'RFC 7009 Token revocation: done',
    ]);
    expect(html).toContain(`POST ${t.issuer}/oauth/revoke`);
    expect(html).toContain('token_type_hint=refresh_token');
    expect(html).toContain('error="invalid_token"');
    expect(html).toContain('It is revoked, expired or already used');
    expect(html).not.toContain('id="revoke"');
  });

  it('Start over forgets everything: no token, an empty timeline', async () => {
    const browser = await connected();
    expect((await submit(browser, '/demo/start-over')).status).toBe(303);
    const state = await session(browser);
    expect(state.tokens).toBeUndefined();
    expect(state.timeline.entries).toEqual([]);
    const html = unescaped((await page(browser)).text);
    expect(html).toContain('id="timeline-empty"');
    expect(html).not.toContain('id="call-profile"');
  });

  it('refuses a form without its CSRF token (403), and records nothing', async () => {
    const browser = await connected();
    const entries = (await session(browser)).timeline.entries.length;
    for (const path of ['/demo/connect', '/demo/refresh', '/demo/revoke', '/demo/start-over']) {
      const res = await browser.agent.post(path).type('form').send({ _csrf: 'forged' });
      expect(res.status).toBe(403);
    }
    expect((await session(browser)).timeline.entries.length).toBe(entries);
  });

  it("sets a cookie of its own: HttpOnly, SameSite=Lax, only for /demo, and not the server's", async () => {
    const res = await t.http().get('/demo');
    const cookies = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookies).toMatch(new RegExp(`^${DEMO_SESSION_COOKIE}=[A-Za-z0-9_-]{43};`, 'm'));
    expect(cookies).toMatch(/Path=\/demo/);
    expect(cookies).toMatch(/HttpOnly/);
    expect(cookies).toMatch(/SameSite=Lax/);
    expect(cookies).not.toMatch(/^oauth_session=/m);
  });

  it("the demo page alone may run this server's scripts: script-src 'self' there, 'none' elsewhere", async () => {
    const demo = cspDirectives(await t.http().get('/demo'));
    expect(demo.get('script-src')).toEqual(["'self'"]);
    expect(demo.get('script-src-attr')).toEqual(["'none'"]);
    expect(demo.get('frame-ancestors')).toEqual(["'none'"]);
    for (const path of ['/', '/account', '/docs', '/no/such/page']) {
      expect(cspDirectives(await t.http().get(path)).get('script-src')).toEqual(["'none'"]);
    }
    const script = await t.http().get('/assets/demo.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });
});

describe('the demo client when it cannot work', () => {
  it('without a registration (SEED_DEMO=false) it says so, in the page and in the timeline', async () => {
    const t = await startTestApp();
    try {
      const browser = t.browser();
      const html = unescaped((await browser.get('/demo')).text);
      expect(html).toContain('not registered');
      const connect = await browser
        .post('/demo/connect')
        .type('form')
        .send({ _csrf: hiddenField(html, '_csrf') });
      expect({ status: connect.status, location: connect.headers.location }).toEqual({
        status: 303,
        location: '/demo',
      });
      const after = unescaped((await browser.get('/demo')).text);
      expect(after).toContain('Client not registered');
      expect(after).toContain('demo-client.json is missing or unreadable');
    } finally {
      await t.close();
    }
  });

  it('when DEMO_CLIENT_BACKCHANNEL_URL cannot be reached, the timeline says where it tried and what to change', async () => {
    const t = await startLoopbackTestApp({ SEED_DEMO: 'true', DEMO_CLIENT_BACKCHANNEL_URL: 'http://127.0.0.1:9' });
    try {
      const browser = t.browser();
      const page = unescaped((await browser.get('/demo')).text);
      await browser
        .post('/demo/connect')
        .type('form')
        .send({ _csrf: hiddenField(page, '_csrf') });
      const html = unescaped((await browser.get('/demo')).text);
      expect(html).toContain('GET http://127.0.0.1:9/.well-known/oauth-authorization-server');
      expect(html).toMatch(
        /The client got no answer from http:\/\/127.0.0.1:9\/.well-known\/oauth-authorization-server: \w+/,
      );
      expect(html).toContain('set DEMO_CLIENT_BACKCHANNEL_URL');
    } finally {
      await t.close();
    }
  });
});
