import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual, Repository } from 'typeorm';
import { DeletedClientEntity, RevokedAccessTokenEntity, TokenFamilyEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { RevocationLog, type RevocationChanges } from './revocation-log.js';

/** `changesSince`: three indexed range reads (`revoked_at`, `revoked_at`, `deleted_at`), selecting ids only. */
@Injectable()
export class TypeOrmRevocationLog extends RevocationLog {
  /** On every uncached verification of a client's own token: plain SQL (LeanStatements). */
  private readonly deletedSince: (parameters: {
    clientId: string;
    instant: Date;
  }) => Promise<DeletedClientEntity | null>;

  constructor(
    @InjectRepository(TokenFamilyEntity) private readonly families: Repository<TokenFamilyEntity>,
    @InjectRepository(RevokedAccessTokenEntity) private readonly revoked: Repository<RevokedAccessTokenEntity>,
    @InjectRepository(DeletedClientEntity) private readonly deleted: Repository<DeletedClientEntity>,
    dataSource: DataSource,
  ) {
    super();
    this.deletedSince = new LeanStatements(dataSource, DeletedClientEntity).selectOne(
      'client_id = :clientId AND deleted_at >= :instant',
    );
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

  async clientDeletedSince(clientId: string, instant: Date): Promise<boolean> {
    return (await this.deletedSince({ clientId, instant })) !== null;
  }
}
