import { describe, expect, it } from '@jest/globals';
import { InvalidRedirectUriError } from '../../../common/oauth-errors.js';
import { oauthErrorOf, testClient } from '../../../testing/fixtures.js';
import type { AuthorizationContext } from '../authorization-context.js';
import { checkRedirectUri } from './redirect-uri.check.js';

const ONE = 'https://app.example.test/callback';
const TWO = 'http://127.0.0.1:8080/callback';

function contextFor(registered: string[], redirectUri: string | undefined): AuthorizationContext {
  return {
    params: { client_id: 'web-app', redirect_uri: redirectUri },
    client: testClient({ redirectUris: registered }),
  };
}

describe('checkRedirectUri: exact match with a registered URI, never redirected on failure (RFC 6749 section 3.1.2.3, RFC 9700 section 4.1.3)', () => {
  it('accepts a registered redirect_uri and marks it verified on the context', () => {
    const context = contextFor([ONE, TWO], TWO);
    checkRedirectUri(context);
    expect(context.redirectUri).toBe(TWO);
  });

  it('uses the only registered URI when redirect_uri is omitted', () => {
    const context = contextFor([ONE], undefined);
    checkRedirectUri(context);
    expect(context.redirectUri).toBe(ONE);
  });

  it('requires redirect_uri when the client registered several', async () => {
    const context = contextFor([ONE, TWO], undefined);
    const error = await oauthErrorOf(() => checkRedirectUri(context));
    expect(error).toBeInstanceOf(InvalidRedirectUriError);
    expect(error).toMatchObject({ code: 'invalid_request', redirectable: false });
    expect(context.redirectUri).toBeUndefined();
  });

  it.each([
    ['an unregistered host', 'https://evil.example.test/callback'],
    ['a longer path (no prefix matching)', `${ONE}/more`],
    ['an extra query', `${ONE}?next=/admin`],
    ['a trailing slash', `${ONE}/`],
    ['a different scheme', 'http://app.example.test/callback'],
    ['a different case in the path', 'https://app.example.test/Callback'],
  ])('refuses %s without redirecting', async (_, requested) => {
    const context = contextFor([ONE], requested);
    const error = await oauthErrorOf(() => checkRedirectUri(context));
    expect(error).toBeInstanceOf(InvalidRedirectUriError);
    expect(error.redirectable).toBe(false);
    expect(context.redirectUri).toBeUndefined();
  });
});
