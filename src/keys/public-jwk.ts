import type { KeyObject } from 'node:crypto';

interface JwkMembers {
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: string;
}

/** The public half of an RSA key (RFC 7518 section 6.3.1). */
export interface PublicRsaJwk extends JwkMembers {
  readonly kty: 'RSA';
  readonly n: string;
  readonly e: string;
}

/** The public half of an EC key (RFC 7518 section 6.2.1): the curve and the point. */
export interface PublicEcJwk extends JwkMembers {
  readonly kty: 'EC';
  readonly crv: string;
  readonly x: string;
  readonly y: string;
}

/** A signing key as published in the JWK Set (RFC 7517 section 4). */
export type PublicJwk = PublicRsaJwk | PublicEcJwk;

/** A JWK Set document (RFC 7517 section 5). */
export interface JwkSet {
  readonly keys: readonly PublicJwk[];
}

/**
 * The publishable JWK of a key. Members are picked one by one, never spread from an export,
 * so that no private member (`d`, `p`, `q`, `dp`, `dq`, `qi`) can reach the JWK Set even if
 * a private key object is passed by mistake (RFC 7517 section 9.2: private keys MUST NOT be
 * published). The public members are the same from either half of the pair.
 */
export function toPublicJwk(key: KeyObject, kid: string, alg: string): PublicJwk {
  const { kty, n, e, crv, x, y } = key.export({ format: 'jwk' });
  if (kty === 'RSA' && typeof n === 'string' && typeof e === 'string') {
    return Object.freeze({ kty, n, e, kid, use: 'sig', alg });
  }
  if (kty === 'EC' && crv === 'P-256' && typeof x === 'string' && typeof y === 'string') {
    return Object.freeze({ kty, crv, x, y, kid, use: 'sig', alg });
  }
  throw new Error(`Key ${kid} is neither an RSA nor a P-256 key`);
}
