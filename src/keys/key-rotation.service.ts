import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { tokensConfig } from '../config/tokens.config.js';
import { ID_TOKEN_SIGNING_ALGORITHM, type SigningAlgorithm } from './signing-algorithm.js';
import { generateSigningKey } from './signing-key-pair.js';
import { SigningKeyRepository, type StoredSigningKey } from './signing-key.repository.js';
import { KEY_RELOAD_INTERVAL_MS, SigningKeyService, signingAlgorithms } from './signing-key.service.js';

/**
 * How much longer than the longest token lifetime an old key keeps verifying. Other
 * instances go on signing with it until their next reload, and the last token one of them
 * signs must still verify until it expires: two reload intervals cover that read.
 */
export const RETIREMENT_GRACE_MS = 2 * KEY_RELOAD_INTERVAL_MS;

/** A signing key as administrators see it: never a private part. */
export interface SigningKeySummary {
  readonly kid: string;
  readonly alg: string;
  readonly createdAt: Date;
  readonly retiresAt: Date | null;
  /** Whether this is the key that signs new tokens with its algorithm. */
  readonly current: boolean;
}

export interface KeyRotation {
  /** The new key that signs access tokens (ACCESS_TOKEN_ALG). */
  readonly current: SigningKeySummary;
  /** The new key for ID tokens (RS256), when access tokens use another algorithm. */
  readonly idTokenKey: SigningKeySummary | null;
  /** When the keys that signed before this rotation stop verifying. */
  readonly previousKeysRetireAt: Date;
}

/**
 * Key rotation: a new key per algorithm in use signs from now on, and each older key keeps
 * verifying until every token it may have signed has expired, then is neither loaded nor published.
 */
@Injectable()
export class KeyRotationService {
  constructor(
    private readonly repository: SigningKeyRepository,
    private readonly keys: SigningKeyService,
    @Inject(tokensConfig.KEY) private readonly tokens: ConfigType<typeof tokensConfig>,
  ) {}

  async rotate(now: Date = new Date()): Promise<KeyRotation> {
    const created = await Promise.all(signingAlgorithms(this.tokens).map((alg) => generateSigningKey(alg, now)));
    // Insert before retiring the others, so that there is never a moment without a key that may sign.
    for (const key of created) await this.repository.insert(key);
    const longestTokenLifetimeMs = Math.max(this.tokens.accessTokenTtl, this.tokens.idTokenTtl) * 1000;
    const previousKeysRetireAt = new Date(now.getTime() + longestTokenLifetimeMs + RETIREMENT_GRACE_MS);
    await this.repository.retireOlderThan(now, previousKeysRetireAt);
    await this.keys.reload();
    const newKey = (alg: SigningAlgorithm) => ({
      ...summarize(created.find((key) => key.alg === alg)!),
      current: true,
    });
    const { accessTokenAlg } = this.tokens;
    return {
      current: newKey(accessTokenAlg),
      idTokenKey: accessTokenAlg === ID_TOKEN_SIGNING_ALGORITHM ? null : newKey(ID_TOKEN_SIGNING_ALGORITHM),
      previousKeysRetireAt,
    };
  }

  /** Every stored key, newest first, retired ones included; `current` marks the signing key of each algorithm. */
  async list(): Promise<SigningKeySummary[]> {
    const stored = await this.repository.findAll();
    const signing = new Set(
      signingAlgorithms(this.tokens).map((alg) => stored.find((key) => key.alg === alg && key.retiresAt === null)),
    );
    return stored.map((key) => ({ ...summarize(key), current: signing.has(key) }));
  }
}

function summarize(key: StoredSigningKey): Omit<SigningKeySummary, 'current'> {
  return { kid: key.kid, alg: key.alg, createdAt: key.createdAt, retiresAt: key.retiresAt };
}
