import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { RevokedAccessTokenEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { RevokedAccessTokenRepository } from './revoked-access-token.repository.js';

@Injectable()
export class TypeOrmRevokedAccessTokenRepository extends RevokedAccessTokenRepository {
  /** On every uncached verification: plain SQL (LeanStatements). */
  private readonly byJti: (parameters: { jti: string }) => Promise<RevokedAccessTokenEntity | null>;

  constructor(
    @InjectRepository(RevokedAccessTokenEntity) private readonly revoked: Repository<RevokedAccessTokenEntity>,
    dataSource: DataSource,
  ) {
    super();
    this.byJti = new LeanStatements(dataSource, RevokedAccessTokenEntity).selectOne('jti = :jti');
  }

  async insert(jti: string, expiresAt: Date, now: Date): Promise<void> {
    await this.revoked.upsert({ jti, expiresAt, revokedAt: now }, ['jti']);
  }

  async exists(jti: string): Promise<boolean> {
    return (await this.byJti({ jti })) !== null;
  }
}
