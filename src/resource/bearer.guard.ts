import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { InsufficientScopeError, InvalidTokenError } from '../common/oauth-errors.js';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { RequiredScopes } from './required-scopes.decorator.js';

/**
 * Protects an API route (RFC 6750): a valid, unrevoked access token for this API, carrying
 * every scope the route names with @RequiredScopes.
 */
@Injectable()
export class BearerGuard extends AuthGuard('bearer') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const token = context.switchToHttp().getRequest<{ user: VerifiedAccessToken }>().user;
    const required = this.reflector.getAllAndOverride(RequiredScopes, [context.getHandler(), context.getClass()]) ?? [];
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
