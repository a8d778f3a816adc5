import { beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { SigningKeyService } from '../keys/signing-key.service.js';
import { testClient, testSigningKeys, tokenServices } from '../testing/fixtures.js';
import { TokenLookup } from './token-lookup.service.js';

describe('TokenLookup: finds a token by value, the hinted kind first, then every other kind (RFC 7662 section 2.1, RFC 7009 section 2.1)', () => {
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let lookup: TokenLookup;
  let accessToken: string;
  let refreshToken: string;
  let searched: string[];

  beforeAll(async () => {
    keys = await testSigningKeys();
  });

  beforeEach(async () => {
    services = tokenServices(keys);
    lookup = new TokenLookup(services.verifier, services.refreshTokens);
    const family = await services.startFamily({
      grantId: null,
      clientId: 'web-app',
      userId: 'user-1',
      scopes: ['notes:read'],
      authTime: null,
    });
    const issued = await services.issuer.issue(testClient(), family);
    accessToken = issued.access_token;
    refreshToken = issued.refresh_token!;
    searched = [];
    const verify = services.verifier.verify.bind(services.verifier);
    const find = services.refreshTokens.find.bind(services.refreshTokens);
    jest.spyOn(services.verifier, 'verify').mockImplementation((token) => {
      searched.push('access_token');
      return verify(token);
    });
    jest.spyOn(services.refreshTokens, 'find').mockImplementation((token) => {
      searched.push('refresh_token');
      return find(token);
    });
  });

  it('finds an access token with the client it was issued to', async () => {
    await expect(lookup.find(accessToken)).resolves.toMatchObject({ kind: 'access_token', clientId: 'web-app' });
  });

  it('finds a refresh token with the client it was issued to', async () => {
    await expect(lookup.find(refreshToken)).resolves.toMatchObject({ kind: 'refresh_token', clientId: 'web-app' });
  });

  it('searches refresh tokens first under the hint "refresh_token", and stops there when found', async () => {
    await lookup.find(refreshToken, 'refresh_token');
    expect(searched).toEqual(['refresh_token']);
  });

  it('searches access tokens first without a hint, or under an unknown one', async () => {
    await lookup.find(accessToken);
    await lookup.find(accessToken, 'id_token');
    expect(searched).toEqual(['access_token', 'access_token']);
  });

  it('extends the search past a wrong hint (a MUST of both RFCs)', async () => {
    await expect(lookup.find(accessToken, 'refresh_token')).resolves.toMatchObject({ kind: 'access_token' });
    expect(searched).toEqual(['refresh_token', 'access_token']);
  });

  it('finds nothing for an unknown token, after searching every kind', async () => {
    await expect(lookup.find('A'.repeat(43), 'access_token')).resolves.toBeNull();
    expect(searched).toEqual(['access_token', 'refresh_token']);
  });

  it('does not find an access token that fails verification', async () => {
    await services.families.revoke(services.claimsOf(accessToken)!.family_id!, 'token_revoked');
    await expect(lookup.find(accessToken)).resolves.toBeNull();
  });
});
