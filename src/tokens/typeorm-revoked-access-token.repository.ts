import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RevokedAccessTokenEntity } from '../database/entities/index.js';
import { RevokedAccessTokenRepository } from './revoked-access-token.repository.js';

@Injectable()
export class TypeOrmRevokedAccessTokenRepository extends RevokedAccessTokenRepository {
  constructor(
    @InjectRepository(RevokedAccessTokenEntity) private readonly revoked: Repository<RevokedAccessTokenEntity>,
  ) {
    super();
  }

  async insert(jti: string, expiresAt: Date, now: Date): Promise<void> {
    await this.revoked.upsert({ jti, expiresAt, revokedAt: now }, ['jti']);
  }

  exists(jti: string): Promise<boolean> {
    return this.revoked.existsBy({ jti });
  }
}
