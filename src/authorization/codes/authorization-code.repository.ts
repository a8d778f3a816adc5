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
   * Marks the code redeemed by the family it starts, if, and only if, it was not redeemed
   * yet: one conditional UPDATE, so that of concurrent redemptions exactly one wins.
   * @returns whether this call redeemed it.
   */
  abstract redeem(codeHash: string, familyId: string, now: Date): Promise<boolean>;
}
