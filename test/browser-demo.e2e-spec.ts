import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_SESSION_COOKIE, DemoSessions } from '../src/demo-client/session/demo-sessions.service.js';
import { PROJECT_ROOT } from '../src/project-root.js';
import { DEMO_USER } from '../src/seed/demo-seed.service.js';
import { startLoopbackTestApp, type LoopbackTestApp } from './support/loopback-app.js';

/** A Chromium already on the machine (playwright-core downloads none); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** SCREENSHOTS=1 refreshes the committed images; otherwise they go to a temporary folder. */
const KEEP_SCREENSHOTS = process.env.SCREENSHOTS === '1';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
/** A loaded machine runs Chromium slowly: each test gets minutes, and waits on elements, never on time. */
const TIMEOUT = 240_000;

type User = { username: string; password: string };
type Viewport = typeof PHONE;

/** What went wrong in a page: console errors, uncaught exceptions, CSP violations. */
interface Watched {
  page: Page;
  problems: string[];
}

/** Reported by the page itself, in every document: Chromium also logs the violation as a console error. */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));`;

/** Marks the current document, so that a wait can tell the next one from it. */
const markStale = (page: Page) => page.evaluate(`document.documentElement.dataset.stale = ''`);
/** An element of a document loaded since the last markStale. */
const fresh = (page: Page, selector: string) => page.locator(`html:not([data-stale]) ${selector}`);

/**
 * The demo as a person uses it, in Chromium: clicking and typing only, from the home page through
 * the authorization server's login and consent pages to the client's flow inspector and back.
 */
describe('the demo in Chromium', () => {
  let t: LoopbackTestApp;
  let browser: Browser;
  let shots: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install one or set CHROMIUM_PATH`);
    shots = KEEP_SCREENSHOTS ? join(PROJECT_ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'screens-'));
    mkdirSync(shots, { recursive: true });
    t = await startLoopbackTestApp({ SEED_DEMO: 'true' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
    if (!KEEP_SCREENSHOTS && shots) rmSync(shots, { recursive: true, force: true });
  });

  /** A new browser profile (its own cookies) and a page in it that records what went wrong. */
  async function newPage(viewport: Viewport = DESKTOP): Promise<Watched> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addInitScript(REPORT_CSP_VIOLATIONS);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
    return { page, problems };
  }

  /** Clicks (or otherwise acts) and waits for the next document to show `selector`. */
  async function andWait(page: Page, action: () => Promise<void>, selector: string): Promise<void> {
    await markStale(page);
    await action();
    await fresh(page, selector).first().waitFor();
    await page.waitForLoadState('load');
  }

  /** Presses one of the demo client's buttons and waits for its page again. */
  async function press(page: Page, name: string): Promise<void> {
    await andWait(page, () => page.getByRole('button', { name, exact: true }).click(), '#client-status');
  }

  /** The newest entry of the flow inspector's timeline: its heading and whole text. */
  async function newestStep(page: Page): Promise<{ heading: string; text: string }> {
    const entry = page.locator('#timeline > li').first();
    return {
      heading: (await entry.locator('h3').innerText()).replace(/\s+/g, ' '),
      text: (await entry.textContent()) ?? '',
    };
  }

  /** The headings of the timeline, newest first, one line each. */
  async function timeline(page: Page): Promise<string[]> {
    const headings = await page.locator('#timeline > li h3').allInnerTexts();
    return headings.map((heading) => heading.replace(/\s+/g, ' ').trim());
  }

  /**
   * (B) at the authorization server, by hand: logs in if it asks, approves or denies if it asks,
   * and waits for `landed` (an element of the client's page) in the document that follows.
   */
  async function atTheServer(page: Page, user: User, decision: 'Approve' | 'Deny', landed: string): Promise<void> {
    const next = `:is(#password, button[value=approve], ${landed})`;
    await fresh(page, next).first().waitFor();
    if ((await page.locator('#password').count()) > 0) {
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
      await page.getByLabel('Username').fill(user.username);
      await page.getByLabel('Password').fill(user.password);
      await andWait(page, () => page.getByRole('button', { name: 'Sign in' }).click(), next);
    }
    if ((await page.locator('button[value=approve]').count()) > 0) {
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Allow access?');
      await andWait(page, () => page.getByRole('button', { name: decision }).click(), landed);
    }
    await fresh(page, landed).first().waitFor();
  }

  /** Opens /demo and runs Connect through the server as `user`. */
  async function connectAs(page: Page, user: User, decision: 'Approve' | 'Deny' = 'Approve'): Promise<void> {
    await page.goto(`${t.issuer}/demo`);
    await markStale(page);
    await page.getByRole('button', { name: 'Connect' }).click();
    await atTheServer(page, user, decision, '#client-status');
  }

  /** The demo client's own record of this browser, read as the client reads it. */
  async function clientSession(page: Page) {
    const cookie = (await page.context().cookies()).find((candidate) => candidate.name === DEMO_SESSION_COOKIE);
    return (await t.app.get(DemoSessions).open(cookie?.value)).state;
  }

  /** Starts a real sign-in at /demo/spa, stops at the server's login page, and returns what the script stored. */
  async function spaSignInStarted(page: Page): Promise<{ state: string; issuer: string }> {
    await page.goto(`${t.issuer}/demo/spa`);
    await markStale(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await fresh(page, '#password').waitFor();
    const stored = await page.evaluate<string | null>(`sessionStorage.getItem('demo-spa:pending-authorization')`);
    return JSON.parse(stored!) as { state: string; issuer: string };
  }

  /** Brings `response` to the SPA's redirect URI; returns the error it shows and the token requests it made. */
  async function spaAnswered(page: Page, response: Record<string, string>) {
    const metadata = await t.http().get('/.well-known/oauth-authorization-server');
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(metadata.body.token_endpoint as string)) tokenRequests.push(request.url());
    });
    await page.goto(`${t.issuer}/demo/spa?${new URLSearchParams(response)}`);
    // The checks come before any request: once the error shows, the page has nothing left to send.
    await page.locator('#error:not(:empty)').waitFor();
    return { error: await textOf(page.locator('#error')), tokenRequests };
  }

  const textOf = async (locator: Locator) => ((await locator.innerText()) ?? '').replace(/\s+/g, ' ').trim();
  const overflow = (page: Page) =>
    page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
    );
  /** Inputs a screen reader cannot name: neither a <label> nor aria-label(ledby). */
  const unlabelledInputs = (page: Page) =>
    page.evaluate<string[]>(
      `[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((input) => input.labels.length === 0 && !input.getAttribute('aria-label') && !input.getAttribute('aria-labelledby'))
        .map((input) => input.outerHTML)`,
    );
  /** The page fits the viewport's width, and every input has a name. */
  async function expectWellLaidOut(page: Page, name: string): Promise<void> {
    const { scrollWidth, innerWidth } = await overflow(page);
    expect({ page: name, overflowsBy: Math.max(0, scrollWidth - innerWidth) }).toEqual({ page: name, overflowsBy: 0 });
    expect({ page: name, unlabelled: await unlabelledInputs(page) }).toEqual({ page: name, unlabelled: [] });
  }
  /** A PNG of the viewport, or of the page's top `maxHeight` pixels: small enough to commit. */
  async function screenshot(page: Page, file: string, maxHeight?: number): Promise<void> {
    const options = { path: join(shots, file), animations: 'disabled', caret: 'hide' } as const;
    if (maxHeight === undefined) return void (await page.screenshot(options));
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    const { width } = page.viewportSize()!;
    await page.screenshot({
      ...options,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) },
    });
  }

  // RFC 6749 sections 4.1 (the grant), 6 (refresh), 7 (the API); RFC 7009 (revocation); RFC 9700 section 4.14.2.
  it(
    'a person clicks through the whole demo: connect, call the API, a note, refresh, reuse, revoke, start over',
    async () => {
      const { page, problems } = await newPage();
      await page.goto(`${t.issuer}/`);
      // <!doctype html>: the pages render in standards mode.
      expect(await page.evaluate('document.compatMode')).toBe('CSS1Compat');
      await andWait(page, () => page.getByRole('link', { name: 'Open the demo client' }).click(), '#client-status');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Demo Notes App');
      expect(await textOf(page.locator('#timeline-empty'))).toBe('Nothing yet: press Connect to start the flow.');

      await markStale(page);
      await page.getByRole('button', { name: 'Connect' }).click();
      await fresh(page, '#password').waitFor();
      expect(await textOf(page.locator('main'))).toContain('Demo Notes App wants to access your account.');
      await atTheServer(page, DEMO_USER, 'Approve', '#client-status');

      // Back at the client: every leg of figure 3, and the tokens masked.
      expect(page.url()).toBe(`${t.issuer}/demo`);
      expect(await textOf(page.getByRole('status'))).toBe(
        'Connected: the client holds an access token for your account.',
      );
      expect(await timeline(page)).toEqual([
        'Figure 3 (D) → (E) Token request (code exchange) done',
        'Figure 3 (C) Authorization response done',
        'Figure 3 (A) Authorization request done',
        'RFC 8414 Server metadata done',
      ]);
      const tokens = (await clientSession(page)).tokens!;
      const masked = await textOf(page.locator('#access-token'));
      expect(masked).toMatch(/^eyJhbG…\(\d+ chars\)$/);
      expect(await textOf(page.locator('#var-refresh-token'))).toMatch(/…\(\d+ chars\) for \(G\)$/);
      expect(await textOf(page.locator('#var-scope'))).toBe('openid profile notes:read notes:write granted');
      expect(await textOf(page.locator('#access-token-countdown'))).toMatch(/^\(in (\d+ min )?\d+ s\)$/);
      const html = await page.content();
      for (const secret of [tokens.accessToken, tokens.refreshToken!, tokens.idToken!])
        expect(html).not.toContain(secret);

      await press(page, 'Call API: profile');
      let step = await newestStep(page);
      expect(step.heading).toBe('Figure 1 (E) → (F) API: GET /api/profile done');
      expect(step.text).toContain('"username": "demo"');
      expect(step.text).toContain('"name": "Demo User"');

      await page.getByLabel('New note').fill('Buy oat milk');
      await andWait(page, () => page.getByRole('button', { name: 'Add note' }).click(), '#client-status');
      expect((await newestStep(page)).heading).toBe('Figure 1 (E) → (F) API: POST /api/notes done');
      await press(page, 'Call API: notes');
      step = await newestStep(page);
      expect(step.heading).toBe('Figure 1 (E) → (F) API: GET /api/notes done');
      expect(step.text).toContain('"text": "Buy oat milk"');

      // Refresh: new tokens, and the old refresh token, sent again, is refused and ends the authorization.
      await press(page, 'Refresh tokens');
      expect((await newestStep(page)).heading).toBe('Figure 2 (G) → (H) Refresh done');
      const refreshed = (await clientSession(page)).tokens!;
      expect(refreshed.accessToken).not.toBe(tokens.accessToken);
      expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
      expect(await textOf(page.locator('#var-previous-refresh-token'))).toMatch(/rotated away by the last refresh$/);
      await press(page, 'Reuse the old refresh token');
      step = await newestStep(page);
      expect(step.heading).toBe('Figure 2 (G) → (H) Refresh with the old refresh token refused');
      expect(step.text).toContain('"error": "invalid_grant"');
      await press(page, 'Call API: profile');
      step = await newestStep(page);
      expect(step.heading).toBe('Figure 1 (E) → (F) API: GET /api/profile refused');
      expect(step.text).toContain('401 Unauthorized');

      await press(page, 'Start over');
      expect(await textOf(page.locator('#timeline-empty'))).toBe('Nothing yet: press Connect to start the flow.');
      expect(await page.locator('#access-token').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Call API: profile' }).count()).toBe(0);

      // A new authorization, then Revoke: the API refuses the access token at once.
      await markStale(page);
      await page.getByRole('button', { name: 'Connect' }).click();
      await atTheServer(page, DEMO_USER, 'Approve', '#client-status');
      expect((await newestStep(page)).heading).toBe('Figure 3 (D) → (E) Token request (code exchange) done');
      await press(page, 'Revoke tokens');
      expect((await newestStep(page)).heading).toBe('RFC 7009 Token revocation done');
      expect(await textOf(page.locator('#access-token'))).toMatch(/revoked$/);
      await press(page, 'Call API: notes');
      step = await newestStep(page);
      expect(step.heading).toBe('Figure 1 (E) → (F) API: GET /api/notes refused');
      expect(step.text).toContain('401 Unauthorized');
      expect(step.text).toContain('error="invalid_token"');

      await press(page, 'Start over');
      expect(await page.locator('#timeline > li').count()).toBe(0);
      expect(await textOf(page.getByRole('status'))).toBe('Not connected: the client holds no token.');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  // RFC 6749 section 4.1.2.1.
  it(
    'Deny at the consent page: the client gets access_denied, and no token',
    async () => {
      const { page, problems } = await newPage();
      await connectAs(page, await t.registerUser(), 'Deny');
      const step = await newestStep(page);
      expect(step.heading).toBe('Figure 3 (C) Authorization response refused');
      expect(step.text).toContain('access_denied');
      expect(await textOf(page.getByRole('status'))).toBe('Not connected: the client holds no token.');
      expect(await page.locator('#access-token').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Call API: profile' }).count()).toBe(0);
      expect((await clientSession(page)).tokens).toBeUndefined();
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  // RFC 6749 section 4.1 for a public client with PKCE (RFC 7636); RFC 9700 section 4.3.1 (the code leaves the URL).
  it(
    'the single-page app: sign in, the code gone from the address bar, the API, a note, refresh, sign out',
    async () => {
      const { page, problems } = await newPage();
      await page.goto(`${t.issuer}/`);
      await andWait(page, () => page.getByRole('link', { name: 'single-page app' }).click(), '#sign-in');
      await markStale(page);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await atTheServer(page, DEMO_USER, 'Approve', '#spa');
      await page.locator('#status', { hasText: 'Signed in as demo.' }).waitFor();
      expect(page.url()).toBe(`${t.issuer}/demo/spa`);
      expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
      expect(await textOf(page.locator('#profile'))).toContain('Username demo Name Demo User Email demo@example.com');
      expect(await page.locator('#signed-out').isHidden()).toBe(true);

      await page.getByLabel('New note').fill('Written in the single-page app');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.locator('#status', { hasText: 'Note added.' }).waitFor();
      expect(await page.locator('#notes li').allInnerTexts()).toContainEqual(
        expect.stringContaining('Written in the single-page app'),
      );

      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.locator('#status', { hasText: 'New tokens received' }).waitFor();
      await page.getByRole('button', { name: 'Call API' }).click();
      await page.locator('#status', { hasText: 'Profile and notes loaded.' }).waitFor();
      expect(await page.locator('#result').innerText()).toContain('GET /api/notes: HTTP 200');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('#status', { hasText: 'Signed out: the tokens are revoked.' }).waitFor();
      expect(await page.locator('#signed-in').isHidden()).toBe(true);
      expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
      expect(await textOf(page.locator('#error'))).toBe('');
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  // RFC 6749 section 10.12: a response with a state this tab did not send is not used (CSRF).
  it(
    'the single-page app ignores an authorization response with a forged state, and sends no token request',
    async () => {
      const { page, problems } = await newPage();
      const pending = await spaSignInStarted(page);
      const { error, tokenRequests } = await spaAnswered(page, { code: 'x', state: 'forged', iss: pending.issuer });
      expect(error).toContain('(state mismatch)');
      expect(tokenRequests).toEqual([]);
      expect(await page.locator('#signed-in').isHidden()).toBe(true);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  // RFC 9207 section 2.4: a response naming another issuer is not used (mix-up).
  it(
    'the single-page app ignores an authorization response from another issuer, and sends no token request',
    async () => {
      const { page, problems } = await newPage();
      const pending = await spaSignInStarted(page);
      expect(pending.issuer).toBe(t.issuer);
      const { error, tokenRequests } = await spaAnswered(page, {
        code: 'x',
        state: pending.state,
        iss: 'https://evil.example',
      });
      expect(error).toContain('(iss mismatch)');
      expect(tokenRequests).toEqual([]);
      expect(await page.locator('#signed-in').isHidden()).toBe(true);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  // The resource server answers for the token's subject only.
  it(
    "a second user, connected through the demo, sees none of the first one's notes",
    async () => {
      const [first, second] = [await t.registerUser(), await t.registerUser()];
      const one = await newPage();
      await connectAs(one.page, first);
      await one.page.getByLabel('New note').fill(`A secret of ${first.username}`);
      await andWait(one.page, () => one.page.getByRole('button', { name: 'Add note' }).click(), '#client-status');
      expect((await newestStep(one.page)).heading).toBe('Figure 1 (E) → (F) API: POST /api/notes done');

      const two = await newPage();
      await connectAs(two.page, second);
      await press(two.page, 'Call API: notes');
      const step = await newestStep(two.page);
      expect(step.heading).toBe('Figure 1 (E) → (F) API: GET /api/notes done');
      expect(step.text).toContain('"notes": []');
      expect(await two.page.content()).not.toContain(`A secret of ${first.username}`);
      expect([...one.problems, ...two.problems]).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'works from the keyboard: Tab reaches Connect, then username, password and Sign in in order; Enter acts',
    async () => {
      const { page, problems } = await newPage();
      const user = await t.registerUser();
      await page.goto(`${t.issuer}/demo`);
      const focused = () =>
        page.evaluate<string>(`document.activeElement.id || document.activeElement.textContent.trim()`);
      /** Tabs until `id` has the focus, and returns what had it on the way. */
      async function tabTo(id: string): Promise<string[]> {
        const seen: string[] = [];
        for (let n = 0; n < 40 && seen.at(-1) !== id; n++) {
          await page.keyboard.press('Tab');
          seen.push(await focused());
        }
        expect(seen.at(-1)).toBe(id);
        return seen;
      }
      await tabTo('connect');
      await markStale(page);
      await page.keyboard.press('Enter');
      await fresh(page, '#password').waitFor();

      // The username field has the focus (autofocus); Tab moves to the password, then to Sign in.
      expect(await focused()).toBe('username');
      await page.keyboard.type(user.username);
      expect(await tabTo('Sign in')).toEqual(['password', 'Sign in']);
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('password');
      await page.keyboard.type(user.password);
      await markStale(page);
      await page.keyboard.press('Enter');
      await fresh(page, 'button[value=approve]').waitFor();
      await tabTo('Approve');
      await andWait(page, () => page.keyboard.press('Enter'), '#client-status');
      expect(await textOf(page.getByRole('status'))).toBe(
        'Connected: the client holds an access token for your account.',
      );
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  describe.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('at %s size', (size, viewport) => {
    it(
      'login, consent, the filled inspector, /account and /demo/spa fit the width, label every input, and log no error',
      async () => {
        const { page, problems } = await newPage(viewport);
        const user = await t.registerUser();
        const desktop = size === 'desktop';
        await page.goto(`${t.issuer}/`);
        await expectWellLaidOut(page, 'home');

        await page.goto(`${t.issuer}/demo`);
        await expectWellLaidOut(page, 'demo (empty)');
        await markStale(page);
        await page.getByRole('button', { name: 'Connect' }).click();
        await fresh(page, '#password').waitFor();
        await page.getByLabel('Username').fill(user.username);
        await expectWellLaidOut(page, 'login');
        if (desktop) await screenshot(page, 'login.png');
        await page.getByLabel('Password').fill(user.password);
        await andWait(page, () => page.getByRole('button', { name: 'Sign in' }).click(), 'button[value=approve]');
        await expectWellLaidOut(page, 'consent');
        if (desktop) await screenshot(page, 'consent.png');
        await andWait(page, () => page.getByRole('button', { name: 'Approve' }).click(), '#client-status');

        await press(page, 'Call API: profile');
        await page.getByLabel('New note').fill('Water the plants on Friday');
        await andWait(page, () => page.getByRole('button', { name: 'Add note' }).click(), '#client-status');
        await press(page, 'Call API: notes');
        await press(page, 'Refresh tokens');
        expect(await page.locator('#timeline > li').count()).toBe(8);
        await expectWellLaidOut(page, 'demo (filled)');
        await screenshot(page, `inspector-${size}.png`, desktop ? 1700 : 2400);

        await page.goto(`${t.issuer}/account`);
        if ((await page.locator('#password').count()) > 0) {
          await page.getByLabel('Username').fill(user.username);
          await page.getByLabel('Password').fill(user.password);
          await andWait(page, () => page.getByRole('button', { name: 'Sign in' }).click(), 'h1');
        }
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your account');
        expect(await page.getByRole('button', { name: 'Revoke access for Demo Notes App' }).isVisible()).toBe(true);
        await expectWellLaidOut(page, 'account');
        if (desktop) await screenshot(page, 'account.png');

        await page.goto(`${t.issuer}/demo/spa`);
        await expectWellLaidOut(page, 'spa (signed out)');
        await markStale(page);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await atTheServer(page, user, 'Approve', '#spa');
        await page.locator('#status', { hasText: `Signed in as ${user.username}.` }).waitFor();
        await expectWellLaidOut(page, 'spa (signed in)');
        expect(problems).toEqual([]);
      },
      TIMEOUT,
    );
  });
});
