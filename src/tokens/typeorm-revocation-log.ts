import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThanOrEqual, Repository } from 'typeorm';
import { DeletedClientEntity, RevokedAccessTokenEntity, TokenFamilyEntity } from '../database/entities/index.js';
import { RevocationLog, type RevocationChanges } from './revocation-log.js';

/** Three indexed range reads (`revoked_at`, `revoked_at`, `deleted_at`), selecting ids only. */
@Injectable()
export class TypeOrmRevocationLog extends RevocationLog {
  constructor(
    @InjectRepository(TokenFamilyEntity) private readonly families: Repository<TokenFamilyEntity>,
    @InjectRepository(RevokedAccessTokenEntity) private readonly revoked: Repository<RevokedAccessTokenEntity>,
    @InjectRepository(DeletedClientEntity) private readonly deleted: Repository<DeletedClientEntity>,
  ) {
    super();
  }

  async changesSince(since: Date): Promise<RevocationChanges> {
    const [families, accessTokens, clients] = await Promise.all([
      this.families.find({ select: { id: true }, where: { revokedAt: MoreThanOrEqual(since) } }),
      this.revoked.find({ select: { jti: true }, where: { revokedAt: MoreThanOrEqual(since) } }),
      this.deleted.find({ select: { clientId: true }, where: { deletedAt: MoreThanOrEqual(since) } }),
    ]);
    return {
      families: families.map((family) => family.id),
      accessTokens: accessTokens.map((token) => token.jti),
      clients: clients.map((client) => client.clientId),
    };
  }

  clientDeletedSince(clientId: string, instant: Date): Promise<boolean> {
    return this.deleted.existsBy({ clientId, deletedAt: MoreThanOrEqual(instant) });
  }
}
