export interface TokenFamily {
  readonly id: string;
  readonly grantId: string | null;
  readonly clientId: string;
  readonly userId: string | null;
  readonly scopes: readonly string[];
  readonly authTime: Date | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedReason: string | null;
}

/** Why a family was revoked; kept for the audit trail and for tests. */
export type RevocationReason = 'code_replay' | 'refresh_token_reuse' | 'grant_revoked' | 'token_revoked';

/** Storage port for token families. */
export abstract class TokenFamilyRepository {
  abstract insert(family: TokenFamily): Promise<void>;
  abstract findById(id: string): Promise<TokenFamily | null>;
  abstract revoke(id: string, reason: RevocationReason, now: Date): Promise<void>;
}
