import { describe, expect, it } from '@jest/globals';
import { checkIdToken, decodeJwt, type IdTokenExpectations } from './jwt-claims.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.sig`;
const NOW = 1_800_000_000_000;
const claims = { iss: 'https://as.test', aud: 'app', exp: NOW / 1000 + 60, nonce: 'n1', sub: 'u1' };
const expected: IdTokenExpectations = { issuer: 'https://as.test', clientId: 'app', nonce: 'n1' };
const failures = (token: string, expectations = expected) =>
  checkIdToken(token, expectations, NOW)
    .filter((check) => !check.passed)
    .map((check) => check.name);

describe('decodeJwt', () => {
  it('reads the header and claims without verifying', () => {
    expect(decodeJwt(jwt({ sub: 'u1' }))).toEqual({ header: { alg: 'RS256', typ: 'JWT' }, claims: { sub: 'u1' } });
  });

  it.each(['opaque-token', 'a.b', `${b64('text')}.${b64('text')}.sig`])('is undefined for %s', (token) => {
    expect(decodeJwt(token)).toBeUndefined();
  });
});

describe('checkIdToken (OpenID Connect Core 3.1.3.7)', () => {
  it('passes an ID token for this client, from this issuer, unexpired, with the nonce sent', () => {
    expect(failures(jwt(claims))).toEqual([]);
  });

  it.each([
    ['another issuer', { iss: 'https://evil.test' }, 'ID token iss'],
    ['another audience', { aud: ['other'] }, 'ID token aud'],
    ['expired', { exp: NOW / 1000 - 1 }, 'ID token exp'],
    ['another nonce', { nonce: 'replayed' }, 'ID token nonce'],
  ])('refuses one %s', (_, change, check) => {
    expect(failures(jwt({ ...claims, ...change }))).toEqual([check]);
  });

  it('after a refresh: no nonce expected, the same subject required (section 12.2)', () => {
    const refreshed = { issuer: 'https://as.test', clientId: 'app', subject: 'u1' };
    expect(failures(jwt({ ...claims, nonce: undefined }), refreshed)).toEqual([]);
    expect(failures(jwt({ ...claims, sub: 'u2' }), refreshed)).toEqual(['ID token sub']);
  });
});
