import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  AuthorizationCodeEntity,
  DeletedClientEntity,
  GrantEntity,
  LoginSessionEntity,
  PendingAuthorizationEntity,
  RateLimitEntity,
  RefreshTokenEntity,
  RevokedAccessTokenEntity,
  SecurityEventEntity,
  TokenFamilyEntity,
} from '../database/entities/index.js';
import { RetentionStore, type PurgedTable } from './retention-store.js';

interface Rule {
  entity: EntityTarget<ObjectLiteral>;
  /** The primary key column. */
  key: string;
  /** Which rows of `t` are spent, as of `:cutoff` (epoch ms); each runs on an index. */
  spent: string;
}

/**
 * The SQL of each table's rule (why each holds: RetentionService). Parents ask only whether
 * a child row is left at all: the children were purged just before with the same cutoff, so
 * a child left is one still of use.
 */
const RULES: Record<PurgedTable, Rule> = {
  authorization_codes: { entity: AuthorizationCodeEntity, key: 'code_hash', spent: 't.expires_at <= :cutoff' },
  pending_authorizations: { entity: PendingAuthorizationEntity, key: 'id_hash', spent: 't.expires_at <= :cutoff' },
  login_sessions: { entity: LoginSessionEntity, key: 'id_hash', spent: 't.expires_at <= :cutoff' },
  refresh_tokens: { entity: RefreshTokenEntity, key: 'token_hash', spent: 't.expires_at <= :cutoff' },
  token_families: {
    entity: TokenFamilyEntity,
    key: 'id',
    spent:
      '(t.expires_at <= :cutoff OR (t.revoked_at <= :cutoff' +
      ' AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = t.id)))',
  },
  grants: {
    entity: GrantEntity,
    key: 'id',
    spent:
      't.revoked_at <= :cutoff' +
      ' AND NOT EXISTS (SELECT 1 FROM token_families f WHERE f.grant_id = t.id)' +
      ' AND NOT EXISTS (SELECT 1 FROM authorization_codes c WHERE c.grant_id = t.id)',
  },
  revoked_access_tokens: { entity: RevokedAccessTokenEntity, key: 'jti', spent: 't.expires_at <= :cutoff' },
  deleted_clients: { entity: DeletedClientEntity, key: 'client_id', spent: 't.deleted_at <= :cutoff' },
  rate_limits: { entity: RateLimitEntity, key: 'key', spent: 't.window_start <= :cutoff' },
  security_events: { entity: SecurityEventEntity, key: 'id', spent: 't.at <= :cutoff' },
};

/**
 * One batch is `DELETE … WHERE key IN (SELECT key … LIMIT n)`: portable to SQLite and
 * PostgreSQL (neither needs DELETE … LIMIT), and each statement is short whatever the backlog.
 */
@Injectable()
export class TypeOrmRetentionStore extends RetentionStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async deleteBatch(table: PurgedTable, cutoff: Date, limit: number): Promise<number> {
    const { entity, key, spent } = RULES[table];
    const [name, column] = [this.dataSource.driver.escape(table), this.dataSource.driver.escape(key)];
    const batch = `SELECT t.${column} FROM ${name} t WHERE ${spent} LIMIT :limit`;
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(entity)
      .where(`${column} IN (${batch})`, { cutoff: cutoff.getTime(), limit })
      .execute();
    return result.affected ?? 0;
  }
}
