import { Injectable } from '@nestjs/common';
import type { Client } from '../../../client-registry/client.js';
import { InvalidGrantError, InvalidRequestError } from '../../../common/oauth-errors.js';
import { RefreshTokenService } from '../../../tokens/refresh-token.service.js';
import { TokenFamilyService } from '../../../tokens/token-family.service.js';
import type { AuthorizationCode } from '../../codes/authorization-code.repository.js';
import { AuthorizationCodeService } from '../../codes/authorization-code.service.js';
import type { TokenGrant, TokenResponse } from '../token-grant.js';
import { receivesRefreshTokens, TokenIssuer } from '../token-issuer.js';
import type { TokenRequestDto } from '../token-request.dto.js';
import { verifierMatchesChallenge } from './pkce.js';

/** RFC 6749 section 4.1.3: exchanging an authorization code for tokens. */
@Injectable()
export class AuthorizationCodeGrant implements TokenGrant {
  readonly grantType = 'authorization_code';

  constructor(
    private readonly codes: AuthorizationCodeService,
    private readonly families: TokenFamilyService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly issuer: TokenIssuer,
  ) {}

  async handle(client: Client, request: TokenRequestDto): Promise<TokenResponse> {
    if (!request.code) throw new InvalidRequestError('code is required');
    const code = await this.codes.find(request.code);
    if (!code || code.clientId !== client.id) throw new InvalidGrantError('The authorization code is invalid');
    if (code.redeemedAt) return this.replayed(code);
    if (code.expiresAt <= new Date()) throw new InvalidGrantError('The authorization code has expired');
    this.assertSameRedirectUri(code, request.redirect_uri);
    this.assertPkce(code, request.code_verifier);

    // Stored with the redemption, never after it, so that a concurrent replay always finds the
    // family to revoke; a redemption that lost the race revokes its own. The first refresh token
    // is stored in the same step (one statement on PostgreSQL), so a code is never spent
    // without it.
    const family = this.families.create({
      grantId: code.grantId,
      clientId: client.id,
      userId: code.userId,
      scopes: code.scopes,
      authTime: code.authTime,
    });
    const refreshToken = receivesRefreshTokens(client) ? this.refreshTokens.mint(family) : null;
    if (!(await this.codes.redeem(code, family, refreshToken?.record ?? null))) {
      await this.families.revoke(family.id, 'code_replay');
      return this.replayed((await this.codes.find(request.code))!);
    }
    return this.issuer.issue(client, family, { nonce: code.nonce, audit: true, refreshToken: refreshToken?.token });
  }

  /** Section 4.1.2: a code used twice is refused, and the tokens issued from it SHOULD be revoked. */
  private async replayed(code: AuthorizationCode): Promise<never> {
    if (code.familyId) await this.families.revoke(code.familyId, 'code_replay');
    throw new InvalidGrantError('The authorization code has already been used');
  }

  /** Section 4.1.3: redirect_uri must be identical to the authorization request's, if that had one. */
  private assertSameRedirectUri(code: AuthorizationCode, redirectUri: string | undefined): void {
    if (redirectUri === undefined && !code.redirectUriSent) return;
    if (redirectUri !== code.redirectUri)
      throw new InvalidGrantError('redirect_uri does not match the authorization request');
  }

  /**
   * RFC 7636 section 4.6; RFC 9700 section 2.1.1: a verifier for a code issued without a
   * challenge MUST be refused (PKCE downgrade).
   */
  private assertPkce(code: AuthorizationCode, verifier: string | undefined): void {
    if (code.codeChallenge === null) {
      if (verifier !== undefined)
        throw new InvalidGrantError('code_verifier was sent but the authorization request had no code_challenge');
      return;
    }
    if (verifier === undefined) throw new InvalidGrantError('code_verifier is required');
    if (!verifierMatchesChallenge(verifier, code.codeChallenge))
      throw new InvalidGrantError('code_verifier does not match the code_challenge');
  }
}
