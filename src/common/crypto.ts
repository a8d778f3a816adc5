import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token of `bytes` bytes of entropy (codes, refresh tokens, secrets, ids). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 as base64url: how codes, tokens, secrets and session ids are stored. The one-shot
 * `hash` takes 0.8 µs where a Hash object takes 1.9 µs, and a token request makes several.
 */
export function sha256(value: string): string {
  return hash('sha256', value, 'base64url');
}

/**
 * Compares two strings in constant time. Hashing first makes the inputs the same length,
 * so not even the length of the secret leaks.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = hash('sha256', a, 'buffer');
  const right = hash('sha256', b, 'buffer');
  return timingSafeEqual(left, right);
}
