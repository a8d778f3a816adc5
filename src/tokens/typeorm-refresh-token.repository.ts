import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RefreshTokenEntity, TokenFamilyEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { RefreshTokenRepository, type RefreshTokenRecord, type Successor } from './refresh-token.repository.js';
import type { TokenFamily } from './token-family.repository.js';

interface RotationParameters {
  tokenHash: string;
  clientId: string;
  now: Date;
}

/** A current token (see `rotateToSuccessor`): its own conditions, and those on its family `f`. */
const TOKEN_CURRENT =
  'refresh_tokens.token_hash = :tokenHash AND refresh_tokens.client_id = :clientId' +
  ' AND refresh_tokens.rotated_at IS NULL AND refresh_tokens.expires_at > :now';
const FAMILY_LIVE = 'f.id = refresh_tokens.family_id AND f.revoked_at IS NULL AND f.expires_at > :now';

/**
 * PostgreSQL: the rotation, the family read and the successor's insert in one statement, so one
 * round trip (each is about a third of a refresh's time there). The family row is not locked: a
 * revocation committed meanwhile still ends the successor, as revocation goes by family.
 */
const ROTATE_TO_SUCCESSOR_POSTGRES = `WITH rotated AS (
    UPDATE refresh_tokens SET rotated_at = :now FROM token_families f
    WHERE ${TOKEN_CURRENT} AND ${FAMILY_LIVE} RETURNING f.*
  ), successor AS (
    INSERT INTO refresh_tokens (token_hash, family_id, client_id, created_at, expires_at, rotated_at)
    SELECT :successorHash, id, client_id, CAST(:now AS bigint), LEAST(CAST(:successorExpiresAt AS bigint), expires_at), NULL
    FROM rotated
  )
  SELECT * FROM rotated`;

/** Every statement is on the refresh grant's path: plain SQL (LeanStatements). */
@Injectable()
export class TypeOrmRefreshTokenRepository extends RefreshTokenRepository {
  private readonly insertRow: (token: RefreshTokenEntity) => Promise<void>;
  private readonly byHash: (parameters: { tokenHash: string }) => Promise<RefreshTokenEntity | null>;
  private readonly rotate: (parameters: { tokenHash: string; now: Date }) => Promise<number>;
  private readonly rotateCurrent: (parameters: RotationParameters) => Promise<RefreshTokenEntity[]>;
  private readonly familyById: (parameters: { id: string }) => Promise<TokenFamilyEntity | null>;
  private readonly rotateInOneStatement?: (
    parameters: RotationParameters & { successorHash: string; successorExpiresAt: Date },
  ) => Promise<TokenFamilyEntity[]>;

  constructor(dataSource: DataSource) {
    super();
    const tokens = new LeanStatements(dataSource, RefreshTokenEntity);
    const families = new LeanStatements(dataSource, TokenFamilyEntity);
    this.insertRow = tokens.insert();
    this.byHash = tokens.selectOne('token_hash = :tokenHash');
    this.rotate = tokens.update('rotated_at = :now', 'token_hash = :tokenHash AND rotated_at IS NULL');
    // Correlated, so that each database looks the one family up by its key: SQLite would run
    // `family_id IN (SELECT …)` as a scan of every family (53× slower with 100,000 of them).
    this.rotateCurrent = tokens.updateReturning(
      'rotated_at = :now',
      `${TOKEN_CURRENT} AND EXISTS (SELECT 1 FROM token_families f WHERE ${FAMILY_LIVE})`,
    );
    this.familyById = families.selectOne('id = :id');
    // SQLite allows neither writes in a WITH nor another table in RETURNING; its statements
    // cost no round trip, so it takes three.
    if (dataSource.driver.options.type === 'postgres') {
      this.rotateInOneStatement = families.rows(ROTATE_TO_SUCCESSOR_POSTGRES);
    }
  }

  insert(token: RefreshTokenRecord): Promise<void> {
    return this.insertRow({ ...token });
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.byHash({ tokenHash });
  }

  async markRotated(tokenHash: string, now: Date): Promise<boolean> {
    return (await this.rotate({ tokenHash, now })) === 1;
  }

  async rotateToSuccessor(
    tokenHash: string,
    clientId: string,
    successor: Successor,
    now: Date,
  ): Promise<TokenFamily | null> {
    if (this.rotateInOneStatement) {
      const [family] = await this.rotateInOneStatement({
        tokenHash,
        clientId,
        now,
        successorHash: successor.tokenHash,
        successorExpiresAt: successor.expiresAt,
      });
      return family ?? null;
    }
    const [rotated] = await this.rotateCurrent({ tokenHash, clientId, now });
    const family = rotated ? await this.familyById({ id: rotated.familyId }) : null;
    if (!rotated || !family) return null;
    const expiresAt = successor.expiresAt < family.expiresAt ? successor.expiresAt : family.expiresAt;
    await this.insertRow({ ...rotated, tokenHash: successor.tokenHash, createdAt: now, expiresAt, rotatedAt: null });
    return family;
  }
}
