import { expect } from '@jest/globals';
import type request from 'supertest';
import { pkcePair } from './pkce.js';
import type { RegisteredClient, TestApp } from './test-app.js';

type Agent = ReturnType<typeof request.agent>;

/** Builds `/oauth/authorize?...`; undefined values are left out. */
export function authorizePath(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.append(name, value);
  return `/oauth/authorize?${query.toString()}`;
}

/** The hidden `name` field's value in a rendered form. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`No hidden field ${name} in page:\n${html}`);
  return match[1]!;
}

/** Parses a redirect's Location into its URL and query parameters. */
export function redirectParams(location: string | undefined): { url: URL; params: Record<string, string> } {
  expect(location).toBeDefined();
  const url = new URL(location!);
  return { url, params: Object.fromEntries(url.searchParams) };
}

export interface InteractionStep {
  path: string;
  html: string;
  interaction: string;
  csrf: string;
}

/** Sends the authorization request and follows the redirect to the login/consent page. */
export async function startAuthorization(
  browser: Agent,
  params: Record<string, string | undefined>,
): Promise<InteractionStep> {
  const authorize = await browser.get(authorizePath(params));
  expect(authorize.status).toBe(302);
  const path = authorize.headers.location as string;
  expect(path).toMatch(/^\/oauth\/interaction\/[A-Za-z0-9_-]{43}$/);
  return openInteraction(browser, path);
}

export async function openInteraction(browser: Agent, path: string): Promise<InteractionStep> {
  const page = await browser.get(path);
  expect(page.status).toBe(200);
  return {
    path,
    html: page.text,
    interaction: hiddenField(page.text, 'interaction'),
    csrf: hiddenField(page.text, '_csrf'),
  };
}

/** Submits the login form; a successful login answers 303. */
export async function submitLogin(browser: Agent, step: InteractionStep, username: string, password: string) {
  const res = await browser
    .post('/oauth/login')
    .type('form')
    .send({ interaction: step.interaction, _csrf: step.csrf, username, password });
  expect(res.status).toBe(303);
  return res;
}

/** Submits the login form and returns the consent page that follows. */
export async function logIn(
  browser: Agent,
  step: InteractionStep,
  username: string,
  password: string,
): Promise<InteractionStep> {
  const res = await submitLogin(browser, step, username, password);
  expect(res.headers.location).toMatch(/^\/oauth\/interaction\//);
  return openInteraction(browser, res.headers.location as string);
}
/** Approves or denies on the consent page; returns the redirect back to the client. */
export async function decide(browser: Agent, step: InteractionStep, decision: 'approve' | 'deny') {
  const res = await browser
    .post('/oauth/consent')
    .type('form')
    .send({ interaction: step.interaction, _csrf: step.csrf, decision });
  expect(res.status).toBe(302);
  return redirectParams(res.headers.location as string);
}

export interface IssuedCode {
  code: string;
  verifier: string;
  state: string;
  params: Record<string, string>;
}

/** Runs the browser leg for `user` and returns the code the client received. */
export async function obtainCode(
  t: TestApp,
  client: RegisteredClient,
  user: { username: string; password: string },
  scope = 'profile notes:read notes:write',
): Promise<IssuedCode> {
  const browser = t.browser();
  const { verifier, challenge } = pkcePair();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const login = await startAuthorization(browser, {
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  // A user who granted these scopes before goes straight back to the client after login.
  const res = await submitLogin(browser, login, user.username, user.password);
  const location = res.headers.location as string;
  const { params } = location.startsWith('/')
    ? await decide(browser, await openInteraction(browser, location), 'approve')
    : redirectParams(location);
  return { code: params.code!, verifier, state, params };
}

/** POST /oauth/token, authenticating with HTTP Basic when the client has a secret. */
export function tokenRequest(t: TestApp, client: RegisteredClient, form: Record<string, string>) {
  return backChannelRequest(t, '/oauth/token', client, form);
}

/** POST /oauth/introspect (RFC 7662), authenticating like tokenRequest. */
export function introspectionRequest(t: TestApp, client: RegisteredClient, form: Record<string, string>) {
  return backChannelRequest(t, '/oauth/introspect', client, form);
}

/** POST /oauth/revoke (RFC 7009), authenticating like tokenRequest. */
export function revocationRequest(t: TestApp, client: RegisteredClient, form: Record<string, string>) {
  return backChannelRequest(t, '/oauth/revoke', client, form);
}

/** A form POST to a back-channel endpoint: HTTP Basic for a client with a secret, else client_id in the body. */
function backChannelRequest(t: TestApp, path: string, client: RegisteredClient, form: Record<string, string>) {
  const req = t.http().post(path).type('form');
  if (client.clientSecret) req.auth(client.clientId, client.clientSecret);
  else form = { client_id: client.clientId, ...form };
  return req.send(form);
}

/** Code flow end to end: returns the token response body. */
export async function obtainTokens(
  t: TestApp,
  client: RegisteredClient,
  user: { username: string; password: string },
  scope?: string,
) {
  const { code, verifier } = await obtainCode(t, client, user, scope);
  const res = await tokenRequest(t, client, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: client.redirectUri,
  });
  expect(res.status).toBe(200);
  return res.body as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    scope: string;
    token_type: string;
  };
}

/** client_credentials (RFC 6749 section 4.4): the access token a confidential client obtains for itself. */
export async function obtainClientToken(t: TestApp, client: RegisteredClient, scope?: string): Promise<string> {
  const res = await tokenRequest(t, client, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}
