import { describe, expect, it } from '@jest/globals';
import {
  InvalidRequestError,
  UnauthorizedClientError,
  UnsupportedResponseTypeError,
} from '../../../common/oauth-errors.js';
import type { Client } from '../../../client-registry/client.js';
import { oauthErrorOf, testClient } from '../../../testing/fixtures.js';
import type { AuthorizationContext } from '../authorization-context.js';
import { checkResponseType } from './response-type.check.js';

function contextFor(responseType: string | undefined, client: Client = testClient()): AuthorizationContext {
  return { params: { client_id: client.id, response_type: responseType }, client, redirectUri: client.redirectUris[0] };
}

describe('checkResponseType: response_type is required and only "code" is supported (RFC 6749 section 4.1.1, RFC 9700 section 2.1.2)', () => {
  it('accepts response_type=code for a client registered for the authorization code grant', () => {
    expect(() => checkResponseType(contextFor('code'))).not.toThrow();
  });

  it('refuses a missing response_type with invalid_request', async () => {
    const error = await oauthErrorOf(() => checkResponseType(contextFor(undefined)));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: 'invalid_request', redirectable: true });
  });

  it.each(['token', 'id_token', 'code token', 'CODE'])(
    'refuses response_type=%j with unsupported_response_type',
    async (responseType) => {
      const error = await oauthErrorOf(() => checkResponseType(contextFor(responseType)));
      expect(error).toBeInstanceOf(UnsupportedResponseTypeError);
      expect(error).toMatchObject({ code: 'unsupported_response_type', redirectable: true });
    },
  );

  it('refuses a client not registered for authorization_code with unauthorized_client', async () => {
    const client = testClient({ grantTypes: ['refresh_token'] });
    const error = await oauthErrorOf(() => checkResponseType(contextFor('code', client)));
    expect(error).toBeInstanceOf(UnauthorizedClientError);
    expect(error).toMatchObject({ code: 'unauthorized_client', redirectable: true });
  });
});
