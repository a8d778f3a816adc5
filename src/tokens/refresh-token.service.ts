import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomToken, sha256 } from '../common/crypto.js';
import { secondsFromNow } from '../common/time.js';
import { tokensConfig } from '../config/tokens.config.js';
import { RefreshTokenRepository, type RefreshTokenRecord } from './refresh-token.repository.js';
import type { TokenFamily } from './token-family.repository.js';

/** Opaque refresh tokens: 256 random bits, stored only as their SHA-256 digest. */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    @Inject(tokensConfig.KEY) private readonly config: ConfigType<typeof tokensConfig>,
  ) {}

  /** Issues a refresh token in the family, and stores it. */
  async issue(family: TokenFamily): Promise<string> {
    const { token, record } = this.mint(family);
    await this.tokens.insert(record);
    return token;
  }

  /**
   * A new refresh token of the family, not yet stored: for a caller that stores it with other
   * changes in one step (a code's redemption). It never outlives the family.
   */
  mint(family: TokenFamily, now = new Date()): { token: string; record: RefreshTokenRecord } {
    const token = randomToken(32);
    const ownExpiry = secondsFromNow(this.config.refreshTokenTtl, now);
    const record = {
      tokenHash: sha256(token),
      familyId: family.id,
      clientId: family.clientId,
      createdAt: now,
      expiresAt: ownExpiry < family.expiresAt ? ownExpiry : family.expiresAt,
      rotatedAt: null,
    };
    return { token, record };
  }

  find(token: string): Promise<RefreshTokenRecord | null> {
    return this.tokens.findByHash(sha256(token));
  }

  /**
   * Rotates a current token (issued to `clientId`, unused, unexpired, of a live family) and
   * issues its successor in the same family, in one step of the repository's.
   * @returns the family and the successor; null if the token was not current, which `find` then tells.
   */
  async rotateToSuccessor(token: string, clientId: string): Promise<{ family: TokenFamily; successor: string } | null> {
    const successor = randomToken(32);
    const now = new Date();
    const family = await this.tokens.rotateToSuccessor(
      sha256(token),
      clientId,
      { tokenHash: sha256(successor), expiresAt: secondsFromNow(this.config.refreshTokenTtl, now) },
      now,
    );
    return family ? { family, successor } : null;
  }

  /** @returns true for the one caller that rotated the token; false if it was already used. */
  rotate(record: RefreshTokenRecord): Promise<boolean> {
    return this.tokens.markRotated(record.tokenHash, new Date());
  }
}
