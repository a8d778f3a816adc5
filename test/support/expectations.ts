import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { ISSUER } from './test-app.js';

/** RFC 6749 section 5.2: JSON error, never cached. */
export function expectTokenError(res: Response, error: string, status = error === 'invalid_client' ? 401 : 400): void {
  expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
  expect(typeof res.body.error_description).toBe('string');
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['pragma']).toBe('no-cache');
}

/** RFC 6749 section 4.1.2.1 + RFC 9207: the error goes back to the redirect_uri with state and iss. */
export function expectRedirectError(res: Response, redirectUri: string, error: string, state?: string): void {
  expect(res.status).toBe(302);
  const location = new URL(res.headers.location as string);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('error')).toBe(error);
  expect(location.searchParams.get('error_description')).toEqual(expect.any(String));
  expect(location.searchParams.get('state')).toBe(state ?? null);
  expect(location.searchParams.get('iss')).toBe(ISSUER);
  expect(location.searchParams.get('code')).toBeNull();
}

/** An HTML error page and no redirect: the server must not send the browser anywhere unverified. */
export function expectErrorPage(res: Response, status = 400, error?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.location).toBeUndefined();
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  if (error) expect(res.text).toContain(error);
}

/** RFC 6750 section 3: status, and the WWW-Authenticate challenge's error (none when no token was sent). */
export function expectBearerError(res: Response, status: number, error?: string): void {
  expect(res.status).toBe(status);
  const challenge = res.headers['www-authenticate'] as string;
  expect(challenge).toMatch(/^Bearer realm="api"/);
  if (error) {
    expect(challenge).toContain(`error="${error}"`);
    expect(res.body.error).toBe(error);
  } else {
    expect(challenge).not.toContain('error=');
  }
}

/** An error page (never a redirect) naming exactly this RFC error code, as views/error.hbs renders it. */
export function expectErrorPageCode(res: Response, error: string, status = 400): void {
  expectErrorPage(res, status);
  expect(/Error code: <code>([^<]*)<\/code>/.exec(res.text)?.[1]).toBe(error);
}
