import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidScopeError, UnauthorizedClientError } from '../../../common/oauth-errors.js';
import type { SigningKeyService } from '../../../keys/signing-key.service.js';
import { oauthErrorOf, testClient, testSigningKeys, tokenServices } from '../../../testing/fixtures.js';
import { ClientCredentialsGrant } from './client-credentials.grant.js';

describe('ClientCredentialsGrant: a confidential client gets an access token for itself, within its registered scope, without a refresh token (RFC 6749 sections 3.3, 4.4; RFC 9068 section 2.2)', () => {
  const client = testClient({
    id: 'reporting-job',
    scopes: ['openid', 'profile', 'notes:read'],
    grantTypes: ['client_credentials'],
  });
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let grant: ClientCredentialsGrant;

  beforeAll(async () => {
    keys = await testSigningKeys();
  });

  beforeEach(() => {
    services = tokenServices(keys);
    grant = new ClientCredentialsGrant(services.signer);
  });

  const request = (scope?: string, by = client) => grant.handle(by, { grant_type: 'client_credentials', scope });

  it('answers the grant type "client_credentials"', () => {
    expect(grant.grantType).toBe('client_credentials');
  });

  describe('the response (section 4.4.3)', () => {
    it('has exactly access_token, token_type, expires_in and scope: no refresh token', async () => {
      const response = await request('notes:read');
      expect(response).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
        scope: 'notes:read',
      });
      expect(services.refreshTokenRepository.rows.size).toBe(0);
      expect(services.familyRepository.rows.size).toBe(0);
    });

    it('carries an access token whose sub is the client_id and that belongs to no family', async () => {
      const { access_token } = await request('notes:read');
      const claims = services.claimsOf(access_token)!;
      expect(claims).toMatchObject({ sub: 'reporting-job', client_id: 'reporting-job', scope: 'notes:read' });
      expect(claims).not.toHaveProperty('family_id');
      expect(claims).not.toHaveProperty('auth_time');
    });

    it('is verified by the API as a token of the client itself', async () => {
      const verified = await services.verifier.verify((await request('notes:read')).access_token);
      expect(verified).toMatchObject({ owner: 'client', subject: 'reporting-job', familyId: null });
    });
  });

  describe('scope (section 3.3)', () => {
    it('defaults to every registered scope except openid, which needs a user', async () => {
      expect((await request()).scope).toBe('profile notes:read');
    });

    it('grants a requested subset of the registered scopes', async () => {
      expect((await request('notes:read profile')).scope).toBe('notes:read profile');
    });

    it.each([
      ['a scope the client is not registered for', 'notes:write'],
      ['a scope unknown to the server', 'admin'],
      ['openid, registered but meaningless without a user', 'openid notes:read'],
      ['an empty list', '   '],
    ])('refuses %s with invalid_scope, issuing nothing', async (_, scope) => {
      expect(await oauthErrorOf(() => request(scope))).toBeInstanceOf(InvalidScopeError);
    });

    it('refuses a request without scope when the only registered scope is openid', async () => {
      const openidOnly = testClient({ scopes: ['openid'], grantTypes: ['client_credentials'] });
      expect(await oauthErrorOf(() => request(undefined, openidOnly))).toBeInstanceOf(InvalidScopeError);
    });
  });

  it('refuses a public client with unauthorized_client (section 4.4: confidential clients only)', async () => {
    const publicClient = testClient({ type: 'public', grantTypes: ['client_credentials'] });
    const error = await oauthErrorOf(() => request('notes:read', publicClient));
    expect(error).toBeInstanceOf(UnauthorizedClientError);
    expect(error.code).toBe('unauthorized_client');
  });
});
