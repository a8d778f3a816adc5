import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sha256 } from '../../../common/crypto.js';
import { InvalidGrantError, InvalidRequestError, InvalidScopeError } from '../../../common/oauth-errors.js';
import type { SigningKeyService } from '../../../keys/signing-key.service.js';
import { oauthErrorOf, testClient, testSigningKeys, tokenServices, STRICT_REFRESH } from '../../../testing/fixtures.js';
import type { TokenFamily } from '../../../tokens/token-family.repository.js';
import { RefreshTokenGrant } from './refresh-token.grant.js';

describe('RefreshTokenGrant: rotation on every use, reuse revokes the family, scope only narrowed (RFC 6749 section 6, RFC 9700 section 4.14.2)', () => {
  const client = testClient({ id: 'web-app' });
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let grant: RefreshTokenGrant;
  let family: TokenFamily;
  let refreshToken: string;

  beforeAll(async () => {
    keys = await testSigningKeys();
  });

  beforeEach(async () => {
    services = tokenServices(keys);
    grant = new RefreshTokenGrant(services.refreshTokens, services.families, services.issuer, STRICT_REFRESH);
    family = await services.startFamily({
      grantId: 'grant-1',
      clientId: client.id,
      userId: 'user-1',
      scopes: ['openid', 'notes:read'],
      authTime: null,
    });
    refreshToken = (await services.issuer.issue(client, family)).refresh_token!;
  });

  function refresh(token: string | undefined, scope?: string, by = client) {
    return grant.handle(by, { grant_type: 'refresh_token', refresh_token: token, scope });
  }

  const stored = (token: string) => services.refreshTokenRepository.rows.get(sha256(token))!;
  const storedFamily = () => services.familyRepository.rows.get(family.id)!;

  it('answers the grant type "refresh_token"', () => {
    expect(grant.grantType).toBe('refresh_token');
  });

  describe('rotation', () => {
    it("returns new tokens with the family's scope and a new refresh token", async () => {
      const response = await refresh(refreshToken);
      expect(response).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'openid notes:read' });
      expect(response.refresh_token).toEqual(expect.any(String));
      expect(response.refresh_token).not.toBe(refreshToken);
      expect(services.claimsOf(response.access_token)).toMatchObject({
        sub: 'user-1',
        client_id: 'web-app',
        family_id: family.id,
      });
    });

    it('ends the presented refresh token and issues the next one in the same family', async () => {
      const response = await refresh(refreshToken);
      expect(stored(refreshToken).rotatedAt).toEqual(expect.any(Date));
      expect(stored(response.refresh_token!)).toMatchObject({ familyId: family.id, rotatedAt: null });
    });

    it('lets the chain go on: each new refresh token works once', async () => {
      const second = await refresh(refreshToken);
      const third = await refresh(second.refresh_token);
      expect(third.refresh_token).not.toBe(second.refresh_token);
      expect(storedFamily().revokedAt).toBeNull();
    });
  });

  describe('reuse of an ended refresh token', () => {
    it('is refused with invalid_grant and revokes the whole family', async () => {
      const rotated = await refresh(refreshToken);
      const error = await oauthErrorOf(() => refresh(refreshToken));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(storedFamily()).toMatchObject({ revokedAt: expect.any(Date), revokedReason: 'refresh_token_reuse' });
      // The legitimate holder's newest token dies with the family.
      expect(await oauthErrorOf(() => refresh(rotated.refresh_token))).toBeInstanceOf(InvalidGrantError);
    });

    it('is detected even when the request also asks for a scope it may not have', async () => {
      await refresh(refreshToken);
      const error = await oauthErrorOf(() => refresh(refreshToken, 'notes:write'));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(storedFamily().revokedReason).toBe('refresh_token_reuse');
    });

    it('lets exactly one of two concurrent uses win; the loser revokes the family', async () => {
      const results = await Promise.allSettled([refresh(refreshToken), refresh(refreshToken)]);
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(InvalidGrantError);
      expect(storedFamily().revokedReason).toBe('refresh_token_reuse');
    });
  });

  describe('which tokens are refused', () => {
    it('requires the refresh_token parameter (invalid_request)', async () => {
      expect(await oauthErrorOf(() => refresh(undefined))).toBeInstanceOf(InvalidRequestError);
    });

    it('refuses an unknown refresh token with invalid_grant', async () => {
      expect(await oauthErrorOf(() => refresh('not-a-token'))).toBeInstanceOf(InvalidGrantError);
    });

    it('refuses a token issued to another client, leaving it and its family untouched', async () => {
      const error = await oauthErrorOf(() => refresh(refreshToken, undefined, testClient({ id: 'other-app' })));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(stored(refreshToken).rotatedAt).toBeNull();
      expect(storedFamily().revokedAt).toBeNull();
    });

    it('refuses a token whose family was revoked', async () => {
      await services.families.revoke(family.id, 'grant_revoked');
      const error = await oauthErrorOf(() => refresh(refreshToken));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(error.description).toContain('revoked');
    });

    it('refuses a token whose family outlived its absolute lifetime', async () => {
      services.familyRepository.rows.set(family.id, { ...storedFamily(), expiresAt: new Date(Date.now() - 1000) });
      expect(await oauthErrorOf(() => refresh(refreshToken))).toBeInstanceOf(InvalidGrantError);
      expect(stored(refreshToken).rotatedAt).toBeNull();
    });

    it('refuses an expired token without rotating it', async () => {
      services.refreshTokenRepository.rows.set(sha256(refreshToken), {
        ...stored(refreshToken),
        expiresAt: new Date(Date.now() - 1000),
      });
      const error = await oauthErrorOf(() => refresh(refreshToken));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(error.description).toContain('expired');
      expect(stored(refreshToken).rotatedAt).toBeNull();
    });
  });

  describe('scope (section 6: no scope not originally granted)', () => {
    it('narrows the access token to a subset of the granted scope', async () => {
      const response = await refresh(refreshToken, 'notes:read');
      expect(response.scope).toBe('notes:read');
      expect(services.claimsOf(response.access_token)!.scope).toBe('notes:read');
    });

    it("keeps the refresh token's scope identical to the original grant's", async () => {
      const narrowed = await refresh(refreshToken, 'openid');
      const next = await refresh(narrowed.refresh_token);
      expect(next.scope).toBe('openid notes:read');
    });

    it.each([
      ['a scope never granted', 'notes:write'],
      ['a superset of the grant', 'openid notes:read profile'],
      ['an empty list', '   '],
    ])('refuses %s with invalid_scope, checked before rotation so the token stays usable', async (_, scope) => {
      const error = await oauthErrorOf(() => refresh(refreshToken, scope));
      expect(error).toBeInstanceOf(InvalidScopeError);
      expect(stored(refreshToken).rotatedAt).toBeNull();
      expect(storedFamily().revokedAt).toBeNull();
      await expect(refresh(refreshToken)).resolves.toMatchObject({ token_type: 'Bearer' });
    });
  });

  describe('REFRESH_TOKEN_REUSE_GRACE (a retry real clients make: two tabs, a lost response)', () => {
    const withGrace = (seconds: number) =>
      new RefreshTokenGrant(services.refreshTokens, services.families, services.issuer, {
        refreshTokenReuseGrace: seconds,
      });

    it('forgives the same client using a just-rotated token again within the window: a fresh pair, family kept', async () => {
      const lenient = withGrace(30);
      const first = await lenient.handle(client, { grant_type: 'refresh_token', refresh_token: refreshToken });
      const retry = await lenient.handle(client, { grant_type: 'refresh_token', refresh_token: refreshToken });
      expect(retry.refresh_token).not.toBe(first.refresh_token);
      expect(storedFamily().revokedAt).toBeNull();
      await expect(
        lenient.handle(client, { grant_type: 'refresh_token', refresh_token: first.refresh_token! }),
      ).resolves.toBeDefined();
    });

    it('treats a reuse after the window as theft: invalid_grant and the family revoked', async () => {
      const lenient = withGrace(30);
      await lenient.handle(client, { grant_type: 'refresh_token', refresh_token: refreshToken });
      const rotated = services.refreshTokenRepository.rows.get(sha256(refreshToken))!;
      services.refreshTokenRepository.rows.set(rotated.tokenHash, {
        ...rotated,
        rotatedAt: new Date(Date.now() - 31_000),
      });
      const error = await oauthErrorOf(() =>
        lenient.handle(client, { grant_type: 'refresh_token', refresh_token: refreshToken }),
      );
      expect(error.code).toBe('invalid_grant');
      expect(storedFamily().revokedReason).toBe('refresh_token_reuse');
    });

    it('with the default 0, an immediate retry is already theft', async () => {
      await refresh(refreshToken);
      await expect(oauthErrorOf(() => refresh(refreshToken))).resolves.toMatchObject({ code: 'invalid_grant' });
      expect(storedFamily().revokedReason).toBe('refresh_token_reuse');
    });
  });
});
