import { Injectable } from '@nestjs/common';
import type { Client } from '../../../client-registry/client.js';
import { InvalidScopeError, UnauthorizedClientError } from '../../../common/oauth-errors.js';
import { formatScope, isSubset, parseScope } from '../../../common/scope.js';
import { AccessTokenSigner } from '../../../tokens/access-token.signer.js';
import type { TokenGrant, TokenResponse } from '../token-grant.js';
import type { TokenRequestDto } from '../token-request.dto.js';

/** OpenID Connect asks for a user's identity; a token the client gets for itself has no user. */
const USER_ONLY_SCOPES: readonly string[] = ['openid'];

/**
 * RFC 6749 section 4.4: a confidential client obtains an access token for itself, on its own
 * credentials. The token's `sub` is the client_id (RFC 9068 section 2.2) and it belongs to no
 * token family: no user stands behind it, so the API serves it only on routes that allow
 * client tokens, and no refresh token comes with it (section 4.4.3).
 */
@Injectable()
export class ClientCredentialsGrant implements TokenGrant {
  readonly grantType = 'client_credentials';

  constructor(private readonly accessTokens: AccessTokenSigner) {}

  async handle(client: Client, request: TokenRequestDto): Promise<TokenResponse> {
    // Section 4.4: the client credentials grant type MUST only be used by confidential clients.
    if (client.type !== 'confidential') {
      throw new UnauthorizedClientError('Only a confidential client may use grant_type "client_credentials"');
    }
    const scopes = grantedScope(client, request.scope);
    // Not an audit event: a machine client fetching its token is routine, and may do so thousands
    // of times a second. What is audited is its throttling (ClientThrottle).
    const access = await this.accessTokens.sign({ subject: client.id, clientId: client.id, scopes });
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      scope: formatScope(scopes),
    };
  }
}

/**
 * Section 3.3: the requested scope must be among the client's registered scopes; without one,
 * the server uses its documented default, every registered scope a client token can carry.
 */
function grantedScope(client: Client, scope: string | undefined): readonly string[] {
  const allowed = client.scopes.filter((registered) => !USER_ONLY_SCOPES.includes(registered));
  const requested = scope === undefined ? allowed : parseScope(scope);
  if (requested.length === 0) throw new InvalidScopeError('No scope this client may have without a user was requested');
  if (!isSubset(requested, allowed)) {
    throw new InvalidScopeError('The requested scope is not registered for this client, or needs a user');
  }
  return requested;
}
