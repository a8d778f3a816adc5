import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLoopbackTestApp, type LoopbackTestApp } from './support/loopback-app.js';
import { authorizePath } from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import type { RegisteredClient } from './support/test-app.js';

/** A Chromium already on the machine (playwright-core downloads none); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The pages in a real browser, which enforces the headers the other specs only read: the CSP
 * must not block the consent form's redirect to another origin, nor anything the pages load,
 * and no other site may frame them.
 */
describe('the login and consent pages in Chromium', () => {
  let t: LoopbackTestApp;
  let client: RegisteredClient;
  let browser: Browser;
  /** The client's origin: localhost, while the server's is 127.0.0.1, so the redirect crosses origins. */
  let clientOrigin: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install one or set CHROMIUM_PATH`);
    t = await startLoopbackTestApp();
    clientOrigin = `http://localhost:${t.port}`;
    client = await t.registerClient({ redirectUris: [`${clientOrigin}/demo/callback`] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A new page that records every console message (CSP violations are reported there). */
  async function newPage(): Promise<{ page: Page; messages: string[] }> {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    return { page, messages };
  }

  // RFC 6749 section 4.1.2: approval sends the browser to the redirect_uri with code, state and iss.
  it('log in, approve, and land on the redirect_uri of another origin, with no CSP violation', async () => {
    const user = await t.registerUser();
    const { page, messages } = await newPage();
    const { challenge } = pkcePair();
    const authorize = authorizePath({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: 'profile',
      state: 'st-chromium',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    await page.goto(`${t.issuer}${authorize}`);
    await page.fill('#username', user.username);
    await page.fill('#password', user.password);
    await Promise.all([page.waitForURL(/\/oauth\/interaction\//), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('Allow access?');
    // The stylesheet applied: style-src 'self' lets /assets/app.css in.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('main')).maxWidth`)).toBe('448px');

    // The redirect_uri is the demo client's callback on the other origin: it receives the response,
    // refuses it (it never sent this request: no state of its own to match) and shows its own page.
    const [callback] = await Promise.all([
      page.waitForRequest((sent) => sent.url().startsWith(`${clientOrigin}/demo/callback?`)),
      page.waitForURL(`${clientOrigin}/demo`),
      page.click('button[value=approve]'),
    ]);
    const landed = new URL(callback.url());
    expect(landed.searchParams.get('state')).toBe('st-chromium');
    expect(landed.searchParams.get('iss')).toBe(t.issuer);
    expect(landed.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.textContent('#timeline .summary')).toContain('The client refused this response');
    expect(await page.textContent('body')).not.toContain(landed.searchParams.get('code')!);
    expect(messages).toEqual([]);
  });

  // RFC 9700 section 4.16 (RFC 6749 section 10.13): authorization servers MUST prevent clickjacking.
  it('another site cannot frame the login page', async () => {
    const { page, messages } = await newPage();
    const authorize = authorizePath({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: 'profile',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    await page.goto(`${t.issuer}${authorize}`);
    expect(await page.locator('#password').count()).toBe(1);
    const loginPage = page.url();

    // A page of no origin of ours (about:blank, without a CSP of its own) frames it.
    const framing = await newPage();
    const refusal = framing.page.waitForEvent('console', {
      predicate: (message) => message.text().includes('frame-ancestors'),
      timeout: 5000,
    });
    await framing.page.setContent(`<iframe src="${loginPage}"></iframe>`);
    expect((await refusal).text()).toContain(`"frame-ancestors 'none'". The request has been blocked.`);
    const frame = framing.page.frames().find((candidate) => candidate !== framing.page.mainFrame());
    expect(await frame!.locator('#password').count()).toBe(0);
    expect(messages).toEqual([]);
  });
});
