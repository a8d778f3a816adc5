import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { TokenFamilyEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { TokenFamilyRepository, type RevocationReason, type TokenFamily } from './token-family.repository.js';

/** `insert` and `findById` are on every token request's path: plain SQL (LeanStatements). */
@Injectable()
export class TypeOrmTokenFamilyRepository extends TokenFamilyRepository {
  private readonly insertRow: (family: TokenFamilyEntity) => Promise<void>;
  private readonly byId: (parameters: { id: string }) => Promise<TokenFamilyEntity | null>;

  constructor(
    @InjectRepository(TokenFamilyEntity) private readonly families: Repository<TokenFamilyEntity>,
    dataSource: DataSource,
  ) {
    super();
    const lean = new LeanStatements(dataSource, TokenFamilyEntity);
    this.insertRow = lean.insert();
    this.byId = lean.selectOne('id = :id');
  }

  insert(family: TokenFamily): Promise<void> {
    return this.insertRow({ ...family, scopes: [...family.scopes] });
  }

  findById(id: string): Promise<TokenFamily | null> {
    return this.byId({ id });
  }

  async revoke(id: string, reason: RevocationReason, now: Date): Promise<void> {
    await this.families.update({ id, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
  }
}
