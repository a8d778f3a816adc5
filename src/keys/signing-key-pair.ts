import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningAlgorithm } from './signing-algorithm.js';
import type { StoredSigningKey } from './signing-key.repository.js';

const generate = promisify(generateKeyPair);

/** RFC 7518 section 3.3: RS256 keys are 2048 bits or more; section 3.4: ES256 is ECDSA on P-256. */
function newKeyPair(alg: SigningAlgorithm): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return alg === 'ES256' ? generate('ec', { namedCurve: 'P-256' }) : generate('rsa', { modulusLength: 2048 });
}

/** A fresh key pair for `alg` as stored, not yet retiring; its `kid` is its JWK thumbprint. */
export async function generateSigningKey(alg: SigningAlgorithm, now: Date = new Date()): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await newKeyPair(alg);
  return {
    kid: jwkThumbprint(publicKey),
    alg,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    createdAt: now,
    retiresAt: null,
  };
}

/**
 * RFC 7638 section 3 JWK thumbprint of a public key: the required members in lexicographic
 * order (`e`, `kty`, `n` for RSA; `crv`, `kty`, `x`, `y` for EC), hashed with SHA-256. A
 * stable, collision-free `kid`.
 */
export function jwkThumbprint(publicKey: KeyObject): string {
  const { kty, n, e, crv, x, y } = publicKey.export({ format: 'jwk' });
  const required = kty === 'EC' ? { crv, kty, x, y } : { e, kty, n };
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}
