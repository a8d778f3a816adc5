import { OAuthParameter } from '../../common/oauth-parameter.decorator.js';
import type { ClientAuthenticationParameters } from '../token/client-authenticator.js';

/** RFC 7662 section 2.1: the form body of `POST /oauth/introspect`. */
export class IntrospectionRequestDto implements ClientAuthenticationParameters {
  @OAuthParameter(4096) token?: string;
  @OAuthParameter(64) token_type_hint?: string;
  @OAuthParameter(256) client_id?: string;
  @OAuthParameter(256) client_secret?: string;
}
