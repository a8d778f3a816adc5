import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expectBearerError, expectErrorPage, expectTokenError } from './support/expectations.js';
import { obtainTokens, startAuthorization } from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

/** Errors raised while Fastify reads the body still come back in each channel's format. */
describe('unreadable requests', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let accessToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    accessToken = (await obtainTokens(t, client, await t.registerUser())).access_token;
  });
  afterAll(() => t.close());

  describe('token endpoint: RFC 6749 section 5.2 JSON', () => {
    it('malformed JSON -> invalid_request', async () => {
      const res = await t.http().post('/oauth/token').set('content-type', 'application/json').send('{"grant_type":');
      expectTokenError(res, 'invalid_request');
    });

    it('a body over 64 KiB -> 413 invalid_request', async () => {
      const res = await t
        .http()
        .post('/oauth/token')
        .type('form')
        .send(`grant_type=authorization_code&code=${'a'.repeat(70_000)}`);
      expectTokenError(res, 'invalid_request', 413);
    });

    it('a content type Fastify has no parser for -> 415 invalid_request', async () => {
      const res = await t.http().post('/oauth/token').set('content-type', 'application/xml').send('<grant_type/>');
      expectTokenError(res, 'invalid_request', 415);
    });

    it('text/plain (parsed, but not a form) -> 400 invalid_request', async () => {
      const res = await t.http().post('/oauth/token').set('content-type', 'text/plain').send('grant_type=x');
      expectTokenError(res, 'invalid_request');
    });
  });

  describe('API: RFC 6750 challenge', () => {
    it('malformed JSON -> 400 invalid_request with a Bearer challenge', async () => {
      const res = await t
        .http()
        .post('/api/notes')
        .auth(accessToken, { type: 'bearer' })
        .set('content-type', 'application/json')
        .send('{"text":');
      expectBearerError(res, 400, 'invalid_request');
    });

    it('a body over 64 KiB -> 413 with a Bearer challenge', async () => {
      const res = await t
        .http()
        .post('/api/notes')
        .auth(accessToken, { type: 'bearer' })
        .send({ text: 'a'.repeat(70_000) });
      expectBearerError(res, 413, 'invalid_request');
    });
  });

  describe('browser forms and unknown pages: an HTML error page', () => {
    it('an unknown path -> 404 page', async () => {
      expectErrorPage(await t.http().get('/no/such/page'), 404, 'not_found');
    });

    it('a login form over 64 KiB -> 413 page', async () => {
      const res = await t
        .http()
        .post('/oauth/login')
        .type('form')
        .send(`interaction=x&password=${'a'.repeat(70_000)}`);
      expectErrorPage(res, 413, 'invalid_request');
    });

    it('an interaction id over 100 characters -> the same error page as any unknown id, not the router 414', async () => {
      const res = await t.http().get(`/oauth/interaction/${'a'.repeat(1_000)}`);
      expectErrorPage(res, 400, 'invalid_request');
    });
  });
});

/**
 * A NUL (%00) is no part of any OAuth parameter, and PostgreSQL text cannot hold one: found by
 * the fuzz suites on the PostgreSQL run, where it reached a lookup and answered 500.
 */
describe('a NUL character in a parameter', () => {
  let t: TestApp;
  let client: RegisteredClient;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  it('in client_id at the token endpoint -> 400 invalid_request', async () => {
    const res = await t
      .http()
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: `${client.clientId}\u0000`, client_secret: 'x' });
    expectTokenError(res, 'invalid_request', 400);
  });

  it('in the client_id of a Basic header -> 401 invalid_client', async () => {
    const res = await t
      .http()
      .post('/oauth/introspect')
      .auth(`${client.clientId}%00`, client.clientSecret!)
      .type('form')
      .send({ token: 'x' });
    expectTokenError(res, 'invalid_client', 401);
  });

  it('in client_id at the authorize endpoint -> the error page (the client is unverified)', async () => {
    const res = await t.http().get(`/oauth/authorize?response_type=code&client_id=a%00b&state=s`);
    expectErrorPage(res, 400, 'invalid_request');
  });

  it('in the username of a login form with a valid CSRF token -> the error page', async () => {
    const browser = t.browser();
    const step = await startAuthorization(browser, {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: 'profile',
      state: 's',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const res = await browser
      .post('/oauth/login')
      .type('form')
      .send({ interaction: step.interaction, _csrf: step.csrf, username: 'a\u0000b', password: 'p' });
    expectErrorPage(res, 400, 'invalid_request');
  });
});
