import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AuthorizationCodeRepository } from '../src/authorization/codes/authorization-code.repository.js';
import { PendingAuthorizationRepository } from '../src/authorization/interaction/pending-authorization.repository.js';
import { GrantService } from '../src/grants/grant.service.js';
import { sha256 } from '../src/common/crypto.js';
import { RefreshTokenRepository } from '../src/tokens/refresh-token.repository.js';
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

  const family = () =>
    t.app
      .get(TokenFamilyService)
      .start({ grantId, clientId: client.clientId, userId, scopes: ['profile'], authTime: new Date() });

  it('20 concurrent redemptions of one authorization code: exactly one wins', async () => {
    const codes = t.app.get(AuthorizationCodeRepository);
    const codeHash = sha256(randomUUID());
    await codes.insert({
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
    const families = await Promise.all(Array.from({ length: 20 }, family));
    const results = await Promise.all(families.map((f) => codes.redeem(codeHash, f.id, new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = families[results.indexOf(true)]!;
    expect((await codes.findByHash(codeHash))?.familyId).toBe(winner.id);
  });

  it('20 concurrent rotations of one refresh token: exactly one wins', async () => {
    const tokens = t.app.get(RefreshTokenRepository);
    const tokenHash = sha256(randomUUID());
    const f = await family();
    await tokens.insert({
      tokenHash,
      familyId: f.id,
      clientId: client.clientId,
      createdAt: new Date(),
      expiresAt: inAMinute(),
      rotatedAt: null,
    });
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
