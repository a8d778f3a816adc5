import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createPublicKey } from 'node:crypto';
import { InMemorySigningKeyRepository } from '../testing/in-memory-repositories.js';
import { generateSigningKey } from './signing-key-pair.js';
import type { StoredSigningKey } from './signing-key.repository.js';
import { KEY_RELOAD_INTERVAL_MS, SigningKeyService } from './signing-key.service.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
const HOUR = 3600 * 1000;

describe('SigningKeyService: signing keys shared by every instance through the database', () => {
  let pool: StoredSigningKey[];
  const started: SigningKeyService[] = [];

  beforeAll(async () => {
    pool = await Promise.all([1, 2, 3, 4].map(() => generateSigningKey('RS256')));
  });

  afterEach(() => {
    for (const service of started.splice(0)) service.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Key `index` of the pool, created `ageHours` ago, retiring at `retiresAt`. */
  function stored(index: number, ageHours: number, retiresAt: Date | null = null): StoredSigningKey {
    return { ...pool[index]!, createdAt: new Date(Date.now() - ageHours * HOUR), retiresAt };
  }

  async function repositoryWith(...keys: StoredSigningKey[]): Promise<InMemorySigningKeyRepository> {
    const repository = new InMemorySigningKeyRepository();
    for (const key of keys) await repository.insert(key);
    return repository;
  }

  async function start(repository: InMemorySigningKeyRepository): Promise<SigningKeyService> {
    const service = new SigningKeyService(repository, { accessTokenAlg: 'RS256' });
    started.push(service);
    await service.onModuleInit();
    return service;
  }

  it('generates an RS256 key on first start and reuses it on the next start', async () => {
    const repository = new InMemorySigningKeyRepository();
    const first = await start(repository);
    expect(repository.rows.size).toBe(1);
    expect(first.current('RS256').alg).toBe('RS256');
    const second = await start(repository);
    expect(second.current('RS256').kid).toBe(first.current('RS256').kid);
    expect(repository.rows.size).toBe(1);
  });

  it('two instances starting at once may each add a key: each verifies what the other signs', async () => {
    const repository = new InMemorySigningKeyRepository();
    const a = new SigningKeyService(repository, { accessTokenAlg: 'RS256' });
    const b = new SigningKeyService(repository, { accessTokenAlg: 'RS256' });
    started.push(a, b);
    await Promise.all([a.onModuleInit(), b.onModuleInit()]);
    expect(await a.verificationKey(b.current('RS256').kid)).not.toBeNull();
    expect(await b.verificationKey(a.current('RS256').kid)).not.toBeNull();
  });

  it('signs with the newest key not retiring; verifies with every key not yet retired', async () => {
    const retired = stored(0, 48, new Date(Date.now() - 1000));
    const retiring = stored(1, 24, new Date(Date.now() + HOUR));
    const newest = stored(2, 1);
    const service = await start(await repositoryWith(retired, retiring, newest));
    expect(service.current('RS256').kid).toBe(newest.kid);
    expect((await service.verificationKey(retiring.kid))?.kid).toBe(retiring.kid);
    expect(await service.verificationKey(retired.kid)).toBeNull();
  });

  it('never signs with a key that has a retirement date, even the newest: its tokens could outlive it', async () => {
    const older = stored(0, 24);
    const newestButRetiring = stored(1, 1, new Date(Date.now() + HOUR));
    const service = await start(await repositoryWith(older, newestButRetiring));
    expect(service.current('RS256').kid).toBe(older.kid);
  });

  it('generates a key to sign with when every stored key is retiring', async () => {
    const repository = await repositoryWith(stored(0, 1, new Date(Date.now() + HOUR)));
    const service = await start(repository);
    expect(repository.rows.size).toBe(2);
    expect(service.current('RS256').kid).not.toBe(pool[0]!.kid);
    expect(repository.rows.get(service.current('RS256').kid)?.retiresAt).toBeNull();
  });

  describe('ACCESS_TOKEN_ALG=ES256: a P-256 key for access tokens, and an RS256 key for ID tokens', () => {
    async function startEs256(repository: InMemorySigningKeyRepository): Promise<SigningKeyService> {
      const service = new SigningKeyService(repository, { accessTokenAlg: 'ES256' });
      started.push(service);
      await service.onModuleInit();
      return service;
    }

    it('generates the key each algorithm lacks, and publishes both (EC as kty, crv, x, y)', async () => {
      const repository = await repositoryWith(stored(0, 1));
      const service = await startEs256(repository);
      expect(repository.rows.size).toBe(2);
      expect(service.current('RS256').kid).toBe(pool[0]!.kid);
      const es256 = service.current('ES256');
      expect(es256.alg).toBe('ES256');
      expect(es256.privateKey.asymmetricKeyType).toBe('ec');
      const jwks = service.publicJwks().keys;
      expect(jwks.find((key) => key.kid === es256.kid)).toEqual({
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: es256.kid,
        use: 'sig',
        alg: 'ES256',
      });
      expect(jwks.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);
    });

    it('an instance still on RS256 verifies with the P-256 key while it is not retired (a change of ACCESS_TOKEN_ALG rolling out)', async () => {
      const repository = new InMemorySigningKeyRepository();
      const es256 = (await startEs256(repository)).current('ES256');
      const rs256Only = await start(repository);
      expect(repository.rows.size).toBe(2);
      expect(rs256Only.isUsable(es256.kid)).toBe(true);
      expect((await rs256Only.verificationKey(es256.kid))?.alg).toBe('ES256');
    });
  });

  describe('publicJwks', () => {
    it('publishes every key not yet retired as kty, n, e, kid, use, alg: never a private member', async () => {
      const retired = stored(0, 48, new Date(Date.now() - 1000));
      const retiring = stored(1, 24, new Date(Date.now() + HOUR));
      const current = stored(2, 1);
      const { keys } = (await start(await repositoryWith(retired, retiring, current))).publicJwks();
      expect(keys.map((key) => key.kid)).toEqual([current.kid, retiring.kid]);
      for (const jwk of keys) {
        expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
        expect(jwk).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
        for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
      }
      const { n, e } = createPublicKey(current.publicKey).export({ format: 'jwk' });
      expect(keys[0]).toMatchObject({ n, e });
    });

    it('is computed once per load, not per call', async () => {
      const repository = await repositoryWith(stored(0, 1));
      const service = await start(repository);
      const jwks = service.publicJwks();
      expect(service.publicJwks()).toBe(jwks);
      await repository.insert(stored(1, 0));
      await service.reload();
      expect(service.publicJwks()).not.toBe(jwks);
      expect(service.publicJwks().keys).toHaveLength(2);
    });
  });

  describe('picking up changes made by another process', () => {
    /** What another instance or the CLI does: a new key, the old one retiring. */
    async function rotateElsewhere(repository: InMemorySigningKeyRepository, newKey: StoredSigningKey) {
      await repository.insert(newKey);
      await repository.retireOlderThan(newKey.createdAt, new Date(Date.now() + HOUR));
    }

    it(`reloads every ${KEY_RELOAD_INTERVAL_MS} ms`, async () => {
      jest.useFakeTimers();
      const repository = await repositoryWith(stored(0, 1));
      const service = await start(repository);
      await rotateElsewhere(repository, stored(1, 0));
      await jest.advanceTimersByTimeAsync(KEY_RELOAD_INTERVAL_MS - 1);
      expect(service.current('RS256').kid).toBe(pool[0]!.kid);
      await jest.advanceTimersByTimeAsync(1);
      expect(service.current('RS256').kid).toBe(pool[1]!.kid);
      expect(service.publicJwks().keys.map((key) => key.kid)).toEqual([pool[1]!.kid, pool[0]!.kid]);
    });

    it('stops reloading when the module is destroyed, and its timer never holds the process open', async () => {
      jest.useFakeTimers();
      const setInterval = jest.spyOn(globalThis, 'setInterval');
      const repository = await repositoryWith(stored(0, 1));
      const service = await start(repository);
      expect((setInterval.mock.results[0]?.value as NodeJS.Timeout).hasRef()).toBe(false);
      service.onModuleDestroy();
      await rotateElsewhere(repository, stored(1, 0));
      await jest.advanceTimersByTimeAsync(3 * KEY_RELOAD_INTERVAL_MS);
      expect(service.current('RS256').kid).toBe(pool[0]!.kid);
    });

    it('keeps the loaded keys when a periodic reload fails', async () => {
      jest.useFakeTimers();
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const repository = await repositoryWith(stored(0, 1));
      const service = await start(repository);
      jest.spyOn(repository, 'findUsable').mockRejectedValue(new Error('database unavailable'));
      await jest.advanceTimersByTimeAsync(KEY_RELOAD_INTERVAL_MS);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('database unavailable'));
      expect(service.current('RS256').kid).toBe(pool[0]!.kid);
      expect(await service.verificationKey(pool[0]!.kid)).not.toBeNull();
    });

    it('never lets a slow reload overwrite the result of a newer one', async () => {
      const repository = await repositoryWith(stored(0, 1));
      const service = await start(repository);
      const staleRead = await repository.findUsable(new Date());
      let finishStaleRead: (keys: StoredSigningKey[]) => void = () => undefined;
      jest.spyOn(repository, 'findUsable').mockReturnValueOnce(new Promise((resolve) => (finishStaleRead = resolve)));
      const slow = service.reload();
      await rotateElsewhere(repository, stored(1, 0));
      await service.reload();
      finishStaleRead(staleRead);
      await slow;
      expect(service.current('RS256').kid).toBe(pool[1]!.kid);
    });

    it('reloads on an unknown kid, at most once every 2 s, so random kids cannot hammer the database', async () => {
      jest.useFakeTimers();
      const repository = await repositoryWith(stored(0, 1));
      const service = await start(repository);
      const reads = jest.spyOn(repository, 'findUsable');
      await rotateElsewhere(repository, stored(1, 0));
      expect((await service.verificationKey(pool[1]!.kid))?.kid).toBe(pool[1]!.kid);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(await service.verificationKey('no-such-kid')).toBeNull();
      expect(await service.verificationKey('another-kid')).toBeNull();
      expect(reads).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(2000);
      expect(await service.verificationKey('no-such-kid')).toBeNull();
      expect(reads).toHaveBeenCalledTimes(2);
    });
  });
});
