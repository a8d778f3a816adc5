import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { sha256Base64url } from '../crypto.js';

/**
 * The demo client's session rows hold tokens, which the client needs in clear. They are
 * sealed with a key derived from the cookie's random id, which the store never sees (it
 * keys rows by the id's SHA-256): a copy of the database alone opens no session.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The database key of a session: SHA-256 of the cookie's id, base64url. */
export function sessionIdHash(id: string): string {
  return sha256Base64url(id);
}

function keyOf(id: string): Buffer {
  return Buffer.from(hkdfSync('sha256', id, 'nest-oauth-server', 'demo-client-session', 32));
}

/** AES-256-GCM of the JSON of `value`: base64url of iv, tag and ciphertext. */
export function seal(id: string, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(id), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** The value sealed under `id`, or undefined when it was sealed under another id or altered. */
export function unseal(id: string, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(id), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    return undefined;
  }
}
