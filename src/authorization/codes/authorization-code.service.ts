import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomToken, sha256 } from '../../common/crypto.js';
import { secondsFromNow } from '../../common/time.js';
import { tokensConfig } from '../../config/tokens.config.js';
import type { RefreshTokenRecord } from '../../tokens/refresh-token.repository.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import type { AuthorizationRequestRecord } from '../interaction/pending-authorization.repository.js';
import { AuthorizationCodeRepository, type AuthorizationCode } from './authorization-code.repository.js';

/**
 * Authorization codes (RFC 6749 section 4.1.2): 256 random bits, stored only as a hash,
 * short-lived (AUTHORIZATION_CODE_TTL, 60 s by default) and redeemable once.
 */
@Injectable()
export class AuthorizationCodeService {
  constructor(
    private readonly codes: AuthorizationCodeRepository,
    @Inject(tokensConfig.KEY) private readonly config: ConfigType<typeof tokensConfig>,
  ) {}

  /** Issues the code answering an approved authorization request. */
  async issue(request: AuthorizationRequestRecord, userId: string, grantId: string, authTime: Date): Promise<string> {
    const code = randomToken(32);
    await this.codes.insert({
      codeHash: sha256(code),
      clientId: request.clientId,
      userId,
      grantId,
      redirectUri: request.redirectUri,
      redirectUriSent: request.redirectUriSent,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      authTime,
      expiresAt: secondsFromNow(this.config.authorizationCodeTtl),
      redeemedAt: null,
      familyId: null,
    });
    return code;
  }

  find(code: string): Promise<AuthorizationCode | null> {
    return this.codes.findByHash(sha256(code));
  }

  /**
   * Stores `family` and redeems the code into it, if no other call did first, with the family's
   * first refresh token if it has one (see the repository).
   */
  redeem(code: AuthorizationCode, family: TokenFamily, firstRefreshToken: RefreshTokenRecord | null): Promise<boolean> {
    return this.codes.redeem(code.codeHash, family, firstRefreshToken, new Date());
  }
}
