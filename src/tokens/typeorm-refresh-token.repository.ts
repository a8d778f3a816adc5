import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshTokenEntity } from '../database/entities/index.js';
import { RefreshTokenRepository, type RefreshTokenRecord } from './refresh-token.repository.js';

@Injectable()
export class TypeOrmRefreshTokenRepository extends RefreshTokenRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {
    super();
  }

  async insert(token: RefreshTokenRecord): Promise<void> {
    await this.tokens.insert(this.tokens.create(token));
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  async markRotated(tokenHash: string, now: Date): Promise<boolean> {
    const result = await this.tokens.update({ tokenHash, rotatedAt: IsNull() }, { rotatedAt: now });
    return result.affected === 1;
  }
}
