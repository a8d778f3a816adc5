import { randomToken, sha256Base64url } from '../crypto.js';
import type { PendingAuthorization } from '../session/demo-session.js';

/** RFC 7636 section 4.2: the S256 code challenge, BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256Challenge(verifier: string): string {
  return sha256Base64url(verifier);
}

/** OpenID Connect Core section 3.1.2.1: an authorization request is an OpenID one when its scope holds `openid`. */
export function asksForOpenId(scope: string): boolean {
  return scope.split(' ').includes('openid');
}

/**
 * A fresh authorization request's secrets: `state` to recognise the answer (RFC 6749 section
 * 10.12), a PKCE verifier of 256 bits (RFC 7636 section 4.1) and an OpenID Connect nonce.
 */
export function newPendingAuthorization(scope: string): PendingAuthorization {
  const codeVerifier = randomToken();
  return {
    state: randomToken(),
    codeVerifier,
    codeChallenge: s256Challenge(codeVerifier),
    nonce: randomToken(),
    scope,
  };
}

/** RFC 6749 section 4.1.1 with RFC 7636 section 4.3: the parameters sent in (A), in order. */
export function authorizationParameters(
  clientId: string,
  redirectUri: string,
  pending: PendingAuthorization,
): [string, string][] {
  return [
    ['response_type', 'code'],
    ['client_id', clientId],
    ['redirect_uri', redirectUri],
    ['scope', pending.scope],
    ['state', pending.state],
    ['code_challenge', pending.codeChallenge],
    ['code_challenge_method', 'S256'],
    ...(asksForOpenId(pending.scope) ? [['nonce', pending.nonce] as [string, string]] : []),
  ];
}

export function authorizationUrl(endpoint: string, parameters: [string, string][]): string {
  const url = new URL(endpoint);
  for (const [name, value] of parameters) url.searchParams.append(name, value);
  return url.toString();
}
