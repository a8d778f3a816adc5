import type { Response } from 'supertest';
import { ISSUER } from '../../support/test-app.js';
import type { FuzzRequest } from './fuzz-request.js';

/** What is wrong with one answer, or undefined when it is in its channel's format. */
export type ChannelCheck = (res: Response, req: FuzzRequest) => string | undefined;

const contentType = (res: Response) => String(res.headers['content-type'] ?? '');
const isJson = (res: Response) => /^application\/json/i.test(contentType(res));
const isHtml = (res: Response) => /^text\/html/i.test(contentType(res));
const noStore = (res: Response) => /\bno-store\b/.test(String(res.headers['cache-control'] ?? ''));
/** A HEAD answer has headers but no body to check. */
const hasBody = (req: FuzzRequest) => req.method !== 'HEAD';

/** A JSON answer that must not be cached (RFC 6749 section 5.1): undefined when it is one. */
export function noStoreJsonProblem(res: Response): string | undefined {
  if (!isJson(res)) return `not JSON (content-type "${contentType(res)}")`;
  return noStore(res) ? undefined : 'no Cache-Control: no-store';
}

/**
 * The OAuth back channel (token, introspection, revocation): every error is RFC 6749
 * section 5.2 JSON with an `error` code and `Cache-Control: no-store`; `invalid_client` is 401
 * with a Basic challenge. A 200 must pass `success`.
 */
export function backChannel(success: (res: Response) => string | undefined): ChannelCheck {
  return (res, req) => {
    if (res.status === 200) return success(res);
    if (res.status < 400) return `unexpected status ${res.status}`;
    const problem = noStoreJsonProblem(res);
    if (problem || !hasBody(req)) return problem;
    if (typeof res.body.error !== 'string' || res.body.error === '') return 'error body without an "error" code';
    const challenge = String(res.headers['www-authenticate'] ?? '');
    if (res.body.error === 'invalid_client' && (res.status !== 401 || !challenge.startsWith('Basic '))) {
      return 'invalid_client without 401 and a Basic challenge';
    }
    return undefined;
  };
}

/**
 * A protected resource (the API, UserInfo): JSON always, and every 4xx but "no such route"
 * carries an RFC 6750 section 3 `WWW-Authenticate: Bearer` challenge.
 */
export const bearerChannel: ChannelCheck = (res) => {
  if (!isJson(res)) return `not JSON (content-type "${contentType(res)}")`;
  if (res.status >= 300 && res.status < 400) return `unexpected redirect ${res.status}`;
  const challenge = String(res.headers['www-authenticate'] ?? '');
  if (res.status >= 400 && res.status !== 404 && res.status !== 405 && !/^Bearer( |$)/.test(challenge)) {
    return `${res.status} without a Bearer challenge`;
  }
  return undefined;
};

/**
 * Where a browser following `location` ends up, judged as a browser would resolve it (WHATWG
 * URL: backslashes, tabs and newlines included): this server, or one of `redirectUris`.
 */
function redirectProblem(location: string | undefined, redirectUris: readonly string[]): string | undefined {
  if (!location) return 'a redirect without Location';
  let target: URL;
  try {
    target = new URL(location, ISSUER);
  } catch {
    return `Location "${location}" is not a URL`;
  }
  if (target.origin === new URL(ISSUER).origin) return undefined;
  if (redirectUris.some((uri) => `${target.origin}${target.pathname}` === new URL(uri).href)) return undefined;
  return `open redirect: Location "${location}"`;
}

/**
 * The browser channel (authorization endpoint, login, consent): an HTML page, or a redirect
 * to a path on this server or to a redirect_uri registered for the client (never elsewhere).
 */
export function browserChannel(redirectUris: (req: FuzzRequest) => readonly string[]): ChannelCheck {
  return (res, req) => {
    if ([301, 302, 303, 307, 308].includes(res.status)) return redirectProblem(res.headers.location, redirectUris(req));
    if (res.status >= 300 && res.status < 400) return `unexpected status ${res.status}`;
    if (!isHtml(res)) return `not an HTML page (content-type "${contentType(res)}")`;
    return undefined;
  };
}
