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
  /**
   * Inserts a live grant, unless the user already has one for the client (the database's
   * unique index decides, so two concurrent consents cannot both insert).
   * @returns whether this call inserted it.
   */
  abstract insert(grant: Grant): Promise<boolean>;
  /**
   * Sets a live grant's scopes, if, and only if, they are still `expected`: one conditional
   * UPDATE, so that a concurrent consent's scopes are never overwritten unseen.
   * @returns whether this call updated them.
   */
  abstract updateScopes(
    id: string,
    expected: readonly string[],
    scopes: readonly string[],
    now: Date,
  ): Promise<boolean>;
  /**
   * Revokes the user's live grant and, in the same transaction, everything issued under it:
   * its token families (so its access and refresh tokens) and its unredeemed codes.
   * @returns the ids of the token families it revoked, or null if the user had no such live grant.
   */
  abstract revoke(id: string, userId: string, now: Date): Promise<readonly string[] | null>;
}
