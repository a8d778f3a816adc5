import { InvalidRequestError } from '../../../common/oauth-errors.js';
import type { AuthorizationContext } from '../authorization-context.js';

/** RFC 7636 section 4.2: BASE64URL(SHA256(verifier)) is 43 characters of the unreserved set. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * RFC 7636 and RFC 9700 section 2.1.1: public clients MUST send a code_challenge; only
 * S256 is accepted (`plain`, or an omitted method, which RFC 7636 section 4.3 reads as
 * plain, is refused so no client can be downgraded).
 */
export function checkPkce(context: AuthorizationContext): void {
  const { code_challenge: challenge, code_challenge_method: method } = context.params;
  if (challenge === undefined) {
    if (method !== undefined) throw new InvalidRequestError('code_challenge_method was sent without code_challenge');
    if (context.client!.type === 'public')
      throw new InvalidRequestError('code_challenge is required for public clients (PKCE)');
    return;
  }
  if (method !== 'S256') throw new InvalidRequestError('code_challenge_method must be S256');
  if (!S256_CHALLENGE.test(challenge))
    throw new InvalidRequestError('code_challenge must be 43 base64url characters (S256)');
  context.codeChallenge = challenge;
}
