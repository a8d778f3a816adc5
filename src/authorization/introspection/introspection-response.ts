import type { TokenKind } from '../../tokens/token-lookup.service.js';

/**
 * RFC 7662 section 2.2: all a client learns of a token that is expired, revoked, unknown or
 * not its own. The server SHOULD NOT say why a token is inactive.
 */
export interface InactiveTokenIntrospection {
  active: false;
}

/** RFC 7662 section 2.2: an active token's meta-information. */
export interface ActiveTokenIntrospection {
  active: true;
  scope: string;
  client_id: string;
  /** The resource owner's username; absent for a token the client obtained for itself. */
  username?: string;
  sub: string;
  exp: number;
  iat: number;
  /** The RFC 6749 section 5.1 type, as section 2.2 defines it: an access token's only. */
  token_type?: 'Bearer';
  /** Extension (section 2.2 allows them): which kind of token this is. */
  token_use: TokenKind;
  aud?: string;
  iss?: string;
  jti?: string;
}

export type TokenIntrospection = InactiveTokenIntrospection | ActiveTokenIntrospection;

/** The one answer for every inactive token: a fresh object, so no caller can alter another's. */
export const inactiveToken = (): InactiveTokenIntrospection => ({ active: false });
