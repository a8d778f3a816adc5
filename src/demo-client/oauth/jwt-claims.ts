import type { Check } from '../inspector/timeline.js';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const part = (text: string | undefined): Record<string, unknown> | undefined => {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** A JWT's header and claims, read without verifying anything; undefined when it is not a JWT. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const [header, claims, signature] = token.split('.');
  if (signature === undefined) return undefined;
  const decoded = { header: part(header), claims: part(claims) };
  return decoded.header && decoded.claims ? { header: decoded.header, claims: decoded.claims } : undefined;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  /** The nonce of the authorization request: only the first ID token of an authorization carries it. */
  nonce?: string;
  /** After a refresh, the `sub` of the first ID token (OIDC Core section 12.2). */
  subject?: string;
}

const check = (name: string, passed: boolean, detail: string): Check => ({ name, passed, detail });

/**
 * OpenID Connect Core section 3.1.3.7: the ID token's `iss`, `aud`, `exp` and `nonce`. Its
 * signature is not checked: it came straight from the token endpoint over the connection the
 * client opened, which item 6 of that section allows in place of the signature.
 */
export function checkIdToken(idToken: string, expected: IdTokenExpectations, now = Date.now()): Check[] {
  const decoded = decodeJwt(idToken);
  if (!decoded) return [check('ID token', false, 'not a JWT')];
  const { iss, aud, exp, nonce, sub } = decoded.claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  const checks = [
    check('ID token iss', iss === expected.issuer, `${String(iss)}`),
    check('ID token aud', audiences.includes(expected.clientId), `${audiences.join(' ')}`),
    check('ID token exp', typeof exp === 'number' && exp * 1000 > now, `${String(exp)}`),
  ];
  if (expected.nonce !== undefined) {
    checks.push(
      check(
        'ID token nonce',
        nonce === expected.nonce,
        nonce === expected.nonce ? 'the one sent in (A)' : 'not the one sent in (A)',
      ),
    );
  }
  if (expected.subject !== undefined) {
    checks.push(
      check('ID token sub', sub === expected.subject, sub === expected.subject ? 'the same user' : 'another user'),
    );
  }
  return checks;
}
