import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expectBearerError, expectErrorPage, expectTokenError } from './support/expectations.js';
import { obtainTokens } from './support/oauth-flow.js';
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
