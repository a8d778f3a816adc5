import { OAuthParameter } from '../../common/oauth-parameter.decorator.js';
import type { ClientAuthenticationParameters } from '../token/client-authenticator.js';

/** RFC 7009 section 2.1: the form body of `POST /oauth/revoke`. */
export class RevocationRequestDto implements ClientAuthenticationParameters {
  @OAuthParameter(4096) token?: string;
  @OAuthParameter(64) token_type_hint?: string;
  @OAuthParameter(256) client_id?: string;
  @OAuthParameter(256) client_secret?: string;
}
