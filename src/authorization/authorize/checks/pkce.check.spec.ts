import { describe, expect, it } from '@jest/globals';
import type { ClientType } from '../../../client-registry/client.js';
import { InvalidRequestError } from '../../../common/oauth-errors.js';
import { oauthErrorOf, testClient } from '../../../testing/fixtures.js';
import type { AuthorizationContext } from '../authorization-context.js';
import { checkPkce } from './pkce.check.js';

/** RFC 7636 Appendix B. */
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function contextFor(type: ClientType, challenge?: string, method?: string): AuthorizationContext {
  const client = testClient({ type });
  return {
    params: { client_id: client.id, code_challenge: challenge, code_challenge_method: method },
    client,
    redirectUri: client.redirectUris[0],
  };
}

describe('checkPkce: public clients must send an S256 code_challenge; plain is refused (RFC 7636 section 4.3, RFC 9700 section 2.1.1)', () => {
  it.each<ClientType>(['public', 'confidential'])('keeps an S256 challenge from a %s client', (type) => {
    const context = contextFor(type, CHALLENGE, 'S256');
    checkPkce(context);
    expect(context.codeChallenge).toBe(CHALLENGE);
  });

  it('lets a confidential client go without PKCE', () => {
    const context = contextFor('confidential');
    checkPkce(context);
    expect(context.codeChallenge).toBeUndefined();
  });

  it('requires a code_challenge from a public client', async () => {
    const error = await oauthErrorOf(() => checkPkce(contextFor('public')));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: 'invalid_request', redirectable: true });
    expect(error.description).toContain('code_challenge');
  });

  it('refuses code_challenge_method without code_challenge', async () => {
    const error = await oauthErrorOf(() => checkPkce(contextFor('confidential', undefined, 'S256')));
    expect(error).toBeInstanceOf(InvalidRequestError);
  });

  it.each([
    ['plain', 'plain'],
    ['an omitted method (read as plain, RFC 7636 section 4.3)', undefined],
    ['a lower-case s256', 's256'],
  ])('refuses %s, so no client can be downgraded', async (_, method) => {
    const context = contextFor('public', CHALLENGE, method);
    const error = await oauthErrorOf(() => checkPkce(context));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.description).toContain('S256');
    expect(context.codeChallenge).toBeUndefined();
  });

  it.each([
    ['42 characters', CHALLENGE.slice(0, 42)],
    ['44 characters', `${CHALLENGE}A`],
    ['standard base64 characters', `${CHALLENGE.slice(0, 41)}+/`],
    ['base64 padding', `${CHALLENGE.slice(0, 42)}=`],
  ])('refuses a challenge of %s: an S256 challenge is 43 base64url characters', async (_, challenge) => {
    const context = contextFor('public', challenge, 'S256');
    const error = await oauthErrorOf(() => checkPkce(context));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(context.codeChallenge).toBeUndefined();
  });
});
