import { describe, expect, it } from '@jest/globals';
import type { VerifiedAccessToken } from './access-token.js';
import { VerifiedTokenCache, type CachedAccessToken } from './verified-token-cache.js';

const NOW = 1_800_000_000_000;
const TTL = 900;

function cacheOf(size: number): VerifiedTokenCache {
  return new VerifiedTokenCache({ accessTokenCacheSize: size, accessTokenTtl: TTL });
}

function entry(
  n: number,
  overrides: Partial<VerifiedAccessToken> = {},
  validUntil = NOW + TTL * 1000,
): CachedAccessToken {
  const token: VerifiedAccessToken = {
    subject: `user-${n}`,
    clientId: 'client-1',
    owner: 'user',
    scopes: ['profile'],
    jti: `jti-${n}`,
    familyId: `family-${n}`,
    issuer: 'https://id.example.test',
    audience: 'https://id.example.test/api',
    issuedAt: new Date(NOW),
    expiresAt: new Date(validUntil),
    ...overrides,
  };
  return { token, kid: 'kid-1', validUntil };
}

describe('VerifiedTokenCache: verified tokens until they expire, bounded, and never past a revocation', () => {
  it('serves a token put under its key until its lifetime ends, then forgets it', () => {
    const cache = cacheOf(10);
    cache.put('a', entry(1), cache.currentGeneration);
    expect(cache.get('a', NOW)?.token.jti).toBe('jti-1');
    expect(cache.get('a', NOW + TTL * 1000 - 1)?.token.jti).toBe('jti-1');
    expect(cache.get('a', NOW + TTL * 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most ACCESS_TOKEN_CACHE_SIZE tokens, dropping the least recently used', () => {
    const cache = cacheOf(3);
    for (const n of [1, 2, 3]) cache.put(`t${n}`, entry(n), cache.currentGeneration);
    cache.get('t1', NOW);
    cache.put('t4', entry(4), cache.currentGeneration);
    expect(cache.size).toBe(3);
    expect(cache.get('t2', NOW)).toBeUndefined();
    for (const key of ['t1', 't3', 't4']) expect(cache.get(key, NOW)).toBeDefined();
    for (let n = 5; n < 1000; n++) cache.put(`t${n}`, entry(n), cache.currentGeneration);
    expect(cache.size).toBe(3);
  });

  it('with size 0 remembers nothing', () => {
    const cache = cacheOf(0);
    cache.put('a', entry(1), cache.currentGeneration);
    expect(cache.enabled).toBe(false);
    expect(cache.get('a', NOW)).toBeUndefined();
  });

  it.each([
    ['family', 'family-1'],
    ['jti', 'jti-1'],
    ['client', 'client-1'],
  ] as const)('a revoked %s ends its cached tokens at once, and keeps them out', (kind, name) => {
    const cache = cacheOf(10);
    cache.put('a', entry(1), cache.currentGeneration);
    cache.put('b', entry(2, { clientId: 'client-2' }), cache.currentGeneration);
    cache.revoke(kind, name, NOW);
    expect(cache.get('a', NOW)).toBeUndefined();
    expect(cache.get('b', NOW)).toBeDefined();
    // A check that read the database just before the revocation committed cannot bring it back.
    cache.put('a', entry(1), cache.currentGeneration);
    expect(cache.get('a', NOW)).toBeUndefined();
  });

  it('forgets a revocation only once every token it could name has expired', () => {
    const cache = cacheOf(10);
    cache.revoke('family', 'family-1', NOW);
    cache.prune(NOW + TTL * 1000);
    cache.put('a', entry(1), cache.currentGeneration);
    expect(cache.get('a', NOW)).toBeUndefined();
    cache.prune(NOW + TTL * 1000 + 5 * 60 * 1000);
    cache.put('a', entry(1), cache.currentGeneration);
    expect(cache.get('a', NOW)).toBeDefined();
  });

  it('when revocations overflow, drops everything, and refuses entries checked before the drop', () => {
    const cache = cacheOf(1000);
    cache.put('a', entry(1), cache.currentGeneration);
    const before = cache.currentGeneration;
    for (let n = 0; n <= 1000; n++) cache.revoke('jti', `other-${n}`, NOW);
    expect(cache.size).toBe(0);
    cache.put('b', entry(2), before);
    expect(cache.get('b', NOW)).toBeUndefined();
    cache.put('b', entry(2), cache.currentGeneration);
    expect(cache.get('b', NOW)).toBeDefined();
  });

  it('serves nothing while untrusted (revocations elsewhere could not be read), and again once trusted', () => {
    const cache = cacheOf(10);
    cache.put('a', entry(1), cache.currentGeneration);
    cache.trustUntil(NOW - 1);
    expect(cache.get('a', NOW)).toBeUndefined();
    cache.trustUntil(NOW + 3000);
    expect(cache.get('a', NOW)).toBeDefined();
  });
});
