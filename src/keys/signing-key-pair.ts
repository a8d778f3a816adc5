import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { StoredSigningKey } from './signing-key.repository.js';

const generateRsaKeyPair = promisify(generateKeyPair);

/** The one algorithm this server signs with (RFC 7518 section 3.3), and the only one its verifier accepts. */
export const SIGNING_ALGORITHM = 'RS256';

/** A fresh 2048-bit RSA key pair as stored, not yet retiring; its `kid` is its JWK thumbprint. */
export async function generateSigningKey(now: Date = new Date()): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return {
    kid: jwkThumbprint(publicKey),
    alg: SIGNING_ALGORITHM,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    createdAt: now,
    retiresAt: null,
  };
}

/**
 * RFC 7638 section 3 JWK thumbprint of an RSA public key: the required members `e`, `kty`,
 * `n` in lexicographic order, hashed with SHA-256. A stable, collision-free `kid`.
 */
export function jwkThumbprint(publicKey: KeyObject): string {
  const { e, kty, n } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
}
