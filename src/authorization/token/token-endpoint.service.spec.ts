import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { InvalidRequestError, UnauthorizedClientError, UnsupportedGrantTypeError } from '../../common/oauth-errors.js';
import { SigningKeyService } from '../../keys/signing-key.service.js';
import { oauthErrorOf, testClient, tokenServices, STRICT_REFRESH } from '../../testing/fixtures.js';
import { InMemorySigningKeyRepository } from '../../testing/in-memory-repositories.js';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant.js';
import { ClientCredentialsGrant } from './grants/client-credentials.grant.js';
import { RefreshTokenGrant } from './grants/refresh-token.grant.js';
import { TokenEndpoint } from './token-endpoint.service.js';
import type { TokenResponse } from './token-grant.js';

const answer = (accessToken: string): TokenResponse => ({
  access_token: accessToken,
  token_type: 'Bearer',
  expires_in: 900,
  scope: 'openid',
});

describe('TokenEndpoint: grant_type picks the grant; unknown is unsupported_grant_type, unregistered is unauthorized_client (RFC 6749 section 5.2)', () => {
  let endpoint: TokenEndpoint;
  let codeGrant: jest.SpiedFunction<AuthorizationCodeGrant['handle']>;
  let refreshGrant: jest.SpiedFunction<RefreshTokenGrant['handle']>;
  let clientCredentialsGrant: jest.SpiedFunction<ClientCredentialsGrant['handle']>;

  beforeEach(() => {
    // The grants' own rules have their own specs; here they only answer who was asked.
    const services = tokenServices(
      new SigningKeyService(new InMemorySigningKeyRepository(), { accessTokenAlg: 'RS256' }),
    );
    const authorizationCode = new AuthorizationCodeGrant(
      services.codes,
      services.families,
      services.refreshTokens,
      services.issuer,
    );
    const refreshToken = new RefreshTokenGrant(
      services.refreshTokens,
      services.families,
      services.issuer,
      STRICT_REFRESH,
    );
    codeGrant = jest.spyOn(authorizationCode, 'handle').mockResolvedValue(answer('from-code-grant'));
    refreshGrant = jest.spyOn(refreshToken, 'handle').mockResolvedValue(answer('from-refresh-grant'));
    const clientCredentials = new ClientCredentialsGrant(services.signer);
    clientCredentialsGrant = jest
      .spyOn(clientCredentials, 'handle')
      .mockResolvedValue(answer('from-client-credentials-grant'));
    endpoint = new TokenEndpoint(authorizationCode, refreshToken, clientCredentials);
  });

  it('hands grant_type=authorization_code to the authorization code grant', async () => {
    const client = testClient();
    const request = { grant_type: 'authorization_code', code: 'abc' };
    await expect(endpoint.handle(client, request)).resolves.toMatchObject({ access_token: 'from-code-grant' });
    expect(codeGrant).toHaveBeenCalledWith(client, request);
    expect(refreshGrant).not.toHaveBeenCalled();
  });

  it('hands grant_type=refresh_token to the refresh token grant', async () => {
    const client = testClient();
    const request = { grant_type: 'refresh_token', refresh_token: 'abc' };
    await expect(endpoint.handle(client, request)).resolves.toMatchObject({ access_token: 'from-refresh-grant' });
    expect(refreshGrant).toHaveBeenCalledWith(client, request);
    expect(codeGrant).not.toHaveBeenCalled();
  });

  it('hands grant_type=client_credentials to the client credentials grant', async () => {
    const client = testClient({ grantTypes: ['client_credentials'] });
    const request = { grant_type: 'client_credentials', scope: 'notes:read' };
    await expect(endpoint.handle(client, request)).resolves.toMatchObject({
      access_token: 'from-client-credentials-grant',
    });
    expect(clientCredentialsGrant).toHaveBeenCalledWith(client, request);
    expect(codeGrant).not.toHaveBeenCalled();
  });

  it('requires grant_type (invalid_request)', async () => {
    const error = await oauthErrorOf(() => endpoint.handle(testClient(), { code: 'abc' }));
    expect(error).toBeInstanceOf(InvalidRequestError);
  });

  it.each([
    'password',
    'implicit',
    'CLIENT_CREDENTIALS',
    'urn:ietf:params:oauth:grant-type:device_code',
    'AUTHORIZATION_CODE',
  ])('refuses grant_type=%s with unsupported_grant_type', async (grantType) => {
    const error = await oauthErrorOf(() => endpoint.handle(testClient(), { grant_type: grantType }));
    expect(error).toBeInstanceOf(UnsupportedGrantTypeError);
    expect(error.code).toBe('unsupported_grant_type');
    expect(codeGrant).not.toHaveBeenCalled();
    expect(refreshGrant).not.toHaveBeenCalled();
    expect(clientCredentialsGrant).not.toHaveBeenCalled();
  });

  it('refuses a grant type the client is not registered for with unauthorized_client, before the grant runs', async () => {
    const client = testClient({ grantTypes: ['authorization_code'] });
    const error = await oauthErrorOf(() =>
      endpoint.handle(client, { grant_type: 'refresh_token', refresh_token: 'abc' }),
    );
    expect(error).toBeInstanceOf(UnauthorizedClientError);
    expect(error.code).toBe('unauthorized_client');
    expect(refreshGrant).not.toHaveBeenCalled();
  });

  it('refuses client_credentials to a client registered only for the code flow, before the grant runs', async () => {
    const error = await oauthErrorOf(() => endpoint.handle(testClient(), { grant_type: 'client_credentials' }));
    expect(error).toBeInstanceOf(UnauthorizedClientError);
    expect(clientCredentialsGrant).not.toHaveBeenCalled();
  });
});
