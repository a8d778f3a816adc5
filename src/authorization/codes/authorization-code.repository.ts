import type { RefreshTokenRecord } from '../../tokens/refresh-token.repository.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';

export interface AuthorizationCode {
  readonly codeHash: string;
  readonly clientId: string;
  readonly userId: string;
  readonly grantId: string;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | null;
  readonly nonce: string | null;
  readonly authTime: Date;
  readonly expiresAt: Date;
  readonly redeemedAt: Date | null;
  readonly familyId: string | null;
}

/** Storage port for authorization codes (by hash only). */
export abstract class AuthorizationCodeRepository {
  abstract insert(code: AuthorizationCode): Promise<void>;
  abstract findByHash(codeHash: string): Promise<AuthorizationCode | null>;
  /**
   * Starts `family` and marks the code redeemed by it if, and only if, it was not redeemed yet:
   * one conditional UPDATE, so that of concurrent redemptions exactly one wins. The family is
   * stored whether or not this call wins, before the code changes or in the same statement, so
   * that a concurrent replay that finds the code redeemed always finds its family to revoke; the
   * caller revokes the family of a call that lost. `firstRefreshToken`, the family's first
   * refresh token if it has one, is stored only if this call wins (so a lost race leaves no
   * usable token behind).
   * @returns whether this call redeemed it.
   */
  abstract redeem(
    codeHash: string,
    family: TokenFamily,
    firstRefreshToken: RefreshTokenRecord | null,
    now: Date,
  ): Promise<boolean>;
}
