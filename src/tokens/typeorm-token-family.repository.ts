import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { TokenFamilyEntity } from '../database/entities/index.js';
import { TokenFamilyRepository, type RevocationReason, type TokenFamily } from './token-family.repository.js';

@Injectable()
export class TypeOrmTokenFamilyRepository extends TokenFamilyRepository {
  constructor(@InjectRepository(TokenFamilyEntity) private readonly families: Repository<TokenFamilyEntity>) {
    super();
  }

  async insert(family: TokenFamily): Promise<void> {
    await this.families.insert(this.families.create({ ...family, scopes: [...family.scopes] }));
  }

  findById(id: string): Promise<TokenFamily | null> {
    return this.families.findOneBy({ id });
  }

  async revoke(id: string, reason: RevocationReason, now: Date): Promise<void> {
    await this.families.update({ id, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
  }
}
