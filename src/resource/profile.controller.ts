import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { InvalidTokenError } from '../common/oauth-errors.js';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { BearerErrorFilter } from './bearer-error.filter.js';
import { BearerGuard } from './bearer.guard.js';
import { AccessToken } from './access-token.decorator.js';
import { RequiredScopes } from './required-scopes.decorator.js';

export interface Profile {
  sub: string;
  username: string;
  name: string | null;
  email: string | null;
}

/** The demo API's view of the token's owner. */
@Controller('api')
@UseFilters(BearerErrorFilter)
@UseGuards(BearerGuard)
export class ProfileController {
  constructor(private readonly accounts: AccountService) {}

  @Get('profile')
  @RequiredScopes(['profile'])
  async profile(@AccessToken() token: VerifiedAccessToken): Promise<Profile> {
    const user = await this.accounts.findById(token.subject);
    if (!user) throw new InvalidTokenError('The token owner no longer exists');
    return { sub: user.id, username: user.username, name: user.name, email: user.email };
  }
}
