import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { tokensConfig } from '../config/tokens.config.js';
import { RevocationLog } from './revocation-log.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/**
 * How far before the previous poll each poll reads again. `revoked_at` is stamped by the
 * revoking process before its transaction commits (a SQLite writer may wait out its 5 s busy
 * timeout first), and instances' clocks differ a little; reading a revocation twice is harmless.
 */
export const SYNC_OVERLAP_MS = 10_000;

/** Polls in a row that may fail before the cache stops serving hits. */
const TRUSTED_POLLS = 3;

/**
 * Brings revocations written by other processes (other instances, the CLI) into this
 * instance's VerifiedTokenCache: every REVOCATION_SYNC_INTERVAL it reads the families revoked,
 * access tokens denied and clients deleted since its previous read. That interval is how long
 * a token revoked elsewhere may still be served here from the cache; a token not in the cache
 * is checked against the database and refused at once. If the database cannot be read for
 * three intervals, the cache serves nothing until it can.
 */
@Injectable()
export class RevocationSync implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RevocationSync.name);
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private syncing = false;

  constructor(
    private readonly log: RevocationLog,
    private readonly cache: VerifiedTokenCache,
    @Inject(tokensConfig.KEY) private readonly config: Pick<ConfigType<typeof tokensConfig>, 'revocationSyncInterval'>,
  ) {}

  onModuleInit(): void {
    if (!this.cache.enabled) return;
    // The cache starts empty: nothing revoked before now can be in it.
    const now = Date.now();
    this.since = now - SYNC_OVERLAP_MS;
    this.trustFrom(now);
    this.timer = setInterval(() => this.syncInBackground(), this.config.revocationSyncInterval);
    // The timer alone must not keep a process (the CLI, a test) alive.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Applies every revocation written since the previous sync (less the overlap) to the cache. */
  async sync(now = Date.now()): Promise<void> {
    const changes = await this.log.changesSince(new Date(this.since));
    for (const id of changes.families) this.cache.revoke('family', id, now);
    for (const jti of changes.accessTokens) this.cache.revoke('jti', jti, now);
    for (const id of changes.clients) this.cache.revoke('client', id, now);
    this.since = now - SYNC_OVERLAP_MS;
    this.cache.prune(now);
    this.trustFrom(now);
  }

  private trustFrom(now: number): void {
    this.cache.trustUntil(now + TRUSTED_POLLS * this.config.revocationSyncInterval);
  }

  private syncInBackground(): void {
    if (this.syncing) return;
    this.syncing = true;
    this.sync()
      .catch((error: unknown) => this.logger.warn(`Could not read revocations: ${error}`))
      .finally(() => (this.syncing = false));
  }
}
