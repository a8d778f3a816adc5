import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { inspect } from 'node:util';
import type request from 'supertest';
import type { Response } from 'supertest';
import { SignInService } from '../src/accounts/sign-in.service.js';
import { TokenEndpoint } from '../src/authorization/token/token-endpoint.service.js';
import { expectBearerError, expectErrorPage, expectTokenError } from './support/expectations.js';
import { LogCapture } from './support/log-capture.js';
import {
  authorizePath,
  hiddenField,
  introspectionRequest,
  redirectParams,
  tokenRequest,
} from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

type Agent = ReturnType<typeof request.agent>;

/** The forms a value can take in a log line: as sent, URL-encoded, form-encoded. */
const spellings = (value: string) => [
  value,
  encodeURIComponent(value),
  new URLSearchParams({ v: value }).toString().slice(2),
];

/**
 * No password, client secret, code, token, CSRF token, session cookie or code_verifier in any
 * log line (RFC 6749 sections 10.3 to 10.5: tokens and codes MUST be kept confidential),
 * through a whole flow with its failures and two unexpected errors.
 */
describe('log lines hold no credential', () => {
  let t: TestApp;
  let client: RegisteredClient;
  /** Every line the app's JSON logger writes, at every level. */
  const logs = new LogCapture();
  /** What the app wrote around Nest's logger: console.* and the process's own streams. */
  const written: string[] = [];
  /** Every credential-like value the flow used; none may appear in a log line. */
  const secrets = new Map<string, string>();
  const keep = (name: string, value: string | undefined) => {
    expect(value).toEqual(expect.any(String));
    expect(value!.length).toBeGreaterThanOrEqual(8);
    secrets.set(`${name} #${secrets.size}`, value!);
  };

  function keepCookies(res: Response): Response {
    const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    for (const cookie of cookies) keep('session cookie', cookie.split(';')[0]!.split('=').slice(1).join('='));
    return res;
  }

  function keepCsrf(res: Response): string {
    const csrf = hiddenField(res.text, '_csrf');
    keep('CSRF token', csrf);
    return csrf;
  }

  /** The browser leg with a wrong password first; returns the code the client receives. */
  async function browserLeg(browser: Agent, user: { username: string; password: string }, challenge: string) {
    const authorize = await browser.get(
      authorizePath({
        response_type: 'code',
        client_id: client.clientId,
        redirect_uri: client.redirectUri,
        scope: 'openid profile notes:read',
        state: 'state-for-logs',
        nonce: 'nonce-for-logs',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    const page = keepCookies(await browser.get(authorize.headers.location as string));
    const interaction = hiddenField(page.text, 'interaction');
    keep('interaction id', interaction);
    const login = (csrf: string, password: string) =>
      browser.post('/oauth/login').type('form').send({ interaction, _csrf: csrf, username: user.username, password });

    const failed = keepCookies(await login(keepCsrf(page), 'wrong password for the log test'));
    expect(failed.status).toBe(401);
    const loggedIn = keepCookies(await login(keepCsrf(failed), user.password));
    expect(loggedIn.status).toBe(303);
    const consent = keepCookies(await browser.get(loggedIn.headers.location as string));
    const approved = keepCookies(
      await browser
        .post('/oauth/consent')
        .type('form')
        .send({ interaction, _csrf: keepCsrf(consent), decision: 'approve' }),
    );
    const code = redirectParams(approved.headers.location as string).params.code;
    keep('authorization code', code);
    return code!;
  }

  /** The account page: a wrong password, then the right one. */
  async function accountLogins(browser: Agent, user: { username: string; password: string }) {
    const login = async (password: string) => {
      const page = keepCookies(await browser.get('/account'));
      const form = { _csrf: keepCsrf(page), username: user.username, password };
      return keepCookies(await browser.post('/account/login').type('form').send(form));
    };
    expect((await login('another wrong password')).headers.location).toBe('/account?failed');
    expect((await login(user.password)).headers.location).toBe('/account');
    keepCsrf(keepCookies(await browser.get('/account')));
  }

  /** Two unexpected errors whose messages quote the request: the filters log them as server_error. */
  async function unexpectedErrors(browser: Agent, user: { username: string; password: string }) {
    jest
      .spyOn(t.app.get(SignInService), 'signIn')
      .mockRejectedValueOnce(new Error(`lookup failed for ${user.username}:${user.password}`));
    const page = keepCookies(await browser.get('/account'));
    const form = { _csrf: keepCsrf(page), username: user.username, password: user.password };
    expectErrorPage(await browser.post('/account/login').type('form').send(form), 500, 'server_error');

    const { verifier } = pkcePair();
    keep('code_verifier', verifier);
    jest.spyOn(t.app.get(TokenEndpoint), 'handle').mockImplementationOnce(async (_client, body) => {
      throw new TypeError(`could not redeem ${body.code} with ${body.code_verifier} for ${client.clientSecret}`);
    });
    const code = 'an-unknown-code-for-the-log-test';
    keep('authorization code', code);
    const res = await tokenRequest(t, client, { grant_type: 'authorization_code', code, code_verifier: verifier });
    expectTokenError(res, 'server_error', 500);
  }

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...parts: unknown[]) => void written.push(inspect(parts)));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return write(chunk, ...rest);
      });
    }

    t = await startTestApp({}, { logger: logs.logger });
    client = await t.registerClient();
    keep('client secret', client.clientSecret);
    keep('client secret (HTTP Basic)', Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64'));
    const user = await t.registerUser('log-test-user', 'a passphrase only this test knows');
    keep('password', user.password);
    keep('wrong password', 'wrong password for the log test');
    keep('wrong password', 'another wrong password');

    const browser = t.browser();
    const { verifier, challenge } = pkcePair();
    keep('code_verifier', verifier);
    const code = await browserLeg(browser, user, challenge);

    // Failed token requests: a wrong client secret, then an unknown code with a wrong code_verifier.
    const redeem = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: client.redirectUri,
    };
    const wrongSecret = { ...client, clientSecret: 'not-the-client-secret-for-logs' };
    keep('wrong client secret', wrongSecret.clientSecret);
    expectTokenError(await tokenRequest(t, wrongSecret, redeem), 'invalid_client');
    const wrongVerifier = pkcePair().verifier;
    keep('wrong code_verifier', wrongVerifier);
    keep('unknown code', 'no-such-code-for-the-log-test');
    const unknownCode = { ...redeem, code: 'no-such-code-for-the-log-test', code_verifier: wrongVerifier };
    expectTokenError(await tokenRequest(t, client, unknownCode), 'invalid_grant');

    const issued = await tokenRequest(t, client, redeem);
    expect(issued.status).toBe(200);
    for (const name of ['access_token', 'refresh_token', 'id_token']) keep(name, issued.body[name]);

    // Refresh, then reuse the spent refresh token: the whole family is revoked.
    const refresh = (token: string) => tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: token });
    const rotated = await refresh(issued.body.refresh_token);
    expect(rotated.status).toBe(200);
    for (const name of ['access_token', 'refresh_token', 'id_token']) keep(name, rotated.body[name]);
    expectTokenError(await refresh(issued.body.refresh_token), 'invalid_grant');

    // The revoked family's newest access token at the API, and at introspection.
    const api = await t.http().get('/api/profile').auth(rotated.body.access_token, { type: 'bearer' });
    expectBearerError(api, 401, 'invalid_token');
    const introspection = await introspectionRequest(t, client, { token: rotated.body.refresh_token });
    expect(introspection.body).toEqual({ active: false });

    await accountLogins(t.browser(), user);
    await unexpectedErrors(t.browser(), user);
  });

  afterAll(async () => {
    await t.close();
    jest.restoreAllMocks();
  });

  // Without these the scan below could pass on an empty log.
  it('the capture received the lines of the app, including both unexpected errors', () => {
    const entries = logs.entries();
    expect(entries.filter(({ context }) => context === 'HTTP').length).toBeGreaterThanOrEqual(20);
    const errors = entries.filter(({ level }) => level === 'error');
    expect(errors.map(({ msg }) => msg)).toEqual([
      expect.stringMatching(/^Error \(message withheld\)\n\s+at /),
      expect.stringMatching(/^TypeError \(message withheld\)\n\s+at /),
    ]);
    expect(errors.every(({ requestId }) => typeof requestId === 'string')).toBe(true);
    expect(secrets.size).toBeGreaterThanOrEqual(20);
  });

  // RFC 6749 sections 10.3 to 10.5: access tokens, refresh tokens and codes MUST be kept confidential.
  it('no line, at any level, holds any of the values the flow used', () => {
    const lines = [...logs.raw, ...written];
    const leaks = [...secrets].flatMap(([name, value]) =>
      lines
        .filter((line) => spellings(value).some((spelling) => line.includes(spelling)))
        .map((line) => ({ name, line })),
    );
    expect(leaks).toEqual([]);
  });
});
