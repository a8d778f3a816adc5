import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RefreshTokenEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { RefreshTokenRepository, type RefreshTokenRecord } from './refresh-token.repository.js';

/** Every statement is on the refresh grant's path: plain SQL (LeanStatements). */
@Injectable()
export class TypeOrmRefreshTokenRepository extends RefreshTokenRepository {
  private readonly insertRow: (token: RefreshTokenEntity) => Promise<void>;
  private readonly byHash: (parameters: { tokenHash: string }) => Promise<RefreshTokenEntity | null>;
  private readonly rotate: (parameters: { tokenHash: string; now: Date }) => Promise<number>;
  private readonly rotateCurrent: (parameters: {
    tokenHash: string;
    clientId: string;
    now: Date;
  }) => Promise<RefreshTokenEntity[]>;

  constructor(dataSource: DataSource) {
    super();
    const tokens = new LeanStatements(dataSource, RefreshTokenEntity);
    this.insertRow = tokens.insert();
    this.byHash = tokens.selectOne('token_hash = :tokenHash');
    this.rotate = tokens.update('rotated_at = :now', 'token_hash = :tokenHash AND rotated_at IS NULL');
    this.rotateCurrent = tokens.updateReturning(
      'rotated_at = :now',
      'token_hash = :tokenHash AND client_id = :clientId AND rotated_at IS NULL AND expires_at > :now' +
        // Correlated, so that each database looks the one family up by its key: SQLite would run
        // `family_id IN (SELECT …)` as a scan of every family (53× slower with 100,000 of them).
        ' AND EXISTS (SELECT 1 FROM token_families f' +
        ' WHERE f.id = refresh_tokens.family_id AND f.revoked_at IS NULL AND f.expires_at > :now)',
    );
  }

  insert(token: RefreshTokenRecord): Promise<void> {
    return this.insertRow({ ...token });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.byHash({ tokenHash });
  }

  async markRotated(tokenHash: string, now: Date): Promise<boolean> {
    return (await this.rotate({ tokenHash, now })) === 1;
  }

  async rotateIfCurrent(tokenHash: string, clientId: string, now: Date): Promise<RefreshTokenRecord | null> {
    const [rotated] = await this.rotateCurrent({ tokenHash, clientId, now });
    return rotated ?? null;
  }
}
