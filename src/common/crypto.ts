import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token of `bytes` bytes of entropy (codes, refresh tokens, secrets, ids). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 as base64url: how codes, tokens, secrets and session ids are stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/**
 * Compares two strings in constant time. Hashing first makes the inputs the same length,
 * so not even the length of the secret leaks.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
