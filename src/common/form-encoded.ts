import { InvalidRequestError } from './oauth-errors.js';

/**
 * The back-channel endpoints take their parameters as application/x-www-form-urlencoded
 * (RFC 6749 section 4.1.3, RFC 7662 section 2.1, RFC 7009 section 2.1); anything else is
 * invalid_request.
 */
export function assertFormEncoded(contentType: string | undefined, request: string): void {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new InvalidRequestError(`The ${request} request must be application/x-www-form-urlencoded`);
  }
}
