import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { secondsFromNow } from '../common/time.js';
import { SecurityEvents } from '../audit/security-events.service.js';
import type { SecurityEventType } from '../audit/security-event.js';
import { tokensConfig } from '../config/tokens.config.js';
import { TokenFamilyRepository, type RevocationReason, type TokenFamily } from './token-family.repository.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const DETECTIONS: Partial<Record<RevocationReason, SecurityEventType>> = {
  code_replay: 'code_replay_detected',
  refresh_token_reuse: 'refresh_token_reuse_detected',
};

export interface NewTokenFamily {
  grantId: string | null;
  clientId: string;
  userId: string | null;
  scopes: readonly string[];
  authTime: Date | null;
}

/**
 * Token families: every refresh and access token descended from one authorization. A
 * family lives at most REFRESH_TOKEN_FAMILY_TTL, however often it is refreshed.
 */
@Injectable()
export class TokenFamilyService {
  constructor(
    private readonly families: TokenFamilyRepository,
    @Inject(tokensConfig.KEY) private readonly config: ConfigType<typeof tokensConfig>,
    private readonly events: SecurityEvents,
    private readonly verifiedTokens: VerifiedTokenCache,
  ) {}

  /** A new family, not yet stored: it is stored with the redemption of the code that starts it. */
  create(family: NewTokenFamily): TokenFamily {
    const now = new Date();
    return {
      ...family,
      id: randomUUID(),
      createdAt: now,
      expiresAt: secondsFromNow(this.config.refreshTokenFamilyTtl, now),
      revokedAt: null,
      revokedReason: null,
    };
  }

  /** The family if it is neither revoked nor past its absolute lifetime. */
  async findLive(id: string): Promise<TokenFamily | null> {
    const family = await this.families.findById(id);
    return family && family.revokedAt === null && family.expiresAt > new Date() ? family : null;
  }

  /**
   * Revokes the family, its access tokens included at once on this instance (other instances
   * read it within REVOCATION_SYNC_INTERVAL); a replayed code or a reused refresh token is also
   * a security event.
   */
  async revoke(id: string, reason: RevocationReason): Promise<void> {
    await this.families.revoke(id, reason, new Date());
    this.verifiedTokens.revoke('family', id);
    const detected = DETECTIONS[reason];
    if (!detected) return;
    const family = await this.families.findById(id);
    await this.events.record({
      type: detected,
      userId: family?.userId,
      clientId: family?.clientId,
      detail: { familyId: id },
    });
  }
}
