import { Injectable } from '@nestjs/common';
import { AccountService } from '../../accounts/account.service.js';
import type { Client } from '../../client-registry/client.js';
import { InvalidClientError, InvalidRequestError } from '../../common/oauth-errors.js';
import { formatScope } from '../../common/scope.js';
import { epochSeconds } from '../../common/time.js';
import type { VerifiedAccessToken } from '../../tokens/access-token.js';
import type { RefreshTokenRecord } from '../../tokens/refresh-token.repository.js';
import { TokenFamilyService } from '../../tokens/token-family.service.js';
import { TokenLookup } from '../../tokens/token-lookup.service.js';
import { inactiveToken, type ActiveTokenIntrospection, type TokenIntrospection } from './introspection-response.js';
import type { IntrospectionRequestDto } from './introspection-request.dto.js';

/**
 * RFC 7662: tells an authenticated confidential client whether a token is active and, if it
 * is, what it stands for. Every token that is not active, for whatever reason, gets the same
 * `{ "active": false }` (section 2.2).
 */
@Injectable()
export class IntrospectionService {
  constructor(
    private readonly tokens: TokenLookup,
    private readonly families: TokenFamilyService,
    private readonly accounts: AccountService,
  ) {}

  async introspect(client: Client, request: IntrospectionRequestDto): Promise<TokenIntrospection> {
    // Section 2.1: the endpoint MUST require authorization, against token scanning. A public
    // client's id is no secret, so only confidential clients may ask.
    if (client.type !== 'confidential')
      throw new InvalidClientError('Only a confidential client may introspect tokens');
    if (!request.token) throw new InvalidRequestError('token is required');
    const found = await this.tokens.find(request.token, request.token_type_hint);
    // A client may introspect only tokens issued to itself: section 4 lets the server limit what
    // it tells each caller, and section 2.2 answers active=false for a token the caller is not
    // allowed to introspect, so one client learns nothing of another's tokens.
    if (!found || found.clientId !== client.id) return inactiveToken();
    const active =
      found.kind === 'access_token'
        ? await this.describeAccessToken(found.accessToken)
        : await this.describeRefreshToken(found.refreshToken);
    return active ?? inactiveToken();
  }

  /** The lookup found it, so it is fully verified: signature, `exp`, `iss`, `aud`, not revoked. */
  private async describeAccessToken(token: VerifiedAccessToken): Promise<ActiveTokenIntrospection | null> {
    const user = token.owner === 'user' ? await this.accounts.findById(token.subject) : null;
    if (token.owner === 'user' && !user) return null;
    return {
      active: true,
      scope: formatScope(token.scopes),
      client_id: token.clientId,
      ...(user ? { username: user.username } : {}),
      sub: token.subject,
      exp: epochSeconds(token.expiresAt),
      iat: epochSeconds(token.issuedAt),
      token_type: 'Bearer',
      token_use: 'access_token',
      aud: token.audience,
      iss: token.issuer,
      jti: token.jti,
    };
  }

  /** Active while it is not rotated, not expired, and its family is live. */
  private async describeRefreshToken(token: RefreshTokenRecord): Promise<ActiveTokenIntrospection | null> {
    if (token.rotatedAt !== null || token.expiresAt <= new Date()) return null;
    const family = await this.families.findLive(token.familyId);
    const user = family?.userId ? await this.accounts.findById(family.userId) : null;
    if (!family || !user) return null;
    return {
      active: true,
      scope: formatScope(family.scopes),
      client_id: token.clientId,
      username: user.username,
      sub: user.id,
      exp: epochSeconds(token.expiresAt),
      iat: epochSeconds(token.createdAt),
      token_use: 'refresh_token',
    };
  }
}
