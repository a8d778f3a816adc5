import {
  InvalidRequestError,
  UnauthorizedClientError,
  UnsupportedResponseTypeError,
} from '../../../common/oauth-errors.js';
import type { AuthorizationContext } from '../authorization-context.js';

/**
 * RFC 6749 section 4.1.1: response_type is REQUIRED and this server supports only `code`
 * (RFC 9700 section 2.1.2: no implicit grant). The client must be registered for it.
 */
export function checkResponseType(context: AuthorizationContext): void {
  const responseType = context.params.response_type;
  if (responseType === undefined) throw new InvalidRequestError('response_type is required');
  if (responseType !== 'code') throw new UnsupportedResponseTypeError('Only response_type=code is supported');
  if (!context.client!.grantTypes.includes('authorization_code')) {
    throw new UnauthorizedClientError('This client may not use the authorization code grant');
  }
}
