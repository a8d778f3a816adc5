import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes the purge (src/retention) needs so that finding what to delete reads only what is
 * deleted instead of scanning each table: the expiry of login sessions and token families,
 * revoked families and grants, ended rate-limit windows, and the codes of a grant (which
 * also serves revoking a grant, and the cascade when a grant is deleted).
 */
const INDEXES: ReadonlyArray<[table: string, name: string, column: string]> = [
  ['login_sessions', 'login_sessions_expires_at', 'expires_at'],
  ['token_families', 'token_families_expires_at', 'expires_at'],
  ['token_families', 'token_families_revoked_at', 'revoked_at'],
  ['grants', 'grants_revoked_at', 'revoked_at'],
  ['authorization_codes', 'authorization_codes_grant_id', 'grant_id'],
  ['rate_limits', 'rate_limits_window_start', 'window_start'],
];

export class RetentionIndexes1763795000000 implements MigrationInterface {
  name = 'RetentionIndexes1763795000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name, column] of INDEXES) {
      await queryRunner.createIndex(table, new TableIndex({ name, columnNames: [column] }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) {
      await queryRunner.dropIndex(table, name);
    }
  }
}
