import { InvalidRequestError } from '../../../common/oauth-errors.js';
import type { AuthorizationContext } from '../authorization-context.js';

/**
 * OpenID Connect Core section 3.1.2.1: `max_age` is the allowable time, in seconds, since the
 * user last actively authenticated; a non-negative whole number.
 */
export function checkMaxAge(context: AuthorizationContext): void {
  const maxAge = context.params.max_age;
  if (maxAge === undefined) return;
  if (!/^\d{1,9}$/.test(maxAge))
    throw new InvalidRequestError('max_age must be a non-negative whole number of seconds');
  context.maxAge = Number(maxAge);
}
