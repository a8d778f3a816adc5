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
}
