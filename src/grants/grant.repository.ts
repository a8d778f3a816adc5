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
  abstract insert(grant: Grant): Promise<void>;
  abstract updateScopes(id: string, scopes: readonly string[], now: Date): Promise<void>;
}
