import { Injectable } from '@nestjs/common';
import { AccountService } from '../../accounts/account.service.js';
import { SecurityEvents } from '../../audit/security-events.service.js';
import type { Client } from '../../client-registry/client.js';
import { InvalidGrantError } from '../../common/oauth-errors.js';
import { formatScope } from '../../common/scope.js';
import { IdTokenSigner } from '../../oidc/id-token.signer.js';
import { AccessTokenSigner } from '../../tokens/access-token.signer.js';
import { RefreshTokenService } from '../../tokens/refresh-token.service.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import type { TokenResponse } from './token-grant.js';

export interface IssueOptions {
  /** The access token's scope: the family's, or a narrower one asked at refresh. */
  scopes?: readonly string[];
  /** The authorization request's nonce, for the first ID token of a family only. */
  nonce?: string | null;
  /**
   * The family's next refresh token, already stored (by the rotation or the code's redemption
   * that issued it): none is issued here.
   */
  refreshToken?: string;
  /**
   * Records `tokens_issued` in the audit trail: for the tokens that start a family (a client
   * newly holding a user's authorization), not for each routine rotation of it.
   */
  audit?: boolean;
}

/** Only a client registered for the refresh_token grant gets refresh tokens: no other could ever use one. */
export function receivesRefreshTokens(client: Client): boolean {
  return client.grantTypes.includes('refresh_token');
}

/**
 * Issues what a user's grant answers with: an access token, the family's next refresh token
 * and, for `openid`, an ID token (OpenID Connect Core section 3.1.3.3).
 */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly accessTokens: AccessTokenSigner,
    private readonly refreshTokens: RefreshTokenService,
    private readonly idTokens: IdTokenSigner,
    private readonly accounts: AccountService,
    private readonly events: SecurityEvents,
  ) {}

  /** @param client the client the tokens are for (see receivesRefreshTokens). */
  async issue(client: Client, family: TokenFamily, options: IssueOptions = {}): Promise<TokenResponse> {
    const scopes = options.scopes ?? family.scopes;
    const withRefreshToken = receivesRefreshTokens(client);
    // Signing and the writes overlap: on PostgreSQL each write is a round trip of its own.
    const [access, refreshToken] = await Promise.all([
      this.accessTokens.sign({
        subject: family.userId!,
        clientId: family.clientId,
        scopes,
        family,
        authTime: family.authTime,
      }),
      options.refreshToken ?? (withRefreshToken ? this.refreshTokens.issue(family) : undefined),
      options.audit
        ? this.events.record({
            type: 'tokens_issued',
            userId: family.userId,
            clientId: family.clientId,
            detail: { familyId: family.id, scopes: [...scopes], refreshToken: withRefreshToken ? 'issued' : 'none' },
          })
        : undefined,
    ]);
    const idToken = scopes.includes('openid')
      ? await this.idToken(family, scopes, access.token, options.nonce)
      : undefined;
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: formatScope(scopes),
      ...(idToken ? { id_token: idToken } : {}),
    };
  }

  private async idToken(family: TokenFamily, scopes: readonly string[], accessToken: string, nonce?: string | null) {
    const user = family.userId ? await this.accounts.findById(family.userId) : null;
    if (!user) throw new InvalidGrantError('The user of this grant no longer exists');
    return this.idTokens.sign({
      user,
      clientId: family.clientId,
      scopes,
      authTime: family.authTime ?? family.createdAt,
      nonce,
      accessToken,
    });
  }
}
