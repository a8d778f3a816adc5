import { describe, expect, it } from '@jest/globals';
import {
  authorizationParameters,
  authorizationUrl,
  newPendingAuthorization,
  s256Challenge,
} from './authorization-request.js';

describe('the authorization request (A)', () => {
  it('RFC 7636 appendix B: the S256 challenge of the example verifier', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a fresh state, verifier and nonce of 256 bits each, and the verifier’s challenge', () => {
    const first = newPendingAuthorization('openid profile');
    const second = newPendingAuthorization('openid profile');
    for (const value of [first.state, first.codeVerifier, first.nonce]) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.codeChallenge).toBe(s256Challenge(first.codeVerifier));
    expect(second.state).not.toBe(first.state);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
  });

  it('sends the RFC 6749 4.1.1 and RFC 7636 4.3 parameters, and the nonce only with openid', () => {
    const pending = newPendingAuthorization('openid notes:read');
    const url = new URL(
      authorizationUrl(
        'https://as.test/oauth/authorize',
        authorizationParameters('app', 'https://app.test/cb', pending),
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'app',
      redirect_uri: 'https://app.test/cb',
      scope: 'openid notes:read',
      state: pending.state,
      code_challenge: pending.codeChallenge,
      code_challenge_method: 'S256',
      nonce: pending.nonce,
    });
    expect(url.searchParams.has('code_verifier')).toBe(false);
    const withoutOpenid = authorizationParameters('app', 'https://app.test/cb', newPendingAuthorization('profile'));
    expect(withoutOpenid.map(([name]) => name)).not.toContain('nonce');
  });
});
