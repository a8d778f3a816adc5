/** The claims of an access token, RFC 9068 section 2.2, plus the token family it belongs to. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  iat: number;
  exp: number;
  jti: string;
  /** OpenID Connect Core section 2: when the user authenticated. */
  auth_time?: number;
  /** Private claim (RFC 7519 section 4.3): the token family, checked for revocation on every use. */
  family_id?: string;
}

/** RFC 9068 section 2.1: the media type in the JWT `typ` header of an access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * Whom an access token acts for: `user`, a resource owner who authorized the client (the token
 * belongs to a token family); `client`, the client itself, on its own credentials
 * (client_credentials, RFC 6749 section 4.4), with `sub` equal to the client_id (RFC 9068 section 2.2).
 */
export type AccessTokenOwner = 'user' | 'client';

/** What the resource server learns from a verified access token. */
export interface VerifiedAccessToken {
  readonly subject: string;
  readonly clientId: string;
  readonly owner: AccessTokenOwner;
  readonly scopes: readonly string[];
  readonly jti: string;
  /** The token family; null exactly when `owner` is `client`. */
  readonly familyId: string | null;
  readonly issuer: string;
  readonly audience: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}
