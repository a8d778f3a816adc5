import { Injectable } from '@nestjs/common';
import type { Client } from '../../client-registry/client.js';
import { InvalidRequestError, UnauthorizedClientError, UnsupportedGrantTypeError } from '../../common/oauth-errors.js';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant.js';
import { ClientCredentialsGrant } from './grants/client-credentials.grant.js';
import { RefreshTokenGrant } from './grants/refresh-token.grant.js';
import type { TokenGrant, TokenResponse } from './token-grant.js';
import type { TokenRequestDto } from './token-request.dto.js';

/** Picks the grant for `grant_type` and checks the client may use it (RFC 6749 section 5.2). */
@Injectable()
export class TokenEndpoint {
  private readonly grants: ReadonlyMap<string, TokenGrant>;

  constructor(
    authorizationCode: AuthorizationCodeGrant,
    refreshToken: RefreshTokenGrant,
    clientCredentials: ClientCredentialsGrant,
  ) {
    this.grants = new Map(
      [authorizationCode, refreshToken, clientCredentials].map((grant) => [grant.grantType, grant]),
    );
  }

  handle(client: Client, request: TokenRequestDto): Promise<TokenResponse> {
    if (!request.grant_type) throw new InvalidRequestError('grant_type is required');
    const grant = this.grants.get(request.grant_type);
    if (!grant) throw new UnsupportedGrantTypeError(`grant_type "${request.grant_type}" is not supported`);
    if (!client.grantTypes.includes(grant.grantType)) {
      throw new UnauthorizedClientError(`This client may not use grant_type "${grant.grantType}"`);
    }
    return grant.handle(client, request);
  }
}
