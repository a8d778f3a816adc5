import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { InsufficientScopeError, InvalidTokenError } from '../common/oauth-errors.js';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { AllowClientTokens } from './allow-client-tokens.decorator.js';
import { RequiredScopes } from './required-scopes.decorator.js';

/**
 * Protects an API route (RFC 6750): a valid, unrevoked access token for this API, carrying
 * every scope the route names with @RequiredScopes, and issued for a user unless the route
 * is marked @AllowClientTokens.
 */
@Injectable()
export class BearerGuard extends AuthGuard('bearer') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const token = context.switchToHttp().getRequest<{ user: VerifiedAccessToken }>().user;
    const targets = [context.getHandler(), context.getClass()];
    // A client_credentials token (RFC 6749 section 4.4) speaks for the client alone: no user's data.
    if (token.owner === 'client' && !this.reflector.getAllAndOverride(AllowClientTokens, targets)) {
      throw new InvalidTokenError(
        'This resource needs a token issued for a user, not one a client obtained for itself',
      );
    }
    const required = this.reflector.getAllAndOverride(RequiredScopes, targets) ?? [];
    const missing = required.find((scope) => !token.scopes.includes(scope));
    if (missing) throw new InsufficientScopeError(required.join(' '));
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new InvalidTokenError('The access token is invalid');
    return user;
  }
}
