import { describe, expect, it } from '@jest/globals';
import { InvalidRequestError, MissingTokenError } from '../common/oauth-errors.js';
import { bearerToken } from './bearer-token.js';

describe('bearerToken: the access token from the Authorization header only (RFC 6750 section 2.1)', () => {
  it.each(['Bearer abc.DEF-_~+/=', 'bearer abc.DEF-_~+/=', 'BEARER abc.DEF-_~+/='])('reads %s', (header) => {
    expect(bearerToken(header)).toBe('abc.DEF-_~+/=');
  });

  it.each([undefined, 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearerabc'])(
    'finds no Bearer credentials in %s: answered without an error code (section 3.1)',
    (header) => {
      expect(() => bearerToken(header)).toThrow(MissingTokenError);
    },
  );

  it.each(['Bearer ', 'Bearer a b', 'Bearer a=b', 'Bearer  abc', 'Bearer abc\u00e9'])(
    'refuses the malformed %j as invalid_request',
    (header) => {
      expect(() => bearerToken(header)).toThrow(InvalidRequestError);
    },
  );
});
