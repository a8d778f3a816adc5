import type { Client } from '../../client-registry/client.js';
import type { TokenRequestDto } from './token-request.dto.js';

/** RFC 6749 section 5.1: the successful token response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
  /** OpenID Connect Core section 3.1.3.3, for requests with the `openid` scope. */
  id_token?: string;
}

/** One grant type of the token endpoint; the endpoint picks it by `grant_type`. */
export interface TokenGrant {
  readonly grantType: string;
  /** Handles a request from an authenticated client that is allowed this grant type. */
  handle(client: Client, request: TokenRequestDto): Promise<TokenResponse>;
}
