/**
 * The tables the purge clears of rows that can no longer serve, in the order it clears them:
 * children before parents (codes and refresh tokens before their families, families before
 * their grants), so that a parent's rule can ask whether a child is left, and so that no row
 * goes by a foreign-key cascade behind the counts.
 */
export const PURGED_TABLES = [
  'authorization_codes',
  'pending_authorizations',
  'login_sessions',
  'refresh_tokens',
  'token_families',
  'grants',
  'revoked_access_tokens',
  'deleted_clients',
  'rate_limits',
  'security_events',
] as const;

export type PurgedTable = (typeof PURGED_TABLES)[number];

/** Rows deleted by one purge, per table. */
export type PurgeCounts = Record<PurgedTable, number>;

/** Storage port of the purge: one bounded, idempotent delete at a time. */
export abstract class RetentionStore {
  /**
   * Deletes at most `limit` rows of `table` whose usefulness ended at or before `cutoff`
   * (the condition per table is in TypeOrmRetentionStore). Deleting what another instance
   * deletes at the same moment is harmless: a row goes once, and is counted once.
   * @returns how many rows this call deleted.
   */
  abstract deleteBatch(table: PurgedTable, cutoff: Date, limit: number): Promise<number>;
}
