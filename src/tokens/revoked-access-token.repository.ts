/** Storage port for access tokens revoked one by one (RFC 7009), by `jti`. */
export abstract class RevokedAccessTokenRepository {
  abstract insert(jti: string, expiresAt: Date, now: Date): Promise<void>;
  abstract exists(jti: string): Promise<boolean>;
}
