import type { KeyObject } from 'node:crypto';

/** The public half of an RSA signing key as published in the JWK Set (RFC 7517 section 4, RFC 7518 section 6.3.1). */
export interface PublicJwk {
  readonly kty: 'RSA';
  readonly n: string;
  readonly e: string;
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: string;
}

/** A JWK Set document (RFC 7517 section 5). */
export interface JwkSet {
  readonly keys: readonly PublicJwk[];
}

/**
 * The publishable JWK of a key. Members are picked one by one, never spread from an export,
 * so that no private member (`d`, `p`, `q`, `dp`, `dq`, `qi`) can reach the JWK Set even if
 * a private key object is passed by mistake (RFC 7517 section 9.2: private keys MUST NOT be
 * published). `n` and `e` are the same from either half of the pair.
 */
export function toPublicJwk(key: KeyObject, kid: string, alg: string): PublicJwk {
  const { kty, n, e } = key.export({ format: 'jwk' });
  if (kty !== 'RSA' || typeof n !== 'string' || typeof e !== 'string') throw new Error(`Key ${kid} is not an RSA key`);
  return Object.freeze({ kty, n, e, kid, use: 'sig', alg });
}
