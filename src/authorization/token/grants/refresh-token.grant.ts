import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { securityConfig } from '../../../config/security.config.js';
import type { Client } from '../../../client-registry/client.js';
import { InvalidGrantError, InvalidRequestError, InvalidScopeError } from '../../../common/oauth-errors.js';
import { isSubset, parseScope } from '../../../common/scope.js';
import { RefreshTokenService } from '../../../tokens/refresh-token.service.js';
import type { TokenFamily } from '../../../tokens/token-family.repository.js';
import { TokenFamilyService } from '../../../tokens/token-family.service.js';
import type { TokenGrant, TokenResponse } from '../token-grant.js';
import { TokenIssuer } from '../token-issuer.js';
import type { TokenRequestDto } from '../token-request.dto.js';

/**
 * RFC 6749 section 6 with rotation (RFC 9700 section 4.14.2): every use returns a new
 * refresh token and ends the old one; an ended token used again revokes its whole family,
 * unless the same client retries within the optional grace window.
 */
@Injectable()
export class RefreshTokenGrant implements TokenGrant {
  readonly grantType = 'refresh_token';

  constructor(
    private readonly refreshTokens: RefreshTokenService,
    private readonly families: TokenFamilyService,
    private readonly issuer: TokenIssuer,
    @Inject(securityConfig.KEY)
    private readonly security: Pick<ConfigType<typeof securityConfig>, 'refreshTokenReuseGrace'>,
  ) {}

  async handle(client: Client, request: TokenRequestDto): Promise<TokenResponse> {
    if (!request.refresh_token) throw new InvalidRequestError('refresh_token is required');
    // The common case, a current token refreshed at the granted scope, rotated to its successor
    // in one step. A narrower scope is checked before the token is spent, below; so is every failure.
    if (request.scope === undefined) {
      const rotated = await this.refreshTokens.rotateToSuccessor(request.refresh_token, client.id);
      if (rotated) return this.issuer.issue(client, rotated.family, { refreshToken: rotated.successor });
    }
    const token = await this.refreshTokens.find(request.refresh_token);
    // Section 6: the token MUST have been issued to the authenticated client.
    if (!token || token.clientId !== client.id) throw new InvalidGrantError('The refresh token is invalid');
    const family = await this.families.findLive(token.familyId);
    if (!family) throw new InvalidGrantError('The refresh token has been revoked or has expired');
    if (token.expiresAt <= new Date()) throw new InvalidGrantError('The refresh token has expired');
    // Reuse is detected whatever else the request asks for.
    if (token.rotatedAt && !this.withinGrace(token.rotatedAt)) return this.reused(family);
    // Checked before rotating, so a bad scope does not cost the client its refresh token.
    const scopes = this.narrowedScope(family, request.scope);
    if (!token.rotatedAt && (await this.refreshTokens.rotate(token)))
      return this.issuer.issue(client, family, { scopes });
    // Used again: a retry within the grace window (a lost response, a second tab) gets a fresh
    // pair of the same family; anything else is theft. A lost race was rotated just now.
    if (this.withinGrace(token.rotatedAt ?? new Date())) return this.issuer.issue(client, family, { scopes });
    return this.reused(family);
  }

  /** REFRESH_TOKEN_REUSE_GRACE: 0 (the default) forgives nothing. */
  private withinGrace(rotatedAt: Date): boolean {
    const grace = this.security.refreshTokenReuseGrace;
    return grace > 0 && Date.now() - rotatedAt.getTime() <= grace * 1000;
  }

  /** RFC 9700 section 4.14.2: an ended refresh token presented again revokes its whole family. */
  private async reused(family: TokenFamily): Promise<never> {
    await this.families.revoke(family.id, 'refresh_token_reuse');
    throw new InvalidGrantError('The refresh token has already been used; its grant is now revoked');
  }

  /** Section 6: a requested scope MUST NOT include any scope not originally granted. */
  private narrowedScope(family: TokenFamily, scope: string | undefined): readonly string[] {
    if (scope === undefined) return family.scopes;
    const requested = parseScope(scope);
    if (requested.length === 0 || !isSubset(requested, family.scopes)) {
      throw new InvalidScopeError('The requested scope exceeds the scope originally granted');
    }
    return requested;
  }
}
