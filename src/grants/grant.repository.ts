/** A resource owner's consent to a client for some scopes. */
export interface Grant {
  readonly id: string;
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly revokedAt: Date | null;
}

/** Storage port for grants. */
export abstract class GrantRepository {
  abstract findLive(userId: string, clientId: string): Promise<Grant | null>;
  abstract findById(id: string): Promise<Grant | null>;
  abstract listLive(userId: string): Promise<Grant[]>;
  abstract insert(grant: Grant): Promise<void>;
  abstract updateScopes(id: string, scopes: readonly string[], now: Date): Promise<void>;
  /**
   * Revokes the user's live grant and, in the same transaction, everything issued under it:
   * its token families (so its access and refresh tokens) and its unredeemed codes.
   * @returns whether a live grant of this user was revoked.
   */
  abstract revoke(id: string, userId: string, now: Date): Promise<boolean>;
}
