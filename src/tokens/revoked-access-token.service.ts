import { Injectable } from '@nestjs/common';
import type { VerifiedAccessToken } from './access-token.js';
import { RevokedAccessTokenRepository } from './revoked-access-token.repository.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/**
 * Access tokens revoked one by one (RFC 7009 section 2.1). A JWT cannot be recalled, so its
 * `jti` is listed until the token would have expired anyway; AccessTokenVerifier checks the list.
 */
@Injectable()
export class RevokedAccessTokenService {
  constructor(
    private readonly revoked: RevokedAccessTokenRepository,
    private readonly verifiedTokens: VerifiedTokenCache,
  ) {}

  /** Ends the token at once (on other instances within REVOCATION_SYNC_INTERVAL); revoking it again changes nothing. */
  async revoke(token: VerifiedAccessToken): Promise<void> {
    await this.revoked.insert(token.jti, token.expiresAt, new Date());
    this.verifiedTokens.revoke('jti', token.jti);
  }
}
