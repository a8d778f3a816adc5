import { OAuthParameter } from '../../common/oauth-parameter.decorator.js';

/**
 * RFC 6749 section 4.1.1, RFC 7636 section 4.3 and OpenID Connect Core section 3.1.2.1:
 * the query of `GET /oauth/authorize`.
 */
export class AuthorizationRequestDto {
  @OAuthParameter(64) client_id?: string;
  @OAuthParameter() redirect_uri?: string;
  @OAuthParameter(64) response_type?: string;
  @OAuthParameter(1024) scope?: string;
  @OAuthParameter() state?: string;
  @OAuthParameter(256) code_challenge?: string;
  @OAuthParameter(16) code_challenge_method?: string;
  @OAuthParameter(512) nonce?: string;
  @OAuthParameter(64) prompt?: string;
  @OAuthParameter(16) max_age?: string;
}
