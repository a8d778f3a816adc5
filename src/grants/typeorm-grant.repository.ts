import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuthorizationCodeEntity, GrantEntity, TokenFamilyEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { GrantRepository, type Grant } from './grant.repository.js';

@Injectable()
export class TypeOrmGrantRepository extends GrantRepository {
  /** On every authorization request of a logged-in user: plain SQL (LeanStatements). */
  private readonly live: (parameters: { userId: string; clientId: string }) => Promise<GrantEntity | null>;

  constructor(
    @InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>,
    dataSource: DataSource,
  ) {
    super();
    this.live = new LeanStatements(dataSource, GrantEntity).selectOne(
      'user_id = :userId AND client_id = :clientId AND revoked_at IS NULL',
    );
  }

  findLive(userId: string, clientId: string): Promise<Grant | null> {
    return this.live({ userId, clientId });
  }

  findById(id: string): Promise<Grant | null> {
    return this.grants.findOneBy({ id });
  }

  listLive(userId: string): Promise<Grant[]> {
    return this.grants.find({ where: { userId, revokedAt: IsNull() }, order: { updatedAt: 'DESC' } });
  }

  async insert(grant: Grant): Promise<boolean> {
    try {
      await this.grants.insert(this.grants.create({ ...grant, scopes: [...grant.scopes] }));
      return true;
    } catch (error) {
      // grants_live_user_client: a concurrent consent inserted the live grant first.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async updateScopes(id: string, expected: readonly string[], scopes: readonly string[], now: Date): Promise<boolean> {
    const result = await this.grants
      .createQueryBuilder()
      .update()
      .set({ scopes: [...scopes], updatedAt: now })
      // The column holds JSON.stringify of the list, so the stored text is compared as such.
      .where('id = :id AND revoked_at IS NULL AND scopes = :expected', { id, expected: JSON.stringify(expected) })
      .execute();
    return result.affected === 1;
  }

  revoke(id: string, userId: string, now: Date): Promise<readonly string[] | null> {
    return this.grants.manager.transaction(async (manager) => {
      const revoked = await manager.update(
        GrantEntity,
        { id, userId, revokedAt: IsNull() },
        { revokedAt: now, updatedAt: now },
      );
      if (revoked.affected !== 1) return null;
      const families = await manager.find(TokenFamilyEntity, {
        select: { id: true },
        where: { grantId: id, revokedAt: IsNull() },
      });
      await manager.update(
        TokenFamilyEntity,
        { grantId: id, revokedAt: IsNull() },
        { revokedAt: now, revokedReason: 'grant_revoked' },
      );
      // An unredeemed code of the grant expires now, so it can no longer start a family.
      await manager.update(AuthorizationCodeEntity, { grantId: id, redeemedAt: IsNull() }, { expiresAt: now });
      return families.map((family) => family.id);
    });
  }
}
