import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The demo client's own small crypto helpers: it shares no code with the server it talks to
 * (third-party.spec.ts), so it keeps its own.
 */

/** 256 random bits as 43 base64url characters: state, PKCE verifier, nonce, cookie id, CSRF token. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** BASE64URL(SHA256(text)): the S256 code challenge (RFC 7636 section 4.2), a session's database key. */
export function sha256Base64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Compares two secrets in constant time. Their digests are compared, not the texts: they
 * have the same length, which timingSafeEqual requires, and no length leaks.
 */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}
