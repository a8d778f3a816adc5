import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { JwtSigner } from '../../keys/jwt-signer.js';
import type { AccountService } from '../../accounts/account.service.js';
import type { User } from '../../accounts/user.js';
import { sha256 } from '../../common/crypto.js';
import { InvalidClientError, InvalidRequestError } from '../../common/oauth-errors.js';
import type { SigningKeyService } from '../../keys/signing-key.service.js';
import {
  ISSUER,
  oauthErrorOf,
  testAppConfig,
  testClient,
  testSigningKeys,
  testTokensConfig,
  tokenServices,
} from '../../testing/fixtures.js';
import { AccessTokenSigner } from '../../tokens/access-token.signer.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import { TokenLookup } from '../../tokens/token-lookup.service.js';
import { IntrospectionService } from './introspection.service.js';

const alice: User = {
  id: 'user-1',
  username: 'alice',
  passwordHash: 'unused',
  name: null,
  email: null,
  emailVerified: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

describe('IntrospectionService: active tokens described, every other one exactly { active: false } (RFC 7662 sections 2.1, 2.2, 4)', () => {
  const client = testClient({
    id: 'web-app',
    grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
  });
  const otherClient = testClient({ id: 'other-app' });
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let users: Map<string, User>;
  let introspection: IntrospectionService;
  let family: TokenFamily;
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    keys = await testSigningKeys();
  });

  beforeEach(async () => {
    services = tokenServices(keys);
    users = new Map([[alice.id, alice]]);
    const accounts = { findById: async (id: string) => users.get(id) ?? null } as unknown as AccountService;
    const lookup = new TokenLookup(services.verifier, services.refreshTokens);
    introspection = new IntrospectionService(lookup, services.families, accounts);
    family = await services.startFamily({
      grantId: 'grant-1',
      clientId: client.id,
      userId: alice.id,
      scopes: ['openid', 'notes:read'],
      authTime: null,
    });
    const issued = await services.issuer.issue(client, family);
    accessToken = issued.access_token;
    refreshToken = issued.refresh_token!;
  });

  const introspect = (token: string | undefined, hint?: string, by = client) =>
    introspection.introspect(by, { token, token_type_hint: hint });
  const storedRefreshToken = () => services.refreshTokenRepository.rows.get(sha256(refreshToken))!;

  describe('an active token', () => {
    it('describes an access token with its RFC 7662 section 2.2 members', async () => {
      const claims = services.claimsOf(accessToken)!;
      expect(await introspect(accessToken)).toEqual({
        active: true,
        scope: 'openid notes:read',
        client_id: 'web-app',
        username: 'alice',
        sub: 'user-1',
        exp: claims.exp,
        iat: claims.iat,
        token_type: 'Bearer',
        token_use: 'access_token',
        aud: `${ISSUER}/api`,
        iss: ISSUER,
        jti: claims.jti,
      });
    });

    it("describes a refresh token with its family's scope and its own lifetime", async () => {
      const stored = storedRefreshToken();
      expect(await introspect(refreshToken)).toEqual({
        active: true,
        scope: 'openid notes:read',
        client_id: 'web-app',
        username: 'alice',
        sub: 'user-1',
        exp: Math.floor(stored.expiresAt.getTime() / 1000),
        iat: Math.floor(stored.createdAt.getTime() / 1000),
        token_use: 'refresh_token',
      });
    });

    it('describes a token the client obtained for itself: sub is the client_id, and there is no username', async () => {
      const { token } = await services.signer.sign({ subject: client.id, clientId: client.id, scopes: ['notes:read'] });
      const description = await introspect(token);
      expect(description).toMatchObject({
        active: true,
        sub: 'web-app',
        client_id: 'web-app',
        token_use: 'access_token',
      });
      expect(description).not.toHaveProperty('username');
    });
  });

  describe('token_type_hint (section 2.1: the search extends past a wrong hint; an unknown hint is ignored)', () => {
    it.each([
      ['access_token', 'refresh_token'],
      ['refresh_token', 'access_token'],
      ['refresh_token', 'refresh_token'],
      ['access_token', 'access_token'],
      ['access_token', 'id_token'],
      ['refresh_token', 'no-such-hint'],
    ])('finds the %s under the hint "%s"', async (kind, hint) => {
      const token = kind === 'access_token' ? accessToken : refreshToken;
      expect(await introspect(token, hint)).toMatchObject({ active: true, token_use: kind });
    });
  });

  describe('every inactive token gets exactly { active: false } (section 2.2)', () => {
    async function expectInactive(token: string, by = client): Promise<void> {
      expect(await introspect(token, undefined, by)).toEqual({ active: false });
    }

    it('an expired access token', async () => {
      const expiredSigner = new AccessTokenSigner(
        new JwtSigner(keys),
        testAppConfig(),
        testTokensConfig({ accessTokenTtl: -60 }),
      );
      const { token } = await expiredSigner.sign({
        subject: alice.id,
        clientId: client.id,
        scopes: [],
        family,
      });
      await expectInactive(token);
    });

    it('an access token revoked on its own', async () => {
      const { jti } = services.claimsOf(accessToken)!;
      await services.revokedAccessTokenRepository.insert(jti, new Date(Date.now() + 60_000), new Date());
      await expectInactive(accessToken);
      await expect(introspect(refreshToken)).resolves.toMatchObject({ active: true });
    });

    it('both tokens of a revoked family', async () => {
      await services.families.revoke(family.id, 'token_revoked');
      await expectInactive(accessToken);
      await expectInactive(refreshToken);
    });

    it('both tokens of a family past its absolute lifetime', async () => {
      services.familyRepository.rows.set(family.id, { ...family, expiresAt: new Date(Date.now() - 1000) });
      await expectInactive(accessToken);
      await expectInactive(refreshToken);
    });

    it('a rotated refresh token', async () => {
      await services.refreshTokens.rotate(storedRefreshToken());
      await expectInactive(refreshToken);
    });

    it('an expired refresh token', async () => {
      services.refreshTokenRepository.rows.set(sha256(refreshToken), {
        ...storedRefreshToken(),
        expiresAt: new Date(Date.now() - 1000),
      });
      await expectInactive(refreshToken);
    });

    it.each([
      ['an unknown opaque token', 'A'.repeat(43)],
      ['a malformed JWT', 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'],
      ['text that is no token at all', 'not a token'],
    ])('%s', async (_, token) => {
      await expectInactive(token);
    });

    it('a token whose user no longer exists', async () => {
      users.clear();
      await expectInactive(accessToken);
      await expectInactive(refreshToken);
    });

    it("another client's access and refresh tokens, however live (section 4)", async () => {
      await expectInactive(accessToken, otherClient);
      await expectInactive(refreshToken, otherClient);
      await expect(introspect(accessToken)).resolves.toMatchObject({ active: true });
    });
  });

  describe('the request', () => {
    it('is refused to a public client with invalid_client (section 2.1: the endpoint requires authorization)', async () => {
      const publicClient = testClient({ id: 'web-app', type: 'public', secretHash: null });
      const error = await oauthErrorOf(() => introspect(accessToken, undefined, publicClient));
      expect(error).toBeInstanceOf(InvalidClientError);
      expect(error.status).toBe(401);
    });

    it('requires the token parameter (invalid_request)', async () => {
      expect(await oauthErrorOf(() => introspect(undefined))).toBeInstanceOf(InvalidRequestError);
    });
  });
});
