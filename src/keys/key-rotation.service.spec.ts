import { afterEach, describe, expect, it } from '@jest/globals';
import { testTokensConfig } from '../testing/fixtures.js';
import { InMemorySigningKeyRepository } from '../testing/in-memory-repositories.js';
import { KeyRotationService, RETIREMENT_GRACE_MS } from './key-rotation.service.js';
import { KEY_RELOAD_INTERVAL_MS, SigningKeyService } from './signing-key.service.js';

describe('KeyRotationService: a new key signs; older keys verify until every token they signed has expired', () => {
  const started: SigningKeyService[] = [];

  afterEach(() => {
    for (const service of started.splice(0)) service.onModuleDestroy();
  });

  async function instance(repository: InMemorySigningKeyRepository): Promise<SigningKeyService> {
    const keys = new SigningKeyService(repository, { accessTokenAlg: 'RS256' });
    started.push(keys);
    await keys.onModuleInit();
    return keys;
  }

  async function setUp(ttls: { accessTokenTtl?: number; idTokenTtl?: number } = {}) {
    const repository = new InMemorySigningKeyRepository();
    const keys = await instance(repository);
    const rotation = new KeyRotationService(repository, keys, testTokensConfig(ttls));
    return { repository, keys, rotation, firstKid: keys.current('RS256').kid };
  }

  it('makes a new key current at once, in the rotating process', async () => {
    const { keys, rotation, firstKid } = await setUp();
    const { current } = await rotation.rotate();
    expect(current).toMatchObject({ alg: 'RS256', retiresAt: null, current: true });
    expect(current.kid).not.toBe(firstKid);
    expect(keys.current('RS256').kid).toBe(current.kid);
  });

  it('keeps the old key verifying and published until then', async () => {
    const { keys, rotation, firstKid } = await setUp();
    const { current } = await rotation.rotate();
    expect((await keys.verificationKey(firstKid))?.kid).toBe(firstKid);
    expect(keys.publicJwks().keys.map((key) => key.kid)).toEqual([current.kid, firstKid]);
  });

  it.each([
    [{ accessTokenTtl: 900, idTokenTtl: 3600 }, 3600],
    [{ accessTokenTtl: 7200, idTokenTtl: 3600 }, 7200],
  ])('with %j, retires older keys after %i s, plus the grace for instances yet to reload', async (ttls, seconds) => {
    const { repository, rotation, firstKid } = await setUp(ttls);
    const now = new Date();
    const { previousKeysRetireAt } = await rotation.rotate(now);
    const expected = new Date(now.getTime() + seconds * 1000 + RETIREMENT_GRACE_MS);
    expect(previousKeysRetireAt).toEqual(expected);
    expect(repository.rows.get(firstKid)?.retiresAt).toEqual(expected);
    expect(RETIREMENT_GRACE_MS).toBeGreaterThanOrEqual(KEY_RELOAD_INTERVAL_MS);
  });

  it('leaves a key that is already retiring with its earlier date', async () => {
    const { repository, rotation, firstKid } = await setUp();
    const { previousKeysRetireAt: firstRetirement, current: second } = await rotation.rotate();
    await rotation.rotate(new Date(Date.now() + 60_000));
    expect(repository.rows.get(firstKid)?.retiresAt).toEqual(firstRetirement);
    expect(repository.rows.get(second.kid)?.retiresAt?.getTime()).toBeGreaterThan(firstRetirement.getTime());
  });

  it('once its retirement has passed, an old key is neither loaded, published nor used to verify', async () => {
    const { repository, keys, rotation, firstKid } = await setUp();
    await rotation.rotate();
    repository.rows.set(firstKid, { ...repository.rows.get(firstKid)!, retiresAt: new Date(Date.now() - 1) });
    await keys.reload();
    expect(keys.publicJwks().keys.map((key) => key.kid)).not.toContain(firstKid);
    expect(await keys.verificationKey(firstKid)).toBeNull();
  });

  it('reaches another instance on the same database at its next reload', async () => {
    const { repository, rotation, firstKid } = await setUp();
    const other = await instance(repository);
    const { current } = await rotation.rotate();
    expect(other.current('RS256').kid).toBe(firstKid);
    await other.reload();
    expect(other.current('RS256').kid).toBe(current.kid);
    expect(await other.verificationKey(firstKid)).not.toBeNull();
  });

  it('lists every key, newest first, marking the current one, and never shows key material', async () => {
    const { repository, rotation, firstKid } = await setUp();
    const { current, previousKeysRetireAt } = await rotation.rotate();
    const listed = await rotation.list();
    expect(listed).toEqual([
      { kid: current.kid, alg: 'RS256', createdAt: current.createdAt, retiresAt: null, current: true },
      {
        kid: firstKid,
        alg: 'RS256',
        createdAt: repository.rows.get(firstKid)!.createdAt,
        retiresAt: previousKeysRetireAt,
        current: false,
      },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/KEY-----|privateKey|publicKey/);
  });

  it('with ACCESS_TOKEN_ALG=ES256, makes a new key per algorithm, both current, and retires every older one', async () => {
    const repository = new InMemorySigningKeyRepository();
    const config = testTokensConfig({ accessTokenAlg: 'ES256' });
    const keys = new SigningKeyService(repository, config);
    started.push(keys);
    await keys.onModuleInit();
    const before = [...repository.rows.keys()];
    const rotation = new KeyRotationService(repository, keys, config);
    const { current, idTokenKey, previousKeysRetireAt } = await rotation.rotate();
    expect(current).toMatchObject({ alg: 'ES256', current: true });
    expect(idTokenKey).toMatchObject({ alg: 'RS256', current: true });
    expect(keys.current('ES256').kid).toBe(current.kid);
    expect(keys.current('RS256').kid).toBe(idTokenKey!.kid);
    for (const kid of before) expect(repository.rows.get(kid)?.retiresAt).toEqual(previousKeysRetireAt);
    const listed = await rotation.list();
    expect(
      listed
        .filter((key) => key.current)
        .map((key) => key.kid)
        .sort(),
    ).toEqual([current.kid, idTokenKey!.kid].sort());
  });

  it('with RS256 access tokens, names no separate ID token key', async () => {
    const { rotation } = await setUp();
    expect((await rotation.rotate()).idTokenKey).toBeNull();
  });
});
