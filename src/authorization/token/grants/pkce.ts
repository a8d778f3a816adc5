import { safeEqual, sha256 } from '../../../common/crypto.js';

/** RFC 7636 section 4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 7636 section 4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge, compared in constant time. */
export function verifierMatchesChallenge(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false;
  // The verifier is ASCII (checked above), so its UTF-8 bytes are its ASCII bytes.
  return safeEqual(sha256(verifier), challenge);
}
