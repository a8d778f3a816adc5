export interface RefreshTokenRecord {
  readonly tokenHash: string;
  readonly familyId: string;
  readonly clientId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly rotatedAt: Date | null;
}

/** Storage port for refresh tokens (by hash only). */
export abstract class RefreshTokenRepository {
  abstract insert(token: RefreshTokenRecord): Promise<void>;
  abstract findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Marks the token rotated if, and only if, it was not yet: a conditional update of one
   * row, so that of many concurrent uses exactly one wins.
   * @returns whether this call rotated it.
   */
  abstract markRotated(tokenHash: string, now: Date): Promise<boolean>;
  /**
   * `markRotated` in the same statement as the read, for a token that is current: issued to
   * `clientId`, not yet rotated, not expired at `now`, of a family neither revoked nor expired
   * (a token is spent only if it can be exchanged).
   * @returns the token rotated by this call; null if it was not current (or another call won).
   */
  abstract rotateIfCurrent(tokenHash: string, clientId: string, now: Date): Promise<RefreshTokenRecord | null>;
}
