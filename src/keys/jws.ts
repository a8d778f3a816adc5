import { sign, type KeyObject, type SignKeyObjectInput } from 'node:crypto';
import type { SigningAlgorithm } from './signing-algorithm.js';

/** The protected header this server writes (RFC 7515 section 4.1). */
export interface JwsHeader {
  readonly alg: SigningAlgorithm;
  readonly typ: string;
  readonly kid: string;
}

/** A compact JWS split into its parts, header and payload decoded; nothing verified yet. */
export interface DecodedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly signature: Buffer;
}

/** The key type each algorithm needs, so that no key is ever used with another algorithm's math. */
const KEY_TYPES: Record<SigningAlgorithm, string> = { RS256: 'rsa', ES256: 'ec' };

/**
 * Node's signing options for `alg`: SHA-256 either way; an ES256 signature is the 64-byte
 * R || S of RFC 7518 section 3.4, not the DER that OpenSSL writes by default.
 */
function keyInput(alg: SigningAlgorithm, key: KeyObject): SignKeyObjectInput {
  if (key.asymmetricKeyType !== KEY_TYPES[alg]) throw new Error(`A ${key.asymmetricKeyType} key cannot sign ${alg}`);
  return alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : { key };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The JWS Compact Serialization (RFC 7515 section 7.1) of `payload`, signed with `key`.
 *
 * Built here rather than with @nestjs/jwt, whose jsonwebtoken signs synchronously on the event
 * loop. The signature is computed with crypto.sign's callback form, in libuv's thread pool, so
 * that the event loop serves other requests meanwhile: about 250 µs of CPU for RS256 and 60 µs
 * for ES256 here. ES256 was signed in place until the event loop's other work shrank; measured
 * again, the pool served 1.45× the client_credentials and 1.35× the refreshes a second
 * (docs/benchmarks.md).
 */
export function signJws(header: JwsHeader, payload: object, key: KeyObject): Promise<string> {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const data = Buffer.from(signingInput);
  const compact = (signature: Buffer) => `${signingInput}.${signature.toString('base64url')}`;
  return new Promise((resolve, reject) => {
    sign('sha256', data, keyInput(header.alg, key), (error, signature) =>
      error ? reject(error) : resolve(compact(signature)),
    );
  });
}

const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

function jsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Splits and decodes a compact JWS; null unless it is three base64url parts with JSON objects for header and payload. */
export function decodeJws(token: string): DecodedJws | null {
  const parts = COMPACT_JWS.exec(token);
  if (!parts) return null;
  const header = jsonObject(parts[1]!);
  const payload = header && jsonObject(parts[2]!);
  if (!header || !payload) return null;
  return { header, payload, signature: Buffer.from(parts[3]!, 'base64url') };
}
