import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { PendingAuthorizationEntity } from '../../database/entities/index.js';
import { PendingAuthorizationRepository, type PendingAuthorization } from './pending-authorization.repository.js';

@Injectable()
export class TypeOrmPendingAuthorizationRepository extends PendingAuthorizationRepository {
  constructor(
    @InjectRepository(PendingAuthorizationEntity) private readonly pending: Repository<PendingAuthorizationEntity>,
  ) {
    super();
  }

  async insert(pending: PendingAuthorization): Promise<void> {
    await this.pending.insert(this.pending.create({ ...pending, scopes: [...pending.scopes] }));
  }

  findLive(idHash: string, now: Date): Promise<PendingAuthorization | null> {
    return this.pending.findOneBy({ idHash, expiresAt: MoreThan(now) });
  }

  async delete(idHash: string): Promise<boolean> {
    const result = await this.pending.delete({ idHash });
    return result.affected === 1;
  }
}
