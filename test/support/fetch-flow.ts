import { expect } from '@jest/globals';
import { hiddenField } from './oauth-flow.js';
import { pkcePair } from './pkce.js';

/**
 * The code flow over real HTTP (fetch), for servers running as processes of their own
 * (test/support/server-process.ts), where supertest's in-process agent cannot reach.
 */

/** A client as the CLI's `client:create` prints it. */
export interface CliClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The JSON body, or `{}` when the body is not JSON. */
  body: Record<string, unknown>;
  text: string;
}

async function answer(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // An HTML page or an empty body.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * One browser: a cookie jar and no automatic redirects. The jar ignores the port, as
 * browsers do (RFC 6265 section 8.5), and as instances behind one origin would look.
 */
export class FetchBrowser {
  private readonly cookies = new Map<string, string>();

  get(url: string): Promise<HttpAnswer> {
    return this.send(url, { method: 'GET' });
  }

  postForm(url: string, form: Record<string, string>): Promise<HttpAnswer> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  private async send(url: string, init: RequestInit): Promise<HttpAnswer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) };
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return answer(response);
  }

  private store(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';');
    const separator = pair!.indexOf('=');
    const name = pair!.slice(0, separator).trim();
    const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, pair!.slice(separator + 1).trim());
  }
}

export interface FetchInteraction {
  interaction: string;
  csrf: string;
}

/** GET /oauth/interaction/:id on `base`: the login or consent form's hidden fields. */
export async function openInteraction(browser: FetchBrowser, base: string, path: string): Promise<FetchInteraction> {
  const page = await browser.get(`${base}${path}`);
  expect(page.status).toBe(200);
  return { interaction: hiddenField(page.text, 'interaction'), csrf: hiddenField(page.text, '_csrf') };
}

export interface CodeRequest {
  code_verifier: string;
  state: string;
}

export interface AuthorizationStart extends CodeRequest {
  /** The login or consent page the browser was sent to, if it was sent to one. */
  path?: string;
  /** The authorization response, when the server answered at once (e.g. `prompt=none`). */
  params?: Record<string, string>;
}

/** Sends the authorization request (PKCE S256, a fresh state) to `base`; `extra` adds parameters. */
export async function authorize(
  browser: FetchBrowser,
  base: string,
  client: CliClient,
  scope: string,
  extra: Record<string, string> = {},
): Promise<AuthorizationStart> {
  const { verifier, challenge } = pkcePair();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: client.redirect_uris[0]!,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  const res = await browser.get(`${base}/oauth/authorize?${query.toString()}`);
  // On failure, the error page's code (views/error.hbs) says why.
  expect({ status: res.status, error: /Error code: <code>([^<]*)</.exec(res.text)?.[1] }).toEqual({
    status: 302,
    error: undefined,
  });
  const location = res.headers.get('location')!;
  if (!location.startsWith('/')) {
    return { params: Object.fromEntries(new URL(location).searchParams), code_verifier: verifier, state };
  }
  expect(location).toMatch(/^\/oauth\/interaction\/[A-Za-z0-9_-]{43}$/);
  return { path: location, code_verifier: verifier, state };
}

/** Submits the login form on `base`; returns where the 303 sends the browser. */
export async function logIn(
  browser: FetchBrowser,
  base: string,
  step: FetchInteraction,
  user: { username: string; password: string },
): Promise<string> {
  const res = await browser.postForm(`${base}/oauth/login`, {
    ...user,
    interaction: step.interaction,
    _csrf: step.csrf,
  });
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

/** Approves on `base`; returns the authorization response's parameters. */
export async function approve(
  browser: FetchBrowser,
  base: string,
  step: FetchInteraction,
): Promise<Record<string, string>> {
  const res = await browser.postForm(`${base}/oauth/consent`, {
    interaction: step.interaction,
    _csrf: step.csrf,
    decision: 'approve',
  });
  expect(res.status).toBe(302);
  return Object.fromEntries(new URL(res.headers.get('location')!).searchParams);
}

/**
 * The browser leg, every step on `base` (or each on its own instance): authorization
 * request, login, and consent unless the user granted these scopes before.
 */
export async function obtainCode(
  base: string | { authorize: string; login: string; consent: string },
  client: CliClient,
  user: { username: string; password: string },
  scope: string,
): Promise<CodeRequest & { code: string }> {
  const on = typeof base === 'string' ? { authorize: base, login: base, consent: base } : base;
  const browser = new FetchBrowser();
  const request = await authorize(browser, on.authorize, client, scope);
  const login = await openInteraction(browser, on.authorize, request.path!);
  const next = await logIn(browser, on.login, login, user);
  const params = next.startsWith('/')
    ? await approve(browser, on.consent, await openInteraction(browser, on.consent, next))
    : Object.fromEntries(new URL(next).searchParams);
  expect(params.state).toBe(request.state);
  return { code: params.code!, code_verifier: request.code_verifier, state: request.state };
}

/** A form POST to a back-channel endpoint (`/oauth/token`, `/oauth/revoke`…) with HTTP Basic client authentication. */
export async function backChannel(
  base: string,
  path: string,
  client: CliClient,
  form: Record<string, string>,
): Promise<HttpAnswer> {
  const basic = Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`);
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic.toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
  return answer(response);
}

export function tokenRequest(base: string, client: CliClient, form: Record<string, string>): Promise<HttpAnswer> {
  return backChannel(base, '/oauth/token', client, form);
}

/** The token response to redeeming `code` at `base`; expects 200. */
export async function redeem(
  base: string,
  client: CliClient,
  code: CodeRequest & { code: string },
): Promise<{ access_token: string; refresh_token: string }> {
  const res = await tokenRequest(base, client, {
    grant_type: 'authorization_code',
    code: code.code,
    code_verifier: code.code_verifier,
    redirect_uri: client.redirect_uris[0]!,
  });
  expect(res.status).toBe(200);
  return res.body as { access_token: string; refresh_token: string };
}

/** GET `path` on `base` with a Bearer token. */
export async function bearerGet(base: string, path: string, token: string): Promise<HttpAnswer> {
  return answer(await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }));
}

/** The `kid` in a JWT's header. */
export function kidOf(jwt: string): string {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid;
}

/** The `iss` in a JWT's payload (not verified: the server verifies). */
export function issuerOf(jwt: string): string {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).iss;
}
