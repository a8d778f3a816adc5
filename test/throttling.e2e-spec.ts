import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { expectTokenError } from './support/expectations.js';
import { hiddenField, obtainTokens, startAuthorization, tokenRequest } from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;

/** Brute force against passwords (RFC 9700 section 4.16) and client secrets (RFC 6819 section 5.2.3.6). */
describe('throttling', () => {
  let t: TestApp;
  let client: RegisteredClient;

  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_IP: '10',
      CLIENT_REQUESTS_PER_MINUTE: '5',
    });
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  /** One login attempt through the authorization flow, from `ip` (TRUST_PROXY is off: the header is ignored). */
  async function attempt(agent: Agent, username: string, password: string, forwardedFor?: string) {
    const step = await startAuthorization(agent, {
      response_type: 'code',
      client_id: client.clientId,
      scope: 'profile',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const post = agent.post('/oauth/login').type('form');
    if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
    return post.send({ interaction: step.interaction, _csrf: step.csrf, username, password });
  }

  function expect429Page(res: request.Response) {
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Too many failed logins');
  }

  it('after 3 failures for one account, even the right password is refused with 429 and Retry-After', async () => {
    const user = await t.registerUser();
    const browser = t.browser();
    for (let i = 0; i < 3; i++) expect((await attempt(browser, user.username, 'wrong password')).status).toBe(401);
    expect429Page(await attempt(browser, user.username, user.password));
  });

  it('treats an unknown account exactly like a known one', async () => {
    const browser = t.browser();
    for (let i = 0; i < 3; i++) expect((await attempt(browser, 'nobody-here', 'wrong password')).status).toBe(401);
    expect429Page(await attempt(browser, 'nobody-here', 'wrong password'));
  });

  it('a success before the limit forgets the account failures', async () => {
    const user = await t.registerUser();
    expect((await attempt(t.browser(), user.username, 'wrong password')).status).toBe(401);
    expect((await attempt(t.browser(), user.username, 'wrong password')).status).toBe(401);
    expect((await attempt(t.browser(), user.username, user.password)).status).toBe(303);
    expect((await attempt(t.browser(), user.username, 'wrong password')).status).toBe(401);
    expect((await attempt(t.browser(), user.username, user.password)).status).toBe(303);
  });

  it('counts the failures of one IP across accounts, and a forged X-Forwarded-For does not escape it', async () => {
    // The tests above failed 9 times from 127.0.0.1, over several accounts; one more reaches 10.
    expect((await attempt(t.browser(), 'yet-another', 'wrong password')).status).toBe(401);
    const fresh = await t.registerUser();
    expect429Page(await attempt(t.browser(), fresh.username, fresh.password, '203.0.113.9'));
  });

  it('the account page login is throttled the same way', async () => {
    const browser = t.browser();
    const page = await browser.get('/account');
    const res = await browser
      .post('/account/login')
      .type('form')
      .send({ _csrf: hiddenField(page.text, '_csrf'), username: 'someone', password: 'x' });
    expect429Page(res);
  });

  it('limits each client to CLIENT_REQUESTS_PER_MINUTE at the token endpoint: 429 JSON with Retry-After', async () => {
    const limited = await t.registerClient();
    const form = { grant_type: 'authorization_code', code: 'x'.repeat(43), redirect_uri: limited.redirectUri };
    for (let i = 0; i < 5; i++) expectTokenError(await tokenRequest(t, limited, form), 'invalid_grant');
    const refused = await tokenRequest(t, limited, form);
    expectTokenError(refused, 'temporarily_unavailable', 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const other = await t.registerClient();
    expectTokenError(await tokenRequest(t, other, form), 'invalid_grant');
  });
});

describe('REFRESH_TOKEN_REUSE_GRACE=30', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ REFRESH_TOKEN_REUSE_GRACE: '30' });
  });
  afterAll(() => t.close());

  it('a just-rotated refresh token used again by its client gets a fresh pair, and the family stays alive', async () => {
    const client = await t.registerClient();
    const first = await obtainTokens(t, client, await t.registerUser(), 'profile');
    const rotated = await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    const retried = await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect([rotated.status, retried.status]).toEqual([200, 200]);
    expect(retried.body.refresh_token).not.toBe(rotated.body.refresh_token);
    for (const token of [rotated.body.access_token, retried.body.access_token]) {
      expect((await t.http().get('/api/profile').auth(token, { type: 'bearer' })).status).toBe(200);
    }
  });

  it('another client presenting the token is still refused', async () => {
    const client = await t.registerClient();
    const other = await t.registerClient();
    const tokens = await obtainTokens(t, client, await t.registerUser(), 'profile');
    await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expectTokenError(
      await tokenRequest(t, other, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      'invalid_grant',
    );
  });
});
