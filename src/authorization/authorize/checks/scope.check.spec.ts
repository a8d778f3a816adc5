import { describe, expect, it } from '@jest/globals';
import { InvalidScopeError } from '../../../common/oauth-errors.js';
import { oauthErrorOf, testClient } from '../../../testing/fixtures.js';
import type { AuthorizationContext } from '../authorization-context.js';
import { checkScope } from './scope.check.js';

function contextFor(scope: string | undefined): AuthorizationContext {
  const client = testClient({ scopes: ['openid', 'profile', 'notes:read'] });
  return { params: { client_id: client.id, scope }, client, redirectUri: client.redirectUris[0] };
}

describe("checkScope: scope is required and limited to the client's registered scopes (RFC 6749 section 3.3)", () => {
  it('puts the requested scopes on the context', () => {
    const context = contextFor('openid notes:read');
    checkScope(context);
    expect(context.scopes).toEqual(['openid', 'notes:read']);
  });

  it('drops repeated tokens and extra spaces', () => {
    const context = contextFor(' profile  openid profile ');
    checkScope(context);
    expect(context.scopes).toEqual(['profile', 'openid']);
  });

  it.each([undefined, '', '   '])(
    'refuses an absent scope (%j) with invalid_scope rather than assuming a default',
    async (scope) => {
      const context = contextFor(scope);
      const error = await oauthErrorOf(() => checkScope(context));
      expect(error).toBeInstanceOf(InvalidScopeError);
      expect(error).toMatchObject({ code: 'invalid_scope', redirectable: true });
      expect(context.scopes).toBeUndefined();
    },
  );

  it('refuses a scope the client is not registered for, naming it', async () => {
    const context = contextFor('openid notes:write email');
    const error = await oauthErrorOf(() => checkScope(context));
    expect(error).toBeInstanceOf(InvalidScopeError);
    expect(error.description).toContain('notes:write email');
    expect(error.description).not.toContain('openid');
    expect(context.scopes).toBeUndefined();
  });

  it('compares scope tokens case-sensitively', async () => {
    const error = await oauthErrorOf(() => checkScope(contextFor('OpenID')));
    expect(error).toBeInstanceOf(InvalidScopeError);
  });
});
