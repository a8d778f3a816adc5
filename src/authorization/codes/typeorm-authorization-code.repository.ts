import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorizationCodeEntity } from '../../database/entities/index.js';
import { LeanStatements } from '../../database/lean-statements.js';
import { AuthorizationCodeRepository, type AuthorizationCode } from './authorization-code.repository.js';

@Injectable()
export class TypeOrmAuthorizationCodeRepository extends AuthorizationCodeRepository {
  /** Every statement is on the authorization code flow's path: plain SQL (LeanStatements). */
  private readonly insertRow: (code: AuthorizationCodeEntity) => Promise<void>;
  private readonly byHash: (parameters: { codeHash: string }) => Promise<AuthorizationCodeEntity | null>;
  private readonly markRedeemed: (parameters: { codeHash: string; familyId: string; now: Date }) => Promise<number>;

  constructor(dataSource: DataSource) {
    super();
    const lean = new LeanStatements(dataSource, AuthorizationCodeEntity);
    this.insertRow = lean.insert();
    this.byHash = lean.selectOne('code_hash = :codeHash');
    this.markRedeemed = lean.update(
      'redeemed_at = :now, family_id = :familyId',
      'code_hash = :codeHash AND redeemed_at IS NULL',
    );
  }

  insert(code: AuthorizationCode): Promise<void> {
    return this.insertRow({ ...code, scopes: [...code.scopes] });
  }

  findByHash(codeHash: string): Promise<AuthorizationCode | null> {
    return this.byHash({ codeHash });
  }

  async redeem(codeHash: string, familyId: string, now: Date): Promise<boolean> {
    return (await this.markRedeemed({ codeHash, familyId, now })) === 1;
  }
}
