/** What an approved authorization request needs to become a code (RFC 6749 section 4.1.1). */
export interface AuthorizationRequestRecord {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly redirectUriSent: boolean;
  readonly scopes: readonly string[];
  readonly state: string | null;
  readonly codeChallenge: string | null;
  readonly nonce: string | null;
}

/** A validated authorization request waiting for the resource owner. */
export interface PendingAuthorization extends AuthorizationRequestRecord {
  readonly idHash: string;
  /**
   * The user must have entered their password at or after this instant (OpenID Connect
   * Core section 3.1.2.1: `prompt=login` and `max_age`); null when any login will do.
   */
  readonly loginRequiredAfter: Date | null;
  /** `prompt=consent`: ask even for scopes the user already granted. */
  readonly consentRequired: boolean;
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
