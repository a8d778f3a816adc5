import type { TokenFamily } from './token-family.repository.js';

/** The token that replaces a rotated one: its hash, and the expiry its own lifetime gives it. */
export interface Successor {
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

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
   * Rotates a current token and stores its successor, in the same family, as one step: current
   * means issued to `clientId`, not yet rotated, not expired at `now`, of a family neither revoked
   * nor expired (a token is spent only if it can be exchanged). The successor expires at
   * `successor.expiresAt` or with its family, whichever comes first.
   * @returns the family the successor joined; null if the token was not current (or another
   *   call won), and then nothing was changed.
   */
  abstract rotateToSuccessor(
    tokenHash: string,
    clientId: string,
    successor: Successor,
    now: Date,
  ): Promise<TokenFamily | null>;
}
