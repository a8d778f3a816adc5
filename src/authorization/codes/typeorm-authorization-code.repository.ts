import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorizationCodeEntity, TokenFamilyEntity } from '../../database/entities/index.js';
import { LeanStatements } from '../../database/lean-statements.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import { AuthorizationCodeRepository, type AuthorizationCode } from './authorization-code.repository.js';

const REDEEM = {
  set: 'redeemed_at = :now, family_id = :familyId',
  where: 'code_hash = :codeHash AND redeemed_at IS NULL',
};

interface Redemption {
  codeHash: string;
  familyId: string;
  now: Date;
}

@Injectable()
export class TypeOrmAuthorizationCodeRepository extends AuthorizationCodeRepository {
  /** Every statement is on the authorization code flow's path: plain SQL (LeanStatements). */
  private readonly insertRow: (code: AuthorizationCodeEntity) => Promise<void>;
  private readonly byHash: (parameters: { codeHash: string }) => Promise<AuthorizationCodeEntity | null>;
  private readonly markRedeemed: (parameters: Redemption) => Promise<number>;
  private readonly insertFamily: (family: TokenFamilyEntity) => Promise<void>;
  /** PostgreSQL: the family's insert and the redemption in one statement, one round trip. */
  private readonly startFamilyAndRedeem?: (family: TokenFamilyEntity, parameters: Redemption) => Promise<number>;

  constructor(dataSource: DataSource) {
    super();
    const lean = new LeanStatements(dataSource, AuthorizationCodeEntity);
    const families = new LeanStatements(dataSource, TokenFamilyEntity);
    this.insertRow = lean.insert();
    this.byHash = lean.selectOne('code_hash = :codeHash');
    this.markRedeemed = lean.update(REDEEM.set, REDEEM.where);
    this.insertFamily = families.insert();
    if (dataSource.driver.options.type === 'postgres') {
      this.startFamilyAndRedeem = families.insertThen(
        `UPDATE authorization_codes SET ${REDEEM.set} WHERE ${REDEEM.where}`,
      );
    }
  }

  insert(code: AuthorizationCode): Promise<void> {
    return this.insertRow({ ...code, scopes: [...code.scopes] });
  }

  findByHash(codeHash: string): Promise<AuthorizationCode | null> {
    return this.byHash({ codeHash });
  }

  async redeem(codeHash: string, family: TokenFamily, now: Date): Promise<boolean> {
    const row = { ...family, scopes: [...family.scopes] };
    const redemption = { codeHash, familyId: family.id, now };
    if (this.startFamilyAndRedeem) return (await this.startFamilyAndRedeem(row, redemption)) === 1;
    // SQLite: the family first, so that it exists whenever the code names it.
    await this.insertFamily(row);
    return (await this.markRedeemed(redemption)) === 1;
  }
}
