import { OAuthParameter } from '../../common/oauth-parameter.decorator.js';

/** RFC 6749 sections 4.1.3 and 6, RFC 7636 section 4.5: the form body of `POST /oauth/token`. */
export class TokenRequestDto {
  @OAuthParameter(64) grant_type?: string;
  @OAuthParameter(256) code?: string;
  @OAuthParameter() redirect_uri?: string;
  @OAuthParameter(256) code_verifier?: string;
  @OAuthParameter(256) refresh_token?: string;
  @OAuthParameter(1024) scope?: string;
  @OAuthParameter(256) client_id?: string;
  @OAuthParameter(256) client_secret?: string;
}
