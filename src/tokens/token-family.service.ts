import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { secondsFromNow } from '../common/time.js';
import { tokensConfig } from '../config/tokens.config.js';
import { TokenFamilyRepository, type RevocationReason, type TokenFamily } from './token-family.repository.js';

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
  ) {}

  async start(family: NewTokenFamily): Promise<TokenFamily> {
    const now = new Date();
    const started: TokenFamily = {
      ...family,
      id: randomUUID(),
      createdAt: now,
      expiresAt: secondsFromNow(this.config.refreshTokenFamilyTtl, now),
      revokedAt: null,
      revokedReason: null,
    };
    await this.families.insert(started);
    return started;
  }

  /** The family if it is neither revoked nor past its absolute lifetime. */
  async findLive(id: string): Promise<TokenFamily | null> {
    const family = await this.families.findById(id);
    return family && family.revokedAt === null && family.expiresAt > new Date() ? family : null;
  }

  revoke(id: string, reason: RevocationReason): Promise<void> {
    return this.families.revoke(id, reason, new Date());
  }

  revokeByGrant(grantId: string, reason: RevocationReason): Promise<void> {
    return this.families.revokeByGrant(grantId, reason, new Date());
  }
}
