import { Controller, Get, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { InvalidTokenError } from '../common/oauth-errors.js';
import { NoStore } from '../common/no-store.decorator.js';
import { claimsForScopes, type UserClaims } from '../oidc/claims.js';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { AccessToken } from './access-token.decorator.js';
import { BearerErrorFilter } from './bearer-error.filter.js';
import { BearerGuard } from './bearer.guard.js';
import { RequiredScopes } from './required-scopes.decorator.js';

/**
 * OpenID Connect Core section 5.3: the UserInfo endpoint, an OAuth 2.0 protected resource.
 * It answers for the token's user with `sub` and the claims its scopes release (5.4); the
 * token must carry `openid`, and a client's own token has no user to describe.
 */
@Controller('oauth/userinfo')
@UseFilters(BearerErrorFilter)
@UseGuards(BearerGuard)
@RequiredScopes(['openid'])
export class UserinfoController {
  constructor(private readonly accounts: AccountService) {}

  /** Section 5.3.1: the endpoint MUST support GET and POST. */
  @Get()
  @NoStore()
  get(@AccessToken() token: VerifiedAccessToken): Promise<{ sub: string } & UserClaims> {
    return this.userinfo(token);
  }

  @Post()
  @HttpCode(200)
  @NoStore()
  post(@AccessToken() token: VerifiedAccessToken): Promise<{ sub: string } & UserClaims> {
    return this.userinfo(token);
  }

  private async userinfo(token: VerifiedAccessToken): Promise<{ sub: string } & UserClaims> {
    const user = await this.accounts.findById(token.subject);
    if (!user) throw new InvalidTokenError('The user of this token no longer exists');
    return { sub: user.id, ...claimsForScopes(user, token.scopes) };
  }
}
