/**
 * The client side of the protocol, shared by both servers: PKCE, the authorization request,
 * HTTP Basic client authentication, and a scripted browser (a cookie jar) that logs in and
 * consents once through each server's own pages. Each server's paths come from its target.
 */
import { createHash, randomBytes } from 'node:crypto';

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';
export const USER = { username: 'bench-user', password: 'bench-user-password' };

/** RFC 7636 section 4: a verifier and its S256 challenge. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `Basic base64(client_id:client_secret)` (RFC 6749 section 2.3.1; our ids and secrets need no escaping). */
function basicAuth(client) {
  return `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
}

/** The headers of a back-channel POST: a form body, and the client's credentials in HTTP Basic. */
export function backChannelHeaders(client) {
  return { authorization: basicAuth(client), 'content-type': 'application/x-www-form-urlencoded' };
}

/** RFC 6749 section 4.1.3 with RFC 7636 section 4.5: the token request that exchanges a code. */
export function codeExchangeForm({ code, verifier }) {
  return { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
}

export function authorizePath(target, client, challenge, state) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: REDIRECT_URI,
    scope: target.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${target.paths.authorize}?${query}`;
}

/** The code and state in an authorization response's Location, or null if it carries none. */
export function codeFrom(location) {
  if (typeof location !== 'string' || !location.startsWith(REDIRECT_URI)) return null;
  const params = new URL(location).searchParams;
  return params.get('code') ? { code: params.get('code'), state: params.get('state') } : null;
}

/** A case-insensitive header of an autocannon response (Fastify sends `location`, Koa `Location`). */
export function header(headers, name) {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export const formBody = (form) => new URLSearchParams(form).toString();

/** A back-channel POST with the client's credentials; resolves with the status and the JSON body. */
export async function backChannel(target, path, client, form) {
  const response = await fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: backChannelHeaders(client),
    body: formBody(form),
  });
  const text = await response.text();
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the caller reports the text.
  }
  return { status: response.status, body, text };
}

export async function exchangeCode(target, client, { code, verifier }) {
  const answer = await backChannel(target, target.paths.token, client, codeExchangeForm({ code, verifier }));
  if (answer.status !== 200) throw new Error(`${target.label}: code exchange answered ${answer.status} ${answer.text}`);
  return answer.body;
}

/** The `alg` in a JWT's header, or 'opaque'. */
export function jwtAlg(token) {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg ?? 'opaque';
  } catch {
    return 'opaque';
  }
}

/** One browser: a cookie jar (paths ignored, which no step here depends on) and manual redirects. */
export class ScriptedBrowser {
  cookies = new Map();

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(url, init = {}) {
    const headers = { ...init.headers, ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}) };
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  }

  postForm(url, form) {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(form),
    });
  }
}

const hidden = (html, name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

/**
 * The browser leg through the server's own pages: authorization request, then login and
 * consent as they are asked for, until the redirect back to the client. Returns the code.
 */
export async function authorizeInBrowser(browser, target, client) {
  const { verifier, challenge } = pkcePair();
  let answer = await browser.request(`${target.url}${authorizePath(target, client, challenge, 'interactive')}`);
  for (let step = 0; step < 10; step++) {
    const code = codeFrom(answer.location);
    if (code) return { ...code, verifier };
    if (!answer.location) throw new Error(`${target.label}: the authorization flow stopped at ${answer.status}`);
    const url = new URL(answer.location, target.url).toString();
    answer = await (target.kind === 'ours' ? ourPages(browser, target, url) : oidcProviderPages(browser, url));
  }
  throw new Error(`${target.label}: no code after 10 redirects`);
}

/** Our login and consent pages (views/interaction.hbs), with their CSRF token. */
async function ourPages(browser, target, url) {
  const page = await browser.request(url);
  if (!url.includes('/oauth/interaction/')) return page;
  const form = { interaction: hidden(page.text, 'interaction'), _csrf: hidden(page.text, '_csrf') };
  return page.text.includes('name="username"')
    ? browser.postForm(`${target.url}/oauth/login`, { ...form, ...USER })
    : browser.postForm(`${target.url}/oauth/consent`, { ...form, decision: 'approve' });
}

/** oidc-provider's development interactions: any account id logs in; consent grants what is asked. */
async function oidcProviderPages(browser, url) {
  const page = await browser.request(url);
  if (!/\/interaction\/[^/]+$/.test(new URL(url).pathname)) return page;
  return page.text.includes('name="login"')
    ? browser.postForm(url, { prompt: 'login', login: USER.username, password: USER.password })
    : browser.postForm(url, { prompt: 'consent' });
}
