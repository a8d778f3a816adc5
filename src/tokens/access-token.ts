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

/** What the resource server learns from a verified access token. */
export interface VerifiedAccessToken {
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly jti: string;
  readonly familyId: string | null;
  readonly expiresAt: Date;
}
