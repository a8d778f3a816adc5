/** A validated authorization request waiting for the resource owner. */
export interface PendingAuthorization {
  readonly idHash: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly scopes: readonly string[];
  readonly state: string | null;
  readonly codeChallenge: string | null;
  readonly nonce: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** Storage port for pending authorizations, shared by every instance. */
export abstract class PendingAuthorizationRepository {
  abstract insert(pending: PendingAuthorization): Promise<void>;
  abstract findLive(idHash: string, now: Date): Promise<PendingAuthorization | null>;
  /** Deletes the row; true for the one caller that deleted it, so each is answered once. */
  abstract delete(idHash: string): Promise<boolean>;
}
