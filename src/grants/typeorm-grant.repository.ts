import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuthorizationCodeEntity, GrantEntity, TokenFamilyEntity } from '../database/entities/index.js';
import { GrantRepository, type Grant } from './grant.repository.js';

@Injectable()
export class TypeOrmGrantRepository extends GrantRepository {
  constructor(@InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>) {
    super();
  }

  findLive(userId: string, clientId: string): Promise<Grant | null> {
    return this.grants.findOneBy({ userId, clientId, revokedAt: IsNull() });
  }

  findById(id: string): Promise<Grant | null> {
    return this.grants.findOneBy({ id });
  }

  listLive(userId: string): Promise<Grant[]> {
    return this.grants.find({ where: { userId, revokedAt: IsNull() }, order: { updatedAt: 'DESC' } });
  }

  async insert(grant: Grant): Promise<void> {
    await this.grants.insert(this.grants.create({ ...grant, scopes: [...grant.scopes] }));
  }

  async updateScopes(id: string, scopes: readonly string[], now: Date): Promise<void> {
    await this.grants.update({ id }, { scopes: [...scopes], updatedAt: now });
  }

  revoke(id: string, userId: string, now: Date): Promise<boolean> {
    return this.grants.manager.transaction(async (manager) => {
      const revoked = await manager.update(
        GrantEntity,
        { id, userId, revokedAt: IsNull() },
        { revokedAt: now, updatedAt: now },
      );
      if (revoked.affected !== 1) return false;
      await manager.update(
        TokenFamilyEntity,
        { grantId: id, revokedAt: IsNull() },
        { revokedAt: now, revokedReason: 'grant_revoked' },
      );
      // An unredeemed code of the grant expires now, so it can no longer start a family.
      await manager.update(AuthorizationCodeEntity, { grantId: id, redeemedAt: IsNull() }, { expiresAt: now });
      return true;
    });
  }
}
