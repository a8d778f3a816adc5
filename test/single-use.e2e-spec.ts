import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AuthorizationCodeRepository } from '../src/authorization/codes/authorization-code.repository.js';
import { PendingAuthorizationRepository } from '../src/authorization/interaction/pending-authorization.repository.js';
import { GrantService } from '../src/grants/grant.service.js';
import { sha256 } from '../src/common/crypto.js';
import { RefreshTokenRepository } from '../src/tokens/refresh-token.repository.js';
import { TokenFamilyRepository } from '../src/tokens/token-family.repository.js';
import { TokenFamilyService } from '../src/tokens/token-family.service.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const inAMinute = () => new Date(Date.now() + 60_000);

/**
 * Single use is enforced by the database: each store's conditional UPDATE/DELETE lets exactly
 * one of many concurrent callers win. A read-then-write implementation fails these tests,
 * because the callers' awaits interleave between the read and the write.
 */
describe('single use, enforced by the database', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let userId: string;
  let grantId: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    userId = (await t.registerUser()).id;
    grantId = (await t.app.get(GrantService).recordConsent(userId, client.clientId, ['profile'])).id;
  });
  afterAll(() => t.close());

  /** A new family, not yet stored. */
  const family = () =>
    t.app
      .get(TokenFamilyService)
      .create({ grantId, clientId: client.clientId, userId, scopes: ['profile'], authTime: new Date() });

  const storedFamily = async () => {
    const created = family();
    await t.app.get(TokenFamilyRepository).insert(created);
    return created;
  };

  const currentRefreshToken = async (familyId: string) => {
    const tokenHash = sha256(randomUUID());
    await t.app.get(RefreshTokenRepository).insert({
      tokenHash,
      familyId,
      clientId: client.clientId,
      createdAt: new Date(),
      expiresAt: inAMinute(),
      rotatedAt: null,
    });
    return tokenHash;
  };

  const unredeemedCode = async () => {
    const codeHash = sha256(randomUUID());
    await t.app.get(AuthorizationCodeRepository).insert({
      codeHash,
      clientId: client.clientId,
      userId,
      grantId,
      redirectUri: client.redirectUri,
      redirectUriSent: true,
      scopes: ['profile'],
      codeChallenge: null,
      nonce: null,
      authTime: new Date(),
      expiresAt: inAMinute(),
      redeemedAt: null,
      familyId: null,
    });
    return codeHash;
  };

  it('20 concurrent redemptions of one authorization code: exactly one wins', async () => {
    const codes = t.app.get(AuthorizationCodeRepository);
    const codeHash = await unredeemedCode();
    const families = Array.from({ length: 20 }, family);
    const results = await Promise.all(families.map((f) => codes.redeem(codeHash, f, null, new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = families[results.indexOf(true)]!;
    expect((await codes.findByHash(codeHash))?.familyId).toBe(winner.id);
    // Every family was stored, the losers' too, for their callers to revoke.
    const stored = await Promise.all(families.map((f) => t.app.get(TokenFamilyRepository).findById(f.id)));
    expect(stored.map((f) => f?.id)).toEqual(families.map((f) => f.id));
  });

  it("20 concurrent redemptions with a first refresh token each: only the winner's token is stored", async () => {
    const codes = t.app.get(AuthorizationCodeRepository);
    const codeHash = await unredeemedCode();
    const attempts = Array.from({ length: 20 }, () => {
      const f = family();
      const token = {
        tokenHash: sha256(randomUUID()),
        familyId: f.id,
        clientId: client.clientId,
        createdAt: new Date(),
        expiresAt: inAMinute(),
        rotatedAt: null,
      };
      return { family: f, token };
    });
    const results = await Promise.all(
      attempts.map((attempt) => codes.redeem(codeHash, attempt.family, attempt.token, new Date())),
    );
    const winner = results.indexOf(true);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await Promise.all(
      attempts.map((attempt) => t.app.get(RefreshTokenRepository).findByHash(attempt.token.tokenHash)),
    );
    expect(stored.map((token) => token !== null)).toEqual(attempts.map((_, i) => i === winner));
    expect(stored[winner]).toEqual(attempts[winner]!.token);
  });

  it('20 concurrent rotations of one refresh token to a successor: exactly one wins, one successor stored', async () => {
    const tokens = t.app.get(RefreshTokenRepository);
    const f = await storedFamily();
    const tokenHash = await currentRefreshToken(f.id);
    const successors = Array.from({ length: 20 }, () => ({ tokenHash: sha256(randomUUID()), expiresAt: inAMinute() }));
    const results = await Promise.all(
      successors.map((successor) => tokens.rotateToSuccessor(tokenHash, client.clientId, successor, new Date())),
    );
    expect(results.filter((result) => result !== null).map((result) => result!.id)).toEqual([f.id]);
    const stored = await Promise.all(successors.map((successor) => tokens.findByHash(successor.tokenHash)));
    const winner = results.findIndex((result) => result !== null);
    expect(stored.map((token) => token !== null)).toEqual(successors.map((_, i) => i === winner));
    expect(stored[winner]).toMatchObject({ familyId: f.id, clientId: client.clientId, rotatedAt: null });
  });

  it('20 concurrent rotations of one refresh token: exactly one wins', async () => {
    const tokens = t.app.get(RefreshTokenRepository);
    const tokenHash = await currentRefreshToken((await storedFamily()).id);
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.markRotated(tokenHash, new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('20 concurrent answers to one pending authorization: exactly one is taken', async () => {
    const pending = t.app.get(PendingAuthorizationRepository);
    const idHash = sha256(randomUUID());
    await pending.insert({
      idHash,
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      redirectUriSent: true,
      scopes: ['profile'],
      state: null,
      codeChallenge: null,
      nonce: null,
      createdAt: new Date(),
      loginRequiredAfter: null,
      consentRequired: false,
      expiresAt: inAMinute(),
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => pending.delete(idHash)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
