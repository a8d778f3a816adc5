import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthorizationCodeEntity, RefreshTokenEntity, TokenFamilyEntity } from '../../database/entities/index.js';
import { LeanStatements } from '../../database/lean-statements.js';
import type { RefreshTokenRecord } from '../../tokens/refresh-token.repository.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import { AuthorizationCodeRepository, type AuthorizationCode } from './authorization-code.repository.js';

const REDEEM = {
  set: 'redeemed_at = :now, family_id = :familyId',
  where: 'code_hash = :codeHash AND redeemed_at IS NULL',
};

/**
 * PostgreSQL: what follows the family's insert (LeanStatements.insertThen) in one statement, so
 * one round trip and one transaction: the redemption, and the first refresh token, stored only
 * if the redemption won. The statement's rows are the redemption's: one if this call won.
 */
const REDEEM_WITH_FIRST_TOKEN_POSTGRES = `, redeemed AS (
    UPDATE authorization_codes SET ${REDEEM.set} WHERE ${REDEEM.where} RETURNING family_id
  ), first_refresh_token AS (
    INSERT INTO refresh_tokens (token_hash, family_id, client_id, created_at, expires_at, rotated_at)
    SELECT CAST(:refreshTokenHash AS text), family_id, CAST(:refreshTokenClientId AS text),
      CAST(:refreshTokenCreatedAt AS bigint), CAST(:refreshTokenExpiresAt AS bigint), NULL
    FROM redeemed WHERE CAST(:hasRefreshToken AS boolean)
  )
  SELECT family_id FROM redeemed`;

interface Redemption {
  codeHash: string;
  familyId: string;
  now: Date;
}

/** The first refresh token's columns, named apart from the family's (insertThen). */
interface FirstRefreshToken {
  hasRefreshToken: boolean;
  refreshTokenHash: string | null;
  refreshTokenClientId: string | null;
  refreshTokenCreatedAt: Date | null;
  refreshTokenExpiresAt: Date | null;
}

@Injectable()
export class TypeOrmAuthorizationCodeRepository extends AuthorizationCodeRepository {
  /** Every statement is on the authorization code flow's path: plain SQL (LeanStatements). */
  private readonly insertRow: (code: AuthorizationCodeEntity) => Promise<void>;
  private readonly byHash: (parameters: { codeHash: string }) => Promise<AuthorizationCodeEntity | null>;
  private readonly markRedeemed: (parameters: Redemption) => Promise<number>;
  private readonly insertFamily: (family: TokenFamilyEntity) => Promise<void>;
  private readonly insertRefreshToken: (token: RefreshTokenEntity) => Promise<void>;
  /** PostgreSQL: the family, the redemption and the first refresh token in one statement. */
  private readonly redeemInOneStatement?: (
    family: TokenFamilyEntity,
    parameters: Redemption & FirstRefreshToken,
  ) => Promise<number>;

  constructor(dataSource: DataSource) {
    super();
    const lean = new LeanStatements(dataSource, AuthorizationCodeEntity);
    const families = new LeanStatements(dataSource, TokenFamilyEntity);
    this.insertRow = lean.insert();
    this.byHash = lean.selectOne('code_hash = :codeHash');
    this.markRedeemed = lean.update(REDEEM.set, REDEEM.where);
    this.insertFamily = families.insert();
    this.insertRefreshToken = new LeanStatements(dataSource, RefreshTokenEntity).insert();
    if (dataSource.driver.options.type === 'postgres') {
      this.redeemInOneStatement = families.insertThen(REDEEM_WITH_FIRST_TOKEN_POSTGRES);
    }
  }

  insert(code: AuthorizationCode): Promise<void> {
    return this.insertRow({ ...code, scopes: [...code.scopes] });
  }

  findByHash(codeHash: string): Promise<AuthorizationCode | null> {
    return this.byHash({ codeHash });
  }

  async redeem(
    codeHash: string,
    family: TokenFamily,
    firstRefreshToken: RefreshTokenRecord | null,
    now: Date,
  ): Promise<boolean> {
    const row = { ...family, scopes: [...family.scopes] };
    const redemption = { codeHash, familyId: family.id, now };
    if (this.redeemInOneStatement) {
      const token = {
        hasRefreshToken: firstRefreshToken !== null,
        refreshTokenHash: firstRefreshToken?.tokenHash ?? null,
        refreshTokenClientId: firstRefreshToken?.clientId ?? null,
        refreshTokenCreatedAt: firstRefreshToken?.createdAt ?? null,
        refreshTokenExpiresAt: firstRefreshToken?.expiresAt ?? null,
      };
      return (await this.redeemInOneStatement(row, { ...redemption, ...token })) === 1;
    }
    // SQLite: the family first, so that it exists whenever the code names it; the token last,
    // only for the call that won.
    await this.insertFamily(row);
    if ((await this.markRedeemed(redemption)) !== 1) return false;
    if (firstRefreshToken) await this.insertRefreshToken({ ...firstRefreshToken });
    return true;
  }
}
