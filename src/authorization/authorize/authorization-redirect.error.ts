import type { OAuthError } from '../../common/oauth-errors.js';

/**
 * An OAuth error that is safe to send to the client: it carries the redirect_uri the
 * pipeline verified and the state to echo (RFC 6749 section 4.1.2.1).
 */
export class AuthorizationRedirectError extends Error {
  constructor(
    readonly error: OAuthError,
    readonly redirectUri: string,
    readonly state: string | undefined,
  ) {
    super(error.description);
  }
}
