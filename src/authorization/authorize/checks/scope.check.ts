import { InvalidScopeError } from '../../../common/oauth-errors.js';
import { isSubset, parseScope } from '../../../common/scope.js';
import type { AuthorizationContext } from '../authorization-context.js';

/**
 * RFC 6749 section 3.3: the server MUST either use a default or fail with invalid_scope
 * when scope is omitted; this one fails, so that consent always names what is asked.
 * Every scope must be one the client is registered for.
 */
export function checkScope(context: AuthorizationContext): void {
  const scopes = parseScope(context.params.scope);
  if (scopes.length === 0) throw new InvalidScopeError('scope is required');
  if (!isSubset(scopes, context.client!.scopes)) {
    const refused = scopes.filter((scope) => !context.client!.scopes.includes(scope));
    throw new InvalidScopeError(`The client may not request: ${refused.join(' ')}`);
  }
  context.scopes = scopes;
}
