import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { tokensConfig } from '../config/tokens.config.js';
import type { VerifiedAccessToken } from './access-token.js';

/** A token that passed every check, and what a later use of it must check again. */
export interface CachedAccessToken {
  readonly token: VerifiedAccessToken;
  /** The key that signed it: once that key retires, so does the entry. */
  readonly kid: string;
  /** Epoch ms: `exp`, or the family's absolute end if that comes first. */
  readonly validUntil: number;
}

/** Who a revocation names: a token family (revoking a grant names each of its families), an access token (`jti`), or a deleted client. */
export type RevokedKind = 'family' | 'jti' | 'client';

/**
 * How long past ACCESS_TOKEN_TTL a revocation stays listed: a token of the family may be
 * signed while the revocation commits, and instances' clocks differ a little.
 */
const DENY_MARGIN_MS = 5 * 60 * 1000;

/**
 * The access tokens this instance has verified, remembered until they expire, so that the
 * next use of a token costs a hash and a map look-up instead of a signature check and two
 * database reads.
 *
 * - **Key**: the SHA-256 of the whole token. Keying on the signature part alone would be
 *   unique too, but then a made-up header and payload in front of a known signature would
 *   pass as that token; hashing every byte presented leaves nothing unchecked, for about 1 µs.
 * - **Bound**: at most ACCESS_TOKEN_CACHE_SIZE entries; the least recently used goes first.
 * - **Revocation**: every revocation names its family, `jti` or client here (at once
 *   on the instance that revokes, within REVOCATION_SYNC_INTERVAL elsewhere: RevocationSync),
 *   and a hit on a token so named is no hit. Names stay listed until every token they could
 *   concern has expired, so that a check that read the database just before a revocation
 *   committed cannot bring the token back.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly entries = new Map<string, CachedAccessToken>();
  /** Per kind, each revoked name and the epoch ms after which it can be forgotten. */
  private readonly revoked: Record<RevokedKind, Map<string, number>> = {
    family: new Map(),
    jti: new Map(),
    client: new Map(),
  };
  private readonly maxEntries: number;
  private readonly listedForMs: number;
  /**
   * Bumped when the revocation lists overflow and everything is dropped: an entry computed
   * before the drop could rest on a revocation no longer listed, so `put` refuses it.
   */
  private generation = 0;
  /**
   * Epoch ms until which hits may be served: RevocationSync pushes it forward after each
   * successful poll, so that an instance that cannot read the revocations of others stops
   * trusting its cache instead of serving revoked tokens.
   */
  private trustedUntil = Infinity;

  constructor(
    @Inject(tokensConfig.KEY)
    config: Pick<ConfigType<typeof tokensConfig>, 'accessTokenCacheSize' | 'accessTokenTtl'>,
  ) {
    this.maxEntries = config.accessTokenCacheSize;
    this.listedForMs = config.accessTokenTtl * 1000 + DENY_MARGIN_MS;
  }

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Read before checking a token that missed; `put` takes it back. */
  get currentGeneration(): number {
    return this.generation;
  }

  /** Hits are served until `until` (epoch ms), unless trusted again before then. */
  trustUntil(until: number): void {
    this.trustedUntil = until;
  }

  /** The cached token under `key`, if it is still within its lifetime and nothing it belongs to was revoked. */
  get(key: string, now = Date.now()): CachedAccessToken | undefined {
    const entry = this.entries.get(key);
    if (!entry || now > this.trustedUntil) return undefined;
    if (now >= entry.validUntil || this.isRevoked(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    // Least recently used first out: a hit moves to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Remembers a token that passed every check, unless something it belongs to was revoked meanwhile. */
  put(key: string, entry: CachedAccessToken, generation: number): void {
    if (!this.enabled || generation !== this.generation || this.isRevoked(entry)) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops the entry under `key` (a token that failed a later check). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Lists a revocation; from now on no cached token it names is served. */
  revoke(kind: RevokedKind, name: string, now = Date.now()): void {
    if (!this.enabled) return;
    this.revoked[kind].set(name, now + this.listedForMs);
    // Past this many names the lists would outgrow the cache they guard: start afresh, and
    // check each token against the database again.
    if (this.listedCount() > Math.max(this.maxEntries, 1000)) this.clear();
  }

  /** Forgets revocations no token they name can outlive. (Expired entries go when met, or as least recently used.) */
  prune(now = Date.now()): void {
    for (const names of Object.values(this.revoked)) {
      for (const [name, until] of names) if (until <= now) names.delete(name);
    }
  }

  /** Drops every entry and every listed revocation: each token is checked against the database again. */
  clear(): void {
    this.entries.clear();
    for (const names of Object.values(this.revoked)) names.clear();
    this.generation++;
  }

  private isRevoked(entry: CachedAccessToken): boolean {
    const { token } = entry;
    const { family, jti, client } = this.revoked;
    return jti.has(token.jti) || client.has(token.clientId) || (token.familyId !== null && family.has(token.familyId));
  }

  private listedCount(): number {
    const { family, jti, client } = this.revoked;
    return family.size + jti.size + client.size;
  }
}
