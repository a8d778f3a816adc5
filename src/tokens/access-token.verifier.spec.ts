import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { signJws } from '../keys/jws.js';
import type { SigningKeyService } from '../keys/signing-key.service.js';
import {
  oauthErrorOf,
  testClient,
  testSigningKeys,
  testTokensConfig,
  tokenServices,
  type TokensConfig,
} from '../testing/fixtures.js';
import { RevokedAccessTokenService } from './revoked-access-token.service.js';
import type { TokenFamily } from './token-family.repository.js';

const CLIENT = testClient({ grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'] });

describe.each(['RS256', 'ES256'] as const)('AccessTokenVerifier with ACCESS_TOKEN_ALG=%s', (alg) => {
  const config: TokensConfig = testTokensConfig({ accessTokenAlg: alg });
  let keys: SigningKeyService;
  let services: ReturnType<typeof tokenServices>;
  let family: TokenFamily;
  let accessToken: string;

  beforeAll(async () => {
    keys = await testSigningKeys(config);
  });

  afterAll(() => {
    keys.onModuleDestroy();
  });

  beforeEach(async () => {
    services = tokenServices(keys, config);
    family = await services.startFamily({
      grantId: 'grant-1',
      clientId: CLIENT.id,
      userId: 'user-1',
      scopes: ['profile'],
      authTime: null,
    });
    accessToken = (await services.issuer.issue(CLIENT, family)).access_token;
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** The database reads a verification makes: a cached token makes none. */
  function countReads() {
    const families = jest.spyOn(services.familyRepository, 'findById');
    const revoked = jest.spyOn(services.revokedAccessTokenRepository, 'exists');
    return () => families.mock.calls.length + revoked.mock.calls.length;
  }

  const refusal = async (token: string) => (await oauthErrorOf(() => services.verifier.verify(token))).description;

  it(`signs with ${alg} and verifies the token; its second use reads nothing from the database`, async () => {
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg,
      typ: 'at+jwt',
    });
    const reads = countReads();
    const first = await services.verifier.verify(accessToken);
    expect(first).toMatchObject({ subject: 'user-1', owner: 'user', familyId: family.id, scopes: ['profile'] });
    expect(reads()).toBe(2);
    expect(await services.verifier.verify(accessToken)).toBe(first);
    expect(reads()).toBe(2);
  });

  it('refuses a cached token at once when its family is revoked (revocation endpoint, refresh reuse, code replay)', async () => {
    await services.verifier.verify(accessToken);
    await services.families.revoke(family.id, 'refresh_token_reuse');
    expect(await refusal(accessToken)).toBe('The access token has been revoked');
  });

  it('refuses a cached token at once when it is revoked on its own (RFC 7009)', async () => {
    const verified = await services.verifier.verify(accessToken);
    await new RevokedAccessTokenService(services.revokedAccessTokenRepository, services.cache).revoke(verified);
    expect(await refusal(accessToken)).toBe('The access token has been revoked');
  });

  it('refuses a cached token at once when its client is deleted', async () => {
    const other = (await services.issuer.issue(CLIENT, await services.startFamily({ ...family }))).access_token;
    await services.verifier.verify(other);
    services.cache.revoke('client', CLIENT.id);
    services.familyRepository.rows.clear();
    expect(await refusal(other)).toBe('The access token has been revoked');
  });

  it('refuses a client token whose client was deleted after it was issued', async () => {
    const { token } = await services.signer.sign({ subject: CLIENT.id, clientId: CLIENT.id, scopes: ['notes:read'] });
    expect((await services.verifier.verify(token)).owner).toBe('client');
    services.cache.clear();
    services.revocationLog.deletedClients.set(CLIENT.id, new Date());
    expect(await refusal(token)).toBe('The access token has been revoked');
  });

  it('refuses a cached token once past its exp', async () => {
    await services.verifier.verify(accessToken);
    const { exp } = services.claimsOf(accessToken);
    jest.spyOn(Date, 'now').mockReturnValue(exp * 1000);
    expect(await refusal(accessToken)).toBe('The access token has expired');
  });

  it('never lets an access token outlive its family: exp is capped at the family end, and so is the cache', async () => {
    const ending = { ...family, expiresAt: new Date(Date.now() + 60_000) };
    const issued = await services.issuer.issue(CLIENT, ending);
    const { iat, exp } = services.claimsOf(issued.access_token);
    expect(exp).toBe(Math.floor(ending.expiresAt.getTime() / 1000));
    expect(issued.expires_in).toBe(exp - iat);
  });

  it('refuses a cached token once the key that signed it has retired', async () => {
    await services.verifier.verify(accessToken);
    jest.spyOn(keys, 'isUsable').mockReturnValue(false);
    jest.spyOn(keys, 'verificationKey').mockResolvedValue(null);
    expect(await refusal(accessToken)).toBe('The access token is signed with an unknown key');
  });

  it('accepts only ACCESS_TOKEN_ALG, under a key made for it (RFC 8725 section 3.1)', async () => {
    const other = alg === 'RS256' ? 'ES256' : 'RS256';
    const stranger =
      other === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const claims = services.claimsOf(accessToken);
    const kid = JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString()).kid as string;
    const forged = await signJws({ alg: other, typ: 'at+jwt', kid }, claims, stranger.privateKey);
    expect(await refusal(forged)).toBe('The access token is not one this server issued');
    if (alg === 'ES256') {
      // The RS256 key signs ID tokens: an ES256 token naming it is refused before any signature math.
      const idTokenKid = keys.current('RS256').kid;
      const confused = await signJws({ alg, typ: 'at+jwt', kid: idTokenKid }, claims, keys.current(alg).privateKey);
      expect(await refusal(confused)).toBe('The access token is signed with an unknown key');
    }
  });

  it.each([
    ['typ', { typ: 'JWT' }, 'The access token is not one this server issued'],
    ['kid', { kid: 'no-such-kid' }, 'The access token is signed with an unknown key'],
  ])('refuses a token with another %s', async (_, header, description) => {
    const claims = services.claimsOf(accessToken);
    const key = keys.current(alg);
    const token = await signJws({ alg, typ: 'at+jwt', kid: key.kid, ...header }, claims, key.privateKey);
    expect(await refusal(token)).toBe(description);
  });

  it.each([
    ['iss', { iss: 'https://elsewhere.example' }],
    ['aud', { aud: 'https://other-api.example' }],
    ['sub of a client token', { family_id: undefined, sub: 'someone-else' }],
    ['missing jti', { jti: undefined }],
    // RFC 9068 section 2.2: exp and iat are REQUIRED; jsonwebtoken checks exp only when present.
    ['missing exp', { exp: undefined }],
    ['missing iat', { iat: undefined }],
    ['exp that is not a number', { exp: 'tomorrow' }],
  ])('refuses a token with a wrong %s', async (_, change) => {
    const key = keys.current(alg);
    const claims = { ...services.claimsOf(accessToken), ...change };
    const token = await signJws({ alg, typ: 'at+jwt', kid: key.kid }, claims, key.privateKey);
    expect(await refusal(token)).toBe('The access token is invalid');
  });
});
