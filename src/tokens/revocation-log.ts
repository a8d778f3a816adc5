/** Revocations any process wrote from an instant on: what RevocationSync applies to the cache. */
export interface RevocationChanges {
  /** Ids of token families revoked. */
  readonly families: readonly string[];
  /** `jti`s of access tokens revoked one by one. */
  readonly accessTokens: readonly string[];
  /** Ids of clients deleted (their families went with them, leaving no row to read). */
  readonly clients: readonly string[];
}

/** Storage port: revocations as every instance and the CLI write them, read back by instant. */
export abstract class RevocationLog {
  /** Every family revoked, access token denied and client deleted at or after `since`. */
  abstract changesSince(since: Date): Promise<RevocationChanges>;
  /**
   * Whether the client was deleted at or after `instant`: a client's own token (which has no
   * family to vanish) issued before its client's deletion is void.
   */
  abstract clientDeletedSince(clientId: string, instant: Date): Promise<boolean>;
}
