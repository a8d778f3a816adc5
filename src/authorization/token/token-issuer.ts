import { Injectable } from '@nestjs/common';
import type { Client } from '../../client-registry/client.js';
import { formatScope } from '../../common/scope.js';
import { AccessTokenSigner } from '../../tokens/access-token.signer.js';
import { RefreshTokenService } from '../../tokens/refresh-token.service.js';
import type { TokenFamily } from '../../tokens/token-family.repository.js';
import type { TokenResponse } from './token-grant.js';

/** Issues the pair a grant answers with: an access token and the family's next refresh token. */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly accessTokens: AccessTokenSigner,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  /**
   * @param client the client the tokens are for; only a client registered for the
   *   refresh_token grant gets a refresh token, since no other could ever use one.
   * @param scopes the access token's scope: the family's, or a narrower one asked at refresh.
   */
  async issue(client: Client, family: TokenFamily, scopes: readonly string[] = family.scopes): Promise<TokenResponse> {
    const withRefreshToken = client.grantTypes.includes('refresh_token');
    const [access, refreshToken] = await Promise.all([
      this.accessTokens.sign({
        subject: family.userId!,
        clientId: family.clientId,
        scopes,
        familyId: family.id,
        authTime: family.authTime,
      }),
      withRefreshToken ? this.refreshTokens.issue(family) : undefined,
    ]);
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: formatScope(scopes),
    };
  }
}
