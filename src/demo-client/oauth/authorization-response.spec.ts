import { describe, expect, it } from '@jest/globals';
import { checkAuthorizationResponse } from './authorization-response.js';
import { newPendingAuthorization } from './authorization-request.js';

const ISSUER = 'https://as.test';
const pending = newPendingAuthorization('openid');
const failed = (checks: { name: string; passed: boolean }[]) => checks.find((check) => !check.passed)?.name;

describe('checking the authorization response (C) before using it', () => {
  it('passes a response with the sent state and the expected iss', () => {
    const checks = checkAuthorizationResponse(pending, { code: 'c', state: pending.state, iss: ISSUER }, ISSUER);
    expect(checks.map(({ name, passed }) => [name, passed])).toEqual([
      ['request in progress', true],
      ['state', true],
      ['iss', true],
    ]);
  });

  it('refuses a response when no request is in progress', () => {
    expect(failed(checkAuthorizationResponse(undefined, { code: 'c', state: 's', iss: ISSUER }, ISSUER))).toBe(
      'request in progress',
    );
  });

  it.each([
    ['another state', { state: 'forged' }],
    ['no state', {}],
  ])('RFC 6749 section 10.12: refuses %s, and stops there', (_, response) => {
    const checks = checkAuthorizationResponse(pending, { code: 'c', iss: ISSUER, ...response }, ISSUER);
    expect(failed(checks)).toBe('state');
    expect(checks.map((check) => check.name)).not.toContain('iss');
  });

  it.each([
    ['another issuer', 'https://evil.test'],
    ['no iss', undefined],
  ])('RFC 9207 section 2.4: refuses %s', (_, iss) => {
    expect(failed(checkAuthorizationResponse(pending, { code: 'c', state: pending.state, iss }, ISSUER))).toBe('iss');
  });

  it('checks an error response the same way', () => {
    const denial = { error: 'access_denied', state: pending.state, iss: ISSUER };
    expect(failed(checkAuthorizationResponse(pending, denial, ISSUER))).toBeUndefined();
    expect(failed(checkAuthorizationResponse(pending, { ...denial, state: 'x' }, ISSUER))).toBe('state');
  });
});
