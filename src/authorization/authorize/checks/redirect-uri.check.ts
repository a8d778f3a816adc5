import { InvalidRedirectUriError } from '../../../common/oauth-errors.js';
import type { AuthorizationContext } from '../authorization-context.js';

/**
 * RFC 6749 section 3.1.2.3 and RFC 9700 section 4.1.3: the redirect_uri must equal one of
 * the client's registered URIs exactly (no prefix or pattern matching). It may be omitted
 * only when the client registered exactly one. Never redirected on failure (section 4.1.2.1).
 */
export function checkRedirectUri(context: AuthorizationContext): void {
  const registered = context.client!.redirectUris;
  const requested = context.params.redirect_uri;
  if (requested === undefined) {
    if (registered.length !== 1) {
      throw new InvalidRedirectUriError('redirect_uri is required: the client has several registered');
    }
    context.redirectUri = registered[0];
    return;
  }
  if (!registered.includes(requested)) {
    throw new InvalidRedirectUriError('redirect_uri is not one of the URIs registered for this client');
  }
  context.redirectUri = requested;
}
