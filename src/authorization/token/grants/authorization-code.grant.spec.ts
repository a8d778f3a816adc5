import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sha256 } from '../../../common/crypto.js';
import { InvalidGrantError, InvalidRequestError } from '../../../common/oauth-errors.js';
import type { SigningKeyService } from '../../../keys/signing-key.service.js';
import { oauthErrorOf, testClient, testSigningKeys, tokenServices, STRICT_REFRESH } from '../../../testing/fixtures.js';
import type { AuthorizationCode } from '../../codes/authorization-code.repository.js';
import type { TokenRequestDto } from '../token-request.dto.js';
import { AuthorizationCodeGrant } from './authorization-code.grant.js';
import { RefreshTokenGrant } from './refresh-token.grant.js';

/** RFC 7636 Appendix B. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const CALLBACK = 'https://app.example.test/callback';
const HOUR = 3600 * 1000;

describe('AuthorizationCodeGrant: a code is exchanged once, by its client, with the same redirect_uri and a matching PKCE verifier (RFC 6749 sections 4.1.2, 4.1.3; RFC 7636 section 4.6)', () => {
  const client = testClient({ id: 'web-app', redirectUris: [CALLBACK] });
  const otherClient = testClient({ id: 'other-app' });
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let grant: AuthorizationCodeGrant;
  let codeNumber = 0;

  beforeAll(async () => {
    keys = await testSigningKeys();
  });

  beforeEach(() => {
    services = tokenServices(keys);
    grant = new AuthorizationCodeGrant(services.codes, services.families, services.refreshTokens, services.issuer);
  });

  /** Stores a code as the authorize endpoint would (by hash) and returns it in clear. */
  async function givenCode(overrides: Partial<AuthorizationCode> = {}): Promise<string> {
    const code = `code-${++codeNumber}`;
    await services.codeRepository.insert({
      codeHash: sha256(code),
      clientId: client.id,
      userId: 'user-1',
      grantId: 'grant-1',
      redirectUri: CALLBACK,
      redirectUriSent: true,
      scopes: ['openid', 'notes:read'],
      codeChallenge: CHALLENGE,
      nonce: null,
      authTime: new Date(Date.now() - 60_000),
      expiresAt: new Date(Date.now() + 60_000),
      redeemedAt: null,
      familyId: null,
      ...overrides,
    });
    return code;
  }

  function exchange(code: string | undefined, overrides: Partial<TokenRequestDto> = {}, by = client) {
    return grant.handle(by, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
      ...overrides,
    });
  }

  function storedCode(code: string): AuthorizationCode {
    return services.codeRepository.rows.get(sha256(code))!;
  }

  it('answers the grant type "authorization_code"', () => {
    expect(grant.grantType).toBe('authorization_code');
  });

  describe('a valid exchange', () => {
    it('issues a Bearer access token for the user, client and scope, a refresh token and (openid) an ID token', async () => {
      const response = await exchange(await givenCode());
      expect(response).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
        refresh_token: expect.any(String),
        scope: 'openid notes:read',
        id_token: expect.any(String),
      });
      const family = [...services.familyRepository.rows.values()][0]!;
      expect(services.claimsOf(response.access_token)).toMatchObject({
        sub: 'user-1',
        client_id: 'web-app',
        scope: 'openid notes:read',
        family_id: family.id,
      });
    });

    it('starts a token family for the grant and marks the code redeemed by it', async () => {
      const code = await givenCode();
      await exchange(code);
      const families = [...services.familyRepository.rows.values()];
      expect(families).toHaveLength(1);
      expect(families[0]).toMatchObject({
        grantId: 'grant-1',
        clientId: 'web-app',
        userId: 'user-1',
        scopes: ['openid', 'notes:read'],
        revokedAt: null,
      });
      expect(storedCode(code)).toMatchObject({ redeemedAt: expect.any(Date), familyId: families[0]!.id });
    });

    it('gives a refresh token that works at the refresh grant', async () => {
      const response = await exchange(await givenCode());
      const refresh = new RefreshTokenGrant(services.refreshTokens, services.families, services.issuer, STRICT_REFRESH);
      await expect(
        refresh.handle(client, { grant_type: 'refresh_token', refresh_token: response.refresh_token }),
      ).resolves.toMatchObject({
        token_type: 'Bearer',
      });
    });
  });

  describe('the code itself', () => {
    it('requires the code parameter (invalid_request)', async () => {
      const error = await oauthErrorOf(() => exchange(undefined));
      expect(error).toBeInstanceOf(InvalidRequestError);
    });

    it('refuses an unknown code with invalid_grant', async () => {
      const error = await oauthErrorOf(() => exchange('never-issued'));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(services.familyRepository.rows.size).toBe(0);
    });

    it('refuses a code issued to another client, without consuming it', async () => {
      const code = await givenCode();
      const error = await oauthErrorOf(() => exchange(code, {}, otherClient));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(storedCode(code).redeemedAt).toBeNull();
      await expect(exchange(code)).resolves.toMatchObject({ token_type: 'Bearer' });
    });

    it('refuses an expired code with invalid_grant', async () => {
      const code = await givenCode({ expiresAt: new Date(Date.now() - 1000) });
      const error = await oauthErrorOf(() => exchange(code));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(error.description).toContain('expired');
      expect(services.familyRepository.rows.size).toBe(0);
    });
  });

  describe('replay (section 4.1.2: a code used twice is refused and its tokens SHOULD be revoked)', () => {
    it('refuses the second use with invalid_grant and revokes the family of the first', async () => {
      const code = await givenCode();
      const first = await exchange(code);
      const error = await oauthErrorOf(() => exchange(code));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(error.description).toContain('already been used');
      const familyId = services.claimsOf(first.access_token)!.family_id!;
      expect(services.familyRepository.rows.get(familyId)).toMatchObject({
        revokedAt: expect.any(Date),
        revokedReason: 'code_replay',
      });
      expect(await services.families.findLive(familyId)).toBeNull();
    });

    it('makes the refresh token of the first exchange useless', async () => {
      const code = await givenCode();
      const first = await exchange(code);
      await oauthErrorOf(() => exchange(code));
      const refresh = new RefreshTokenGrant(services.refreshTokens, services.families, services.issuer, STRICT_REFRESH);
      const error = await oauthErrorOf(() =>
        refresh.handle(client, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      );
      expect(error).toBeInstanceOf(InvalidGrantError);
    });

    it('detects replay of a redeemed code even after it expired', async () => {
      const family = await services.startFamily({
        grantId: 'grant-1',
        clientId: client.id,
        userId: 'user-1',
        scopes: ['openid'],
        authTime: null,
      });
      const code = await givenCode({
        expiresAt: new Date(Date.now() - HOUR),
        redeemedAt: new Date(Date.now() - HOUR),
        familyId: family.id,
      });
      const error = await oauthErrorOf(() => exchange(code));
      expect(error.description).toContain('already been used');
      expect(services.familyRepository.rows.get(family.id)!.revokedReason).toBe('code_replay');
    });

    it('lets exactly one of two concurrent exchanges win; the loser gets invalid_grant and no tokens, and every family from the code is revoked', async () => {
      const code = await givenCode();
      const results = await Promise.allSettled([exchange(code), exchange(code)]);
      const fulfilled = results.filter((result) => result.status === 'fulfilled');
      const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(InvalidGrantError);

      // Both attempts started a family; the code names the winner's. A second use is replay, so both end.
      const families = [...services.familyRepository.rows.values()];
      expect(families).toHaveLength(2);
      expect(families.map((family) => family.revokedReason)).toEqual(['code_replay', 'code_replay']);
      expect(families.map((family) => family.id)).toContain(storedCode(code).familyId);
      // Only the winner's family ever received a refresh token.
      const tokenFamilies = new Set([...services.refreshTokenRepository.rows.values()].map((token) => token.familyId));
      expect([...tokenFamilies]).toEqual([storedCode(code).familyId]);
    });
  });

  describe("redirect_uri (section 4.1.3: identical to the authorization request's, if it had one)", () => {
    it('refuses an exchange without redirect_uri when the authorization request sent one', async () => {
      const code = await givenCode({ redirectUriSent: true });
      const error = await oauthErrorOf(() => exchange(code, { redirect_uri: undefined }));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(error.description).toContain('redirect_uri');
    });

    it.each([
      ['another URI', 'https://app.example.test/other'],
      ['a trailing slash', `${CALLBACK}/`],
      ['an added query', `${CALLBACK}?a=1`],
    ])('refuses %s', async (_, redirectUri) => {
      const error = await oauthErrorOf(async () => exchange(await givenCode(), { redirect_uri: redirectUri }));
      expect(error).toBeInstanceOf(InvalidGrantError);
    });

    it('accepts an exchange without redirect_uri when the authorization request had none', async () => {
      const code = await givenCode({ redirectUriSent: false });
      await expect(exchange(code, { redirect_uri: undefined })).resolves.toMatchObject({ token_type: 'Bearer' });
    });

    it('accepts the same URI sent at the token endpoint only', async () => {
      const code = await givenCode({ redirectUriSent: false });
      await expect(exchange(code, { redirect_uri: CALLBACK })).resolves.toMatchObject({ token_type: 'Bearer' });
    });

    it('refuses a different URI even when the authorization request had none', async () => {
      const code = await givenCode({ redirectUriSent: false });
      const error = await oauthErrorOf(() => exchange(code, { redirect_uri: 'https://app.example.test/other' }));
      expect(error).toBeInstanceOf(InvalidGrantError);
    });
  });

  describe('PKCE (RFC 7636 section 4.6; RFC 9700 section 2.1.1)', () => {
    it('refuses a missing code_verifier when the code has a challenge', async () => {
      const error = await oauthErrorOf(async () => exchange(await givenCode(), { code_verifier: undefined }));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(error.description).toContain('code_verifier');
      expect(services.familyRepository.rows.size).toBe(0);
    });

    it('refuses a code_verifier that does not match the challenge', async () => {
      const error = await oauthErrorOf(async () => exchange(await givenCode(), { code_verifier: 'x'.repeat(43) }));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(services.familyRepository.rows.size).toBe(0);
    });

    it('refuses the challenge sent back as the verifier', async () => {
      const error = await oauthErrorOf(async () => exchange(await givenCode(), { code_verifier: CHALLENGE }));
      expect(error).toBeInstanceOf(InvalidGrantError);
    });

    it('refuses a code_verifier for a code issued without a challenge (downgrade)', async () => {
      const code = await givenCode({ codeChallenge: null });
      const error = await oauthErrorOf(() => exchange(code));
      expect(error).toBeInstanceOf(InvalidGrantError);
      expect(storedCode(code).redeemedAt).toBeNull();
    });

    it('accepts a code issued without a challenge when no verifier is sent', async () => {
      const code = await givenCode({ codeChallenge: null });
      await expect(exchange(code, { code_verifier: undefined })).resolves.toMatchObject({ token_type: 'Bearer' });
    });
  });
});
