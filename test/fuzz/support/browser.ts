import { expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { authorizePath, hiddenField } from '../../support/oauth-flow.js';
import { pkcePair } from '../../support/pkce.js';
import type { RegisteredClient, TestApp } from '../../support/test-app.js';
import { FULL_SCOPE } from './fixture.js';
import { fuzzBody, fuzzMethod } from './bodies.js';
import { pathUnder, type FuzzRequest } from './fuzz-request.js';
import type { Parameters } from './parameters.js';
import { junkValue } from './values.js';
import type { Random } from './random.js';

/** A browser in the middle of an authorization: its session cookie and the form's hidden fields. */
export interface BrowserAtForm {
  cookie: string;
  interaction: string;
  csrf: string;
}

/** The session cookie a response sets, else the one the browser had. */
function sessionCookie(res: Response, previous = ''): string {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return set.find((cookie) => cookie.startsWith('oauth_session='))?.split(';')[0] ?? previous;
}

async function openPage(t: TestApp, path: string, cookie: string): Promise<BrowserAtForm> {
  const page = await t.http().get(path).set('cookie', cookie);
  expect(page.status).toBe(200);
  return {
    cookie: sessionCookie(page, cookie),
    interaction: hiddenField(page.text, 'interaction'),
    csrf: hiddenField(page.text, '_csrf'),
  };
}

/**
 * A new authorization request for `client` with `prompt=consent` (so the form stays open
 * after a login, even for scopes granted before), at its login page; with `logInAs`, logged
 * in and at the consent page.
 */
export async function browserAtForm(
  t: TestApp,
  client: RegisteredClient,
  logInAs?: { username: string; password: string },
): Promise<BrowserAtForm> {
  const authorize = await t.http().get(
    authorizePath({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: FULL_SCOPE,
      state: 'fuzz',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
      prompt: 'consent',
    }),
  );
  const path = authorize.headers.location as string;
  const login = await openPage(t, path, '');
  if (!logInAs) return login;
  const res = await t
    .http()
    .post('/oauth/login')
    .set('cookie', login.cookie)
    .type('form')
    .send({ interaction: login.interaction, _csrf: login.csrf, ...logInAs });
  expect(res.status).toBe(303);
  return openPage(t, path, sessionCookie(res, login.cookie));
}

/** Values for a form's hidden fields besides the real ones: unknown ids of the real shape, tampered CSRF tokens. */
export function forgedFields(browsers: readonly BrowserAtForm[]): { interaction: string[]; csrf: string[] } {
  return {
    interaction: [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')],
    csrf: browsers.map(({ csrf }) => csrf.slice(0, -2) + (csrf.endsWith('AA') ? 'BB' : 'AA')),
  };
}

/** A Cookie header: this browser's session mostly, else another's, a forged or odd one, or none. */
export function fuzzCookie(rng: Random, own: string, others: readonly string[] = []): string | undefined {
  const roll = rng.next();
  if (roll < 0.65) return own;
  if (roll < 0.75) return others.length ? rng.pick(others) : own;
  if (roll < 0.85) return undefined;
  if (roll < 0.9) return `${own.slice(0, -4)}AAAA`;
  return rng.pick([
    'oauth_session=',
    'oauth_session=junk',
    `oauth_session=${Buffer.from(junkValue(rng)).toString('base64')}`,
    `oauth_session=${'A'.repeat(rng.int(100, 8000))}`,
    `${own}; ${own}`,
    'a=b; c',
  ]);
}

/** A form POST to a browser endpoint, then varied: method, path, body format, the session cookie. */
export function browserFormRequest(rng: Random, path: string, params: Parameters, cookie: string | undefined) {
  const method = fuzzMethod(rng, ['POST']);
  const { headers, body } = fuzzBody(rng, params);
  const request: FuzzRequest = {
    method,
    path: pathUnder(rng, path),
    headers: { ...headers, ...(cookie === undefined ? {} : { cookie }) },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  };
  return request;
}
