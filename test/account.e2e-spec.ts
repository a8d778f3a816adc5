import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type request from 'supertest';
import { expectBearerError, expectErrorPage, expectTokenError } from './support/expectations.js';
import {
  decide,
  hiddenField,
  obtainCode,
  obtainTokens,
  startAuthorization,
  tokenRequest,
} from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;
type User = { id: string; username: string; password: string };

/** The account page: the resource owner's control over what they granted, and logout. */
describe('GET /account, grant revocation and logout', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: User;
  let browser: Agent;

  async function logInToAccount(agent: Agent, who: User): Promise<string> {
    const form = await agent.get('/account');
    const res = await agent
      .post('/account/login')
      .type('form')
      .send({ _csrf: hiddenField(form.text, '_csrf'), username: who.username, password: who.password });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    return (await agent.get('/account')).text;
  }

  const revokeForm = (page: string) => /action="\/account\/grants\/([^/]+)\/revoke"/.exec(page)?.[1];

  const introspect = (token: string) =>
    t.http().post('/oauth/introspect').auth(client.clientId, client.clientSecret!).type('form').send({ token });

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
  });
  beforeEach(async () => {
    user = await t.registerUser();
    browser = t.browser();
  });
  afterAll(() => t.close());

  it('asks a visitor who is not logged in to sign in, and says no more after a wrong password', async () => {
    const page = await browser.get('/account');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('action="/account/login"');
    const res = await browser
      .post('/account/login')
      .type('form')
      .send({ _csrf: hiddenField(page.text, '_csrf'), username: user.username, password: 'wrong password' });
    expect(res.headers.location).toBe('/account?failed');
    expect((await browser.get('/account?failed')).text).toContain('Wrong username or password.');
  });

  it('lists the apps the user connected, with their scopes and dates', async () => {
    await obtainTokens(t, client, user, 'profile notes:read');
    const page = await logInToAccount(browser, user);
    expect(page).toContain('Test Client');
    expect(page).toContain('See your name and username');
    expect(page).toContain('Read your notes');
    expect(page).toMatch(/Allowed \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(revokeForm(page)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('revoking a grant stops every token and code of it at once', async () => {
    const tokens = await obtainTokens(t, client, user, 'profile notes:read');
    const pending = await obtainCode(t, client, user, 'profile notes:read');
    const page = await logInToAccount(browser, user);

    const res = await browser
      .post(`/account/grants/${revokeForm(page)}/revoke`)
      .type('form')
      .send({ _csrf: hiddenField(page, '_csrf') });
    expect(res.status).toBe(303);
    expect((await browser.get('/account')).text).toContain('No app has access to your account.');

    expectBearerError(
      await t.http().get('/api/profile').auth(tokens.access_token, { type: 'bearer' }),
      401,
      'invalid_token',
    );
    expectTokenError(
      await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      'invalid_grant',
    );
    expect((await introspect(tokens.access_token)).body).toEqual({ active: false });
    expect((await introspect(tokens.refresh_token)).body).toEqual({ active: false });
    const exchange = await tokenRequest(t, client, {
      grant_type: 'authorization_code',
      code: pending.code,
      code_verifier: pending.verifier,
      redirect_uri: client.redirectUri,
    });
    expectTokenError(exchange, 'invalid_grant');
  });

  it('after a revocation, the next authorization asks for consent again', async () => {
    await obtainTokens(t, client, user, 'profile');
    const page = await logInToAccount(browser, user);
    await browser
      .post(`/account/grants/${revokeForm(page)}/revoke`)
      .type('form')
      .send({ _csrf: hiddenField(page, '_csrf') });

    const step = await startAuthorization(browser, {
      response_type: 'code',
      client_id: client.clientId,
      scope: 'profile',
      state: 's',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    expect(step.html).toContain('name="decision"');
    expect((await decide(browser, step, 'approve')).params.code).toEqual(expect.any(String));
  });

  it('refuses a revocation without the CSRF token (403) and keeps the grant', async () => {
    const tokens = await obtainTokens(t, client, user, 'profile');
    const page = await logInToAccount(browser, user);
    const res = await browser
      .post(`/account/grants/${revokeForm(page)}/revoke`)
      .type('form')
      .send({ _csrf: 'forged' });
    expectErrorPage(res, 403);
    expect((await t.http().get('/api/profile').auth(tokens.access_token, { type: 'bearer' })).status).toBe(200);
  });

  it("one user cannot revoke another user's grant", async () => {
    const tokens = await obtainTokens(t, client, user, 'profile');
    const grantId = revokeForm(await logInToAccount(t.browser(), user));
    const other = await t.registerUser();
    const otherPage = await logInToAccount(browser, other);
    await browser
      .post(`/account/grants/${grantId}/revoke`)
      .type('form')
      .send({ _csrf: hiddenField(otherPage, '_csrf') });
    expect((await t.http().get('/api/profile').auth(tokens.access_token, { type: 'bearer' })).status).toBe(200);
  });

  it('POST /logout ends the login session everywhere: even a copy of the old cookie is logged out', async () => {
    const page = await logInToAccount(browser, user);
    const loggedInCookie = (await browser.get('/account')).request.cookies;
    // The copy is a working login before the logout...
    expect((await t.http().get('/account').set('Cookie', loggedInCookie)).text).toContain('action="/logout"');
    const res = await browser
      .post('/logout')
      .type('form')
      .send({ _csrf: hiddenField(page, '_csrf') });
    expect(res.status).toBe(303);
    expect((await browser.get('/account')).text).toContain('action="/account/login"');
    // ...and not after it: the login session ended on the server, not only in this browser.
    const replay = await t.http().get('/account').set('Cookie', loggedInCookie);
    expect(replay.text).toContain('action="/account/login"');
  });

  it('refuses a logout without the CSRF token (403) and stays logged in', async () => {
    await logInToAccount(browser, user);
    expectErrorPage(await browser.post('/logout').type('form').send({}), 403);
    expect((await browser.get('/account')).text).toContain('action="/logout"');
  });
});
