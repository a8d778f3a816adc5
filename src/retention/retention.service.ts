import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CLIENT_THROTTLE_WINDOW_SECONDS } from '../authorization/token/client-throttle.js';
import { retentionConfig } from '../config/retention.config.js';
import { securityConfig } from '../config/security.config.js';
import { MAX_ACCESS_TOKEN_TTL } from '../config/tokens.config.js';
import { PURGED_TABLES, RetentionStore, type PurgeCounts, type PurgedTable } from './retention-store.js';

/**
 * How long past its end a row is kept. A request that read a row just before it ended may
 * still be writing beside it (redeeming the code, rotating the refresh token, adding a token
 * to the family, all of which would fail or misread a vanished row), and instances' clocks
 * differ a little: five minutes covers both.
 */
export const SETTLE_MARGIN_MS = 5 * 60 * 1000;

/**
 * Rows per DELETE. better-sqlite3 runs on the event loop and SQLite has one writer, so one
 * statement over a large backlog (the first purge of a server that ran a year) would stall
 * every request; on PostgreSQL it would be one long transaction. Batches keep each short.
 */
export const PURGE_BATCH_SIZE = 1000;

/**
 * The longest access token lifetime: the most ACCESS_TOKEN_TTL allows. Not the configured one:
 * instances may run with different lifetimes, and `db:purge` runs with an environment of its own.
 */
export const LONGEST_ACCESS_TOKEN_TTL_MS = MAX_ACCESS_TOKEN_TTL * 1000;

/**
 * Bounded growth: deletes what can no longer serve. When a row has served (instants are
 * epoch ms; each moment below is then pushed back by SETTLE_MARGIN_MS):
 *
 * - `authorization_codes`: at `expires_at`. A redeemed code is kept until then, so that a
 *   replay within its lifetime still revokes the family it started (RFC 6749 section 4.1.2);
 *   a later replay is refused as an unknown code, `invalid_grant` as for any expired code.
 * - `pending_authorizations`: at `expires_at` (an answered one was deleted at once).
 * - `login_sessions`: at `expires_at`; a logged-out one is refused already and goes then too.
 * - `refresh_tokens`: at `expires_at`, never later than its family's. A rotated token is kept
 *   until then: presenting it again is reuse and revokes its family (RFC 9700 section 4.14.2).
 * - `token_families`: at `expires_at`, the absolute lifetime, after which every token of the
 *   family is refused; or once revoked and none of its refresh tokens is left (all expired),
 *   so that until then every answer about those tokens stays what it was. A vanished family
 *   refuses its access tokens as a revoked one does (AccessTokenVerifier).
 * - `grants`: once revoked and no family or code issued under it is left. A live grant is the
 *   user's consent and stays.
 * - `revoked_access_tokens`: at `expires_at`, the `exp` of the token it denies: from then the
 *   signature check refuses that token anyway.
 * - `deleted_clients`: LONGEST_ACCESS_TOKEN_TTL_MS after `deleted_at`: by then every access
 *   token issued before the deletion has expired, and no instance has one left to refuse.
 * - `rate_limits`: when its window ends, at most the longest window (LOGIN_THROTTLE_WINDOW, or
 *   the client's minute) after it starts. An ended window counts nothing; the next hit restarts it.
 * - `security_events`: after AUDIT_RETENTION_DAYS (no margin: nothing writes beside an event).
 *
 * Never purged: users, clients, notes, live grants, signing keys (few; retired ones are listed).
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly store: RetentionStore,
    @Inject(retentionConfig.KEY) private readonly retention: ConfigType<typeof retentionConfig>,
    @Inject(securityConfig.KEY)
    private readonly security: Pick<ConfigType<typeof securityConfig>, 'loginThrottleWindow'>,
  ) {}

  /**
   * Purges every table as of `now`, in bounded batches. Safe to run from several instances
   * at once: each row is deleted once, by whichever gets there first.
   * @param signal stops between two batches (shutdown); the counts so far are returned.
   */
  async purge(now = new Date(), signal?: AbortSignal): Promise<PurgeCounts> {
    const started = Date.now();
    const cutoffs = this.cutoffs(now);
    const counts = Object.fromEntries(PURGED_TABLES.map((table) => [table, 0])) as PurgeCounts;
    for (const table of PURGED_TABLES) counts[table] = await this.purgeTable(table, cutoffs[table], signal);
    const stopped = signal?.aborted ? ', stopped early' : '';
    this.logger.log(`Purged ${JSON.stringify(counts)} in ${Date.now() - started} ms${stopped}`);
    return counts;
  }

  /** Per table, the instant at or before which a row's usefulness must have ended for it to go. */
  cutoffs(now: Date): Record<PurgedTable, Date> {
    const expired = new Date(now.getTime() - SETTLE_MARGIN_MS);
    const longestWindow = Math.max(this.security.loginThrottleWindow, CLIENT_THROTTLE_WINDOW_SECONDS) * 1000;
    const auditRetention = this.retention.auditRetentionDays * 24 * 60 * 60 * 1000;
    const cutoffs = Object.fromEntries(PURGED_TABLES.map((table) => [table, expired])) as Record<PurgedTable, Date>;
    return {
      ...cutoffs,
      deleted_clients: new Date(expired.getTime() - LONGEST_ACCESS_TOKEN_TTL_MS),
      rate_limits: new Date(expired.getTime() - longestWindow),
      security_events: new Date(now.getTime() - auditRetention),
    };
  }

  private async purgeTable(table: PurgedTable, cutoff: Date, signal?: AbortSignal): Promise<number> {
    let total = 0;
    while (!signal?.aborted) {
      const deleted = await this.store.deleteBatch(table, cutoff, PURGE_BATCH_SIZE);
      total += deleted;
      if (deleted < PURGE_BATCH_SIZE) break;
      // Let waiting requests run between two batches.
      await nextTurn();
    }
    return total;
  }
}
