import { Injectable } from '@nestjs/common';
import type { Client } from '../../client-registry/client.js';
import { InvalidRequestError, UnauthorizedClientError } from '../../common/oauth-errors.js';
import { RevokedAccessTokenService } from '../../tokens/revoked-access-token.service.js';
import { TokenFamilyService } from '../../tokens/token-family.service.js';
import { TokenLookup } from '../../tokens/token-lookup.service.js';
import type { RevocationRequestDto } from './revocation-request.dto.js';

/**
 * RFC 7009: a client revokes one of its own tokens. A refresh token takes its whole token
 * family with it, every access and refresh token of that authorization (section 2.1); an
 * access token ends alone, its refresh token still usable.
 */
@Injectable()
export class RevocationService {
  constructor(
    private readonly tokens: TokenLookup,
    private readonly families: TokenFamilyService,
    private readonly revokedAccessTokens: RevokedAccessTokenService,
  ) {}

  async revoke(client: Client, request: RevocationRequestDto): Promise<void> {
    if (!request.token) throw new InvalidRequestError('token is required');
    const found = await this.tokens.find(request.token, request.token_type_hint);
    // Section 2.2: an invalid or unknown token is answered like a revoked one; the client
    // could do nothing with an error.
    if (!found) return;
    // Section 2.1: the server verifies that the token was issued to the client making the
    // request; if not, the request is refused.
    if (found.clientId !== client.id) throw new UnauthorizedClientError('The token was not issued to this client');
    if (found.kind === 'refresh_token') await this.families.revoke(found.refreshToken.familyId, 'token_revoked');
    else await this.revokedAccessTokens.revoke(found.accessToken);
  }
}
