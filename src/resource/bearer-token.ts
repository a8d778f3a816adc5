import { InvalidRequestError, MissingTokenError } from '../common/oauth-errors.js';

/** RFC 6750 section 2.1: the `b64token` syntax of the credentials after `Bearer `. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The access token of a request, read from the Authorization header only (RFC 6750 section
 * 2.1). Tokens in a query string or form body are not accepted: they leak into logs and
 * referrers (RFC 9700 section 4.3.2). No Bearer credentials at all is MissingTokenError,
 * answered without an error code (section 3.1); a malformed one is `invalid_request`.
 */
export function bearerToken(authorization: string | undefined): string {
  // The scheme is case-insensitive (RFC 9110 section 11.1).
  if (authorization === undefined || !/^Bearer /i.test(authorization)) throw new MissingTokenError();
  const token = authorization.slice('Bearer '.length);
  if (!B64TOKEN.test(token)) throw new InvalidRequestError('The Authorization header is not a valid Bearer credential');
  return token;
}
