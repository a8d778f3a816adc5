import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { tokensConfig } from '../config/tokens.config.js';
import { toPublicJwk, type JwkSet } from './public-jwk.js';
import { ID_TOKEN_SIGNING_ALGORITHM, type SigningAlgorithm } from './signing-algorithm.js';
import { generateSigningKey } from './signing-key-pair.js';
import { SigningKeyRepository, type StoredSigningKey } from './signing-key.repository.js';

/** A key parsed once into key objects: parsing PEM on every use halves the API's throughput. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Null for a key that may sign; otherwise it only verifies, until this instant. */
  readonly retiresAt: Date | null;
}

/** How often each instance re-reads the keys, to pick up a rotation made by another process. */
export const KEY_RELOAD_INTERVAL_MS = 5000;

/** How often an unknown `kid` may trigger a reload, so random kids cannot hammer the database. */
const UNKNOWN_KID_RELOAD_INTERVAL_MS = 2000;

interface LoadedKeys {
  /** Per algorithm, the newest key with no retirement date: the one that signs. */
  readonly signing: ReadonlyMap<SigningAlgorithm, SigningKey>;
  /** Every key not yet retired, newest first: the ones that verify. */
  readonly usable: readonly SigningKey[];
  readonly jwks: JwkSet;
}

/**
 * The algorithms this server signs with: RS256 for ID tokens, and ACCESS_TOKEN_ALG for access
 * tokens; each has a key of its own (a key is used with one algorithm only, RFC 7517 section 4.4).
 */
export function signingAlgorithms(tokens: Pick<ConfigType<typeof tokensConfig>, 'accessTokenAlg'>): SigningAlgorithm[] {
  return [...new Set([ID_TOKEN_SIGNING_ALGORITHM, tokens.accessTokenAlg])];
}

/**
 * The server's token signing keys, one signing key per algorithm in use: generated on first
 * start, persisted in the database so every instance signs and verifies with the same keys,
 * and held in memory as key objects. Each instance re-reads them every KEY_RELOAD_INTERVAL_MS,
 * and on an unknown `kid`, so a rotation made elsewhere (the CLI, another instance) reaches it
 * within that interval.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeyService.name);
  private loaded: LoadedKeys = { signing: new Map(), usable: [], jwks: { keys: [] } };
  private readonly algorithms: readonly SigningAlgorithm[];
  private lastUnknownKidReload = 0;
  private timer: NodeJS.Timeout | undefined;
  private reloading = false;
  /** Reloads started, and the newest one applied: a slow read never overwrites a newer one. */
  private reloadsStarted = 0;
  private reloadApplied = 0;

  constructor(
    private readonly repository: SigningKeyRepository,
    @Inject(tokensConfig.KEY) tokens: Pick<ConfigType<typeof tokensConfig>, 'accessTokenAlg'>,
  ) {
    this.algorithms = signingAlgorithms(tokens);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => this.reloadInBackground(), KEY_RELOAD_INTERVAL_MS);
    // The timer alone must not keep a process (the CLI, a test) alive.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The key that signs new tokens with `alg`: the newest one not retiring. Synchronous: it is on the token endpoint's path. */
  current(alg: SigningAlgorithm): SigningKey {
    const key = this.loaded.signing.get(alg);
    if (!key) throw new Error(`No ${alg} signing key is loaded`);
    return key;
  }

  /** Whether a token signed under `kid` still verifies: the key is loaded and not retired. Synchronous, for cached checks. */
  isUsable(kid: string): boolean {
    return this.find(kid) !== null;
  }

  /** The key that verifies a token with this `kid`, or null if it is not one of ours (or is retired). */
  async verificationKey(kid: string): Promise<SigningKey | null> {
    const known = this.find(kid);
    if (known || Date.now() - this.lastUnknownKidReload < UNKNOWN_KID_RELOAD_INTERVAL_MS) return known;
    this.lastUnknownKidReload = Date.now();
    await this.reload();
    return this.find(kid);
  }

  /**
   * The public keys that may still verify tokens, as a JWK Set (RFC 7517 section 5): built
   * once per load, so serving it costs no key export.
   */
  publicJwks(): JwkSet {
    return this.loaded.jwks;
  }

  /**
   * Re-reads the keys from the database. When no key may sign with one of the algorithms in
   * use (first start, every key retiring, or ACCESS_TOKEN_ALG just changed) it generates one;
   * two instances doing so at once each add a key, and since every instance verifies with
   * every unretired key, either may sign.
   */
  async reload(): Promise<void> {
    const ticket = ++this.reloadsStarted;
    let stored = await this.repository.findUsable(new Date());
    const missing = this.algorithms.filter((alg) => !stored.some((key) => key.alg === alg && key.retiresAt === null));
    if (missing.length > 0) {
      for (const alg of missing) await this.repository.insert(await generateSigningKey(alg));
      stored = await this.repository.findUsable(new Date());
    }
    if (ticket < this.reloadApplied) return;
    this.reloadApplied = ticket;
    this.loaded = this.parse(stored);
  }

  private reloadInBackground(): void {
    if (this.reloading) return;
    this.reloading = true;
    this.reload()
      .catch((error: unknown) => this.logger.warn(`Could not reload signing keys, keeping the loaded ones: ${error}`))
      .finally(() => (this.reloading = false));
  }

  private find(kid: string): SigningKey | null {
    return this.loaded.usable.find((key) => key.kid === kid) ?? null;
  }

  /** Parses each key's PEM once per process: a key already loaded keeps its key objects. */
  private parse(stored: StoredSigningKey[]): LoadedKeys {
    const usable = stored.map((key): SigningKey => {
      const previous = this.find(key.kid);
      return {
        kid: key.kid,
        alg: key.alg as SigningAlgorithm,
        privateKey: previous?.privateKey ?? createPrivateKey(key.privateKey),
        publicKey: previous?.publicKey ?? createPublicKey(key.publicKey),
        retiresAt: key.retiresAt,
      };
    });
    // Only a key without a retirement date signs, so no token outlives the key that signed it.
    const signing = new Map<SigningAlgorithm, SigningKey>();
    for (const key of usable) if (key.retiresAt === null && !signing.has(key.alg)) signing.set(key.alg, key);
    return {
      signing,
      usable,
      jwks: Object.freeze({ keys: Object.freeze(usable.map((key) => toPublicJwk(key.publicKey, key.kid, key.alg))) }),
    };
  }
}
