import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { testTokensConfig } from '../testing/fixtures.js';
import {
  InMemoryRevocationLog,
  InMemoryRevokedAccessTokenRepository,
  InMemoryTokenFamilyRepository,
} from '../testing/in-memory-repositories.js';
import type { VerifiedAccessToken } from './access-token.js';
import { RevocationSync, SYNC_OVERLAP_MS } from './revocation-sync.service.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const INTERVAL = 1000;

function cachedToken(n: number) {
  const token = { jti: `jti-${n}`, clientId: `client-${n}`, familyId: `family-${n}` } as VerifiedAccessToken;
  return { token, kid: 'kid', validUntil: Date.now() + 900_000 };
}

describe('RevocationSync: revocations other processes write reach this instance within REVOCATION_SYNC_INTERVAL', () => {
  const started: RevocationSync[] = [];

  afterEach(() => {
    for (const sync of started.splice(0)) sync.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  function setUp() {
    jest.useFakeTimers();
    const families = new InMemoryTokenFamilyRepository();
    const revoked = new InMemoryRevokedAccessTokenRepository();
    const log = new InMemoryRevocationLog(families, revoked);
    const cache = new VerifiedTokenCache(testTokensConfig());
    const sync = new RevocationSync(log, cache, { revocationSyncInterval: INTERVAL });
    started.push(sync);
    sync.onModuleInit();
    for (const n of [1, 2, 3]) cache.put(`key-${n}`, cachedToken(n), cache.currentGeneration);
    return { families, revoked, log, cache };
  }

  /** What another process writes: rows, announced to nobody. */
  async function revokeElsewhere({ families, revoked, log }: ReturnType<typeof setUp>) {
    await families.insert({
      id: 'family-1',
      grantId: null,
      clientId: 'client-1',
      userId: 'user-1',
      scopes: [],
      authTime: null,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
      revokedAt: new Date(),
      revokedReason: 'token_revoked',
    });
    await revoked.insert('jti-2', new Date(Date.now() + 900_000), new Date());
    log.deletedClients.set('client-3', new Date());
  }

  it('applies families revoked, access tokens denied and clients deleted, at the next poll', async () => {
    const state = setUp();
    await revokeElsewhere(state);
    for (const n of [1, 2, 3]) expect(state.cache.get(`key-${n}`)).toBeDefined();
    await jest.advanceTimersByTimeAsync(INTERVAL);
    for (const n of [1, 2, 3]) expect(state.cache.get(`key-${n}`)).toBeUndefined();
  });

  it(`reads each time from ${SYNC_OVERLAP_MS} ms before the previous poll: a revocation stamped before it committed is not missed`, async () => {
    const state = setUp();
    await jest.advanceTimersByTimeAsync(5 * INTERVAL);
    // Stamped 5 s ago, committed (visible) only now.
    await state.revoked.insert('jti-2', new Date(Date.now() + 900_000), new Date(Date.now() - 5000));
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(state.cache.get('key-2')).toBeUndefined();
  });

  it('stops serving from the cache after three failed polls, and serves again once a poll succeeds', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const state = setUp();
    const read = jest.spyOn(state.log, 'changesSince').mockRejectedValue(new Error('database unavailable'));
    await jest.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(state.cache.get('key-1')).toBeDefined();
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(state.cache.get('key-1')).toBeUndefined();
    read.mockRestore();
    await jest.advanceTimersByTimeAsync(INTERVAL);
    expect(state.cache.get('key-2')).toBeDefined();
  });
});
