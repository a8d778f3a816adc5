import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { toPublicJwk, type JwkSet } from './public-jwk.js';
import { generateSigningKey } from './signing-key-pair.js';
import { SigningKeyRepository, type StoredSigningKey } from './signing-key.repository.js';

export { SIGNING_ALGORITHM } from './signing-key-pair.js';

/** A key parsed once into key objects: parsing PEM on every use halves the API's throughput. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: string;
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
  /** The newest key with no retirement date: the one that signs. */
  readonly signing: SigningKey | null;
  /** Every key not yet retired, newest first: the ones that verify. */
  readonly usable: readonly SigningKey[];
  readonly jwks: JwkSet;
}

/**
 * The server's token signing keys: generated on first start, persisted in the database so
 * every instance signs and verifies with the same keys, and held in memory as key objects.
 * Each instance re-reads them every KEY_RELOAD_INTERVAL_MS, and on an unknown `kid`, so a
 * rotation made elsewhere (the CLI, another instance) reaches it within that interval.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeyService.name);
  private loaded: LoadedKeys = { signing: null, usable: [], jwks: { keys: [] } };
  private lastUnknownKidReload = 0;
  private timer: NodeJS.Timeout | undefined;
  private reloading = false;
  /** Reloads started, and the newest one applied: a slow read never overwrites a newer one. */
  private reloadsStarted = 0;
  private reloadApplied = 0;

  constructor(private readonly repository: SigningKeyRepository) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => this.reloadInBackground(), KEY_RELOAD_INTERVAL_MS);
    // The timer alone must not keep a process (the CLI, a test) alive.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The key that signs new tokens: the newest one not retiring. Synchronous: it is on the token endpoint's path. */
  current(): SigningKey {
    const key = this.loaded.signing;
    if (!key) throw new Error('No signing key is loaded');
    return key;
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
   * Re-reads the keys from the database. When no key may sign (first start, or every key
   * retiring) it generates one; two instances doing so at once each add a key, and since
   * every instance verifies with every unretired key, either may sign.
   */
  async reload(): Promise<void> {
    const ticket = ++this.reloadsStarted;
    let stored = await this.repository.findUsable(new Date());
    if (!stored.some((key) => key.retiresAt === null)) {
      await this.repository.insert(await generateSigningKey());
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
        alg: key.alg,
        privateKey: previous?.privateKey ?? createPrivateKey(key.privateKey),
        publicKey: previous?.publicKey ?? createPublicKey(key.publicKey),
        retiresAt: key.retiresAt,
      };
    });
    return {
      // Only a key without a retirement date signs, so no token outlives the key that signed it.
      signing: usable.find((key) => key.retiresAt === null) ?? null,
      usable,
      jwks: Object.freeze({ keys: Object.freeze(usable.map((key) => toPublicJwk(key.publicKey, key.kid, key.alg))) }),
    };
  }
}
