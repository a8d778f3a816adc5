import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sha256 } from '../../common/crypto.js';
import { InvalidRequestError, InvalidTokenError, UnauthorizedClientError } from '../../common/oauth-errors.js';
import type { SigningKeyService } from '../../keys/signing-key.service.js';
import { oauthErrorOf, testClient, testSigningKeys, tokenServices } from '../../testing/fixtures.js';
import { RevokedAccessTokenService } from '../../tokens/revoked-access-token.service.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import { TokenLookup } from '../../tokens/token-lookup.service.js';
import { RevocationService } from './revocation.service.js';

describe('RevocationService: a client revokes its own tokens; a refresh token takes its family along (RFC 7009 sections 2.1, 2.2)', () => {
  const client = testClient({ id: 'web-app' });
  const otherClient = testClient({ id: 'other-app' });
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let revocation: RevocationService;
  let family: TokenFamily;
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    keys = await testSigningKeys();
  });

  beforeEach(async () => {
    services = tokenServices(keys);
    revocation = new RevocationService(
      new TokenLookup(services.verifier, services.refreshTokens),
      services.families,
      new RevokedAccessTokenService(services.revokedAccessTokenRepository, services.cache),
    );
    family = await services.startFamily({
      grantId: 'grant-1',
      clientId: client.id,
      userId: 'user-1',
      scopes: ['openid', 'notes:read'],
      authTime: null,
    });
    const issued = await services.issuer.issue(client, family);
    accessToken = issued.access_token;
    refreshToken = issued.refresh_token!;
  });

  const revoke = (token: string | undefined, hint?: string, by = client) =>
    revocation.revoke(by, { token, token_type_hint: hint });
  const storedFamily = () => services.familyRepository.rows.get(family.id)!;
  const revokedJtis = () => [...services.revokedAccessTokenRepository.rows.keys()];

  async function expectAccessTokenRefused(token: string): Promise<void> {
    expect(await oauthErrorOf(() => services.verifier.verify(token))).toBeInstanceOf(InvalidTokenError);
  }

  describe('a refresh token', () => {
    it('revokes its whole family: the refresh token and every access token of it stop at once', async () => {
      await expect(revoke(refreshToken)).resolves.toBeUndefined();
      expect(storedFamily()).toMatchObject({ revokedAt: expect.any(Date), revokedReason: 'token_revoked' });
      await expect(services.families.findLive(family.id)).resolves.toBeNull();
      await expectAccessTokenRefused(accessToken);
    });

    it('is found under the hint "access_token" as well (section 2.1: the search extends to other types)', async () => {
      await revoke(refreshToken, 'access_token');
      expect(storedFamily().revokedReason).toBe('token_revoked');
    });

    it('may be revoked by a public client that owns it', async () => {
      const publicClient = testClient({ id: 'web-app', type: 'public', secretHash: null });
      await revoke(refreshToken, undefined, publicClient);
      expect(storedFamily().revokedReason).toBe('token_revoked');
    });
  });

  describe('an access token', () => {
    it('is listed by jti until it would expire, and fails verification at once; its family lives on', async () => {
      const { jti, exp } = services.claimsOf(accessToken)!;
      await revoke(accessToken);
      expect(services.revokedAccessTokenRepository.rows.get(jti)).toEqual({
        expiresAt: new Date(exp * 1000),
        revokedAt: expect.any(Date),
      });
      await expectAccessTokenRefused(accessToken);
      expect(storedFamily().revokedAt).toBeNull();
      await expect(services.refreshTokens.find(refreshToken)).resolves.toMatchObject({ rotatedAt: null });
    });

    it('is found under the hint "refresh_token" as well, and an unknown hint is ignored', async () => {
      await revoke(accessToken, 'refresh_token');
      const second = (await services.issuer.issue(client, family)).access_token;
      await revoke(second, 'no-such-hint');
      expect(revokedJtis()).toEqual([services.claimsOf(accessToken)!.jti, services.claimsOf(second)!.jti]);
    });

    it('revokes a token the client obtained for itself (client_credentials)', async () => {
      const { token } = await services.signer.sign({ subject: client.id, clientId: client.id, scopes: ['notes:read'] });
      await revoke(token);
      await expectAccessTokenRefused(token);
    });

    it('may be revoked twice', async () => {
      await revoke(accessToken);
      await expect(revoke(accessToken)).resolves.toBeUndefined();
    });
  });

  describe('tokens it cannot find are answered like revoked ones (section 2.2), changing nothing', () => {
    it.each([
      ['an unknown opaque token', 'A'.repeat(43)],
      ['a malformed JWT', 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'],
      ['text that is no token at all', 'not a token'],
    ])('%s', async (_, token) => {
      await expect(revoke(token)).resolves.toBeUndefined();
      expect(storedFamily().revokedAt).toBeNull();
      expect(revokedJtis()).toEqual([]);
    });
  });

  describe("another client's token (section 2.1: the request is refused)", () => {
    it('refuses its refresh token with unauthorized_client, leaving the family live', async () => {
      const error = await oauthErrorOf(() => revoke(refreshToken, undefined, otherClient));
      expect(error).toBeInstanceOf(UnauthorizedClientError);
      expect(error.code).toBe('unauthorized_client');
      expect(storedFamily().revokedAt).toBeNull();
      expect(services.refreshTokenRepository.rows.get(sha256(refreshToken))!.rotatedAt).toBeNull();
    });

    it('refuses its access token with unauthorized_client, leaving it valid', async () => {
      expect(await oauthErrorOf(() => revoke(accessToken, undefined, otherClient))).toBeInstanceOf(
        UnauthorizedClientError,
      );
      expect(revokedJtis()).toEqual([]);
      await expect(services.verifier.verify(accessToken)).resolves.toMatchObject({ clientId: 'web-app' });
    });
  });

  it('requires the token parameter (invalid_request)', async () => {
    expect(await oauthErrorOf(() => revoke(undefined))).toBeInstanceOf(InvalidRequestError);
  });
});
