import { Injectable } from '@nestjs/common';
import { InvalidTokenError } from '../common/oauth-errors.js';
import type { VerifiedAccessToken } from './access-token.js';
import { AccessTokenVerifier } from './access-token.verifier.js';
import type { RefreshTokenRecord } from './refresh-token.repository.js';
import { RefreshTokenService } from './refresh-token.service.js';

/** The kinds of token this server issues, named as in the "OAuth Token Type Hints" registry (RFC 7009 section 4.1.2). */
export type TokenKind = 'access_token' | 'refresh_token';

/** A token this server issued, found by its value, with the client it was issued to. */
export type IssuedToken =
  | { readonly kind: 'access_token'; readonly clientId: string; readonly accessToken: VerifiedAccessToken }
  | { readonly kind: 'refresh_token'; readonly clientId: string; readonly refreshToken: RefreshTokenRecord };

/**
 * Finds a token by its value for introspection (RFC 7662) and revocation (RFC 7009). An access
 * token is found only if it is fully valid (signature, `exp`, `iss`, `aud`, not revoked): an
 * invalid one is nobody's token. A refresh token is found by its hash whatever its state; the
 * caller decides what a rotated or expired one means.
 */
@Injectable()
export class TokenLookup {
  constructor(
    private readonly accessTokens: AccessTokenVerifier,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  /**
   * @param hint `token_type_hint`: that kind is searched first. RFC 7662 section 2.1 and RFC 7009
   *   section 2.1: a server that cannot find the token under the hint MUST search the other
   *   types, and an unknown hint is ignored.
   */
  async find(token: string, hint?: string): Promise<IssuedToken | null> {
    const order: TokenKind[] =
      hint === 'refresh_token' ? ['refresh_token', 'access_token'] : ['access_token', 'refresh_token'];
    for (const kind of order) {
      const found = kind === 'access_token' ? await this.findAccessToken(token) : await this.findRefreshToken(token);
      if (found) return found;
    }
    return null;
  }

  private async findAccessToken(token: string): Promise<IssuedToken | null> {
    try {
      const accessToken = await this.accessTokens.verify(token);
      return { kind: 'access_token', clientId: accessToken.clientId, accessToken };
    } catch (error) {
      if (error instanceof InvalidTokenError) return null;
      throw error;
    }
  }

  private async findRefreshToken(token: string): Promise<IssuedToken | null> {
    const refreshToken = await this.refreshTokens.find(token);
    return refreshToken && { kind: 'refresh_token', clientId: refreshToken.clientId, refreshToken };
  }
}
