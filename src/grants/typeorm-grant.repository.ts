import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { GrantEntity } from '../database/entities/index.js';
import { GrantRepository, type Grant } from './grant.repository.js';

@Injectable()
export class TypeOrmGrantRepository extends GrantRepository {
  constructor(@InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>) {
    super();
  }

  findLive(userId: string, clientId: string): Promise<Grant | null> {
    return this.grants.findOneBy({ userId, clientId, revokedAt: IsNull() });
  }

  async insert(grant: Grant): Promise<void> {
    await this.grants.insert(this.grants.create({ ...grant, scopes: [...grant.scopes] }));
  }

  async updateScopes(id: string, scopes: readonly string[], now: Date): Promise<void> {
    await this.grants.update({ id }, { scopes: [...scopes], updatedAt: now });
  }
}
