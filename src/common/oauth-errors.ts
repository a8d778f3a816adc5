/**
 * OAuth protocol errors, one class per error code of the RFCs that define them.
 *
 * Each carries the HTTP status of its channel and whether it may be sent back to the
 * client's redirect_uri. Filters (one per channel) turn them into responses; nothing else
 * builds `{ error: ... }` objects.
 */
export abstract class OAuthError extends Error {
  abstract readonly code: string;
  readonly status: number = 400;
  /** False where sending the error to the redirect_uri would make the server an open redirector. */
  readonly redirectable: boolean = true;

  constructor(readonly description: string) {
    super(description);
  }
}

/** RFC 6749 section 4.1.2.1 and 5.2: a missing, repeated or malformed parameter. */
export class InvalidRequestError extends OAuthError {
  readonly code = 'invalid_request';
  /** @param status 400, or the HTTP status of a more specific problem (413 too large, 415 media type). */
  constructor(
    description: string,
    override readonly status = 400,
  ) {
    super(description);
  }
}

/** RFC 6749 section 5.2: client authentication failed (always 401, with a Basic challenge). */
export class InvalidClientError extends OAuthError {
  readonly code = 'invalid_client';
  override readonly status = 401;
}

/** RFC 6749 section 5.2: the code or refresh token is invalid, expired, revoked or not this client's. */
export class InvalidGrantError extends OAuthError {
  readonly code = 'invalid_grant';
}

/** RFC 6749 sections 4.1.2.1 and 5.2: the client may not use this response or grant type. */
export class UnauthorizedClientError extends OAuthError {
  readonly code = 'unauthorized_client';
}

/** RFC 6749 section 5.2. */
export class UnsupportedGrantTypeError extends OAuthError {
  readonly code = 'unsupported_grant_type';
}

/** RFC 6749 section 4.1.2.1. */
export class UnsupportedResponseTypeError extends OAuthError {
  readonly code = 'unsupported_response_type';
}

/** RFC 6749 sections 4.1.2.1 and 5.2: unknown scope, or one the client may not ask for. */
export class InvalidScopeError extends OAuthError {
  readonly code = 'invalid_scope';
}

/** RFC 6749 section 4.1.2.1: the resource owner denied the request. */
export class AccessDeniedError extends OAuthError {
  readonly code = 'access_denied';
}

/** RFC 6749 section 4.1.2.1: an unexpected condition; never carries internals. */
export class ServerError extends OAuthError {
  readonly code = 'server_error';
  override readonly status = 500;
}

/** The client_id is unknown: shown on an error page, never redirected (RFC 6749 section 4.1.2.1). */
export class UnknownClientError extends OAuthError {
  readonly code = 'invalid_client';
  override readonly redirectable = false;
}

/** The redirect_uri is missing or not registered: never redirected (RFC 6749 section 3.1.2.4). */
export class InvalidRedirectUriError extends OAuthError {
  readonly code = 'invalid_request';
  override readonly redirectable = false;
}

/** A browser form without a valid CSRF token, or a login/consent step that is gone. */
export class InvalidInteractionError extends OAuthError {
  readonly code = 'invalid_request';
  override readonly redirectable = false;
  constructor(
    description: string,
    override readonly status = 400,
  ) {
    super(description);
  }
}

/** RFC 6750 section 3.1: the access token is malformed, expired, revoked or not for this API. */
export class InvalidTokenError extends OAuthError {
  readonly code = 'invalid_token';
  override readonly status = 401;
}

/** RFC 6750 section 3.1: the token lacks the scope the route needs. */
export class InsufficientScopeError extends OAuthError {
  readonly code = 'insufficient_scope';
  override readonly status = 403;
  constructor(readonly requiredScope: string) {
    super(`This resource needs the scope "${requiredScope}"`);
  }
}

/** RFC 6750 section 3.1: no credentials at all; the answer carries no error code. */
export class MissingTokenError extends OAuthError {
  readonly code = '';
  override readonly status = 401;
  constructor() {
    super('An access token is required');
  }
}

/** No route at this address; not an OAuth error code, but answered in each channel's format. */
export class NotFoundError extends OAuthError {
  readonly code = 'not_found';
  override readonly status = 404;
  override readonly redirectable = false;
}

/** OpenID Connect Core section 3.1.2.6: prompt=none, but the user must log in. */
export class LoginRequiredError extends OAuthError {
  readonly code = 'login_required';
}

/** OpenID Connect Core section 3.1.2.6: prompt=none, but the user must consent. */
export class ConsentRequiredError extends OAuthError {
  readonly code = 'consent_required';
}

/**
 * Too many attempts (login failures, client requests) in a window: 429 with `Retry-After`
 * (RFC 6585 section 4). `temporarily_unavailable` is the RFC 6749 code for a refusal that
 * passes with time.
 */
export class TooManyRequestsError extends OAuthError {
  readonly code = 'temporarily_unavailable';
  override readonly status = 429;
  override readonly redirectable = false;
  constructor(
    description: string,
    /** Seconds until the window ends. */
    readonly retryAfter: number,
  ) {
    super(description);
  }
}
