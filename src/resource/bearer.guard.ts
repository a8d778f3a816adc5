import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { InsufficientScopeError, InvalidTokenError } from '../common/oauth-errors.js';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { AccessTokenVerifier } from '../tokens/access-token.verifier.js';
import { AllowClientTokens } from './allow-client-tokens.decorator.js';
import { bearerToken } from './bearer-token.js';
import { RequiredScopes } from './required-scopes.decorator.js';

type ApiRequest = FastifyRequest & { user?: VerifiedAccessToken };

/**
 * Protects an API route (RFC 6750): a valid, unrevoked access token for this API, carrying
 * every scope the route names with @RequiredScopes, and issued for a user unless the route
 * is marked @AllowClientTokens. The verified token is the request's `user` (@AccessToken).
 *
 * A token is authenticated by the Passport strategy (BearerStrategy) the first time this
 * instance sees it; later uses within its lifetime are answered from the verifier's cache
 * without Passport, whose per-request machinery cost a quarter of the API's throughput
 * (docs/benchmarks.md). Either way the same checks hold: the cache forgets revoked tokens.
 */
@Injectable()
export class BearerGuard extends AuthGuard('bearer') {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const remembered = this.verifier.remembered(bearerToken(request.headers.authorization));
    if (remembered) request.user = remembered;
    else await super.canActivate(context);
    this.authorize(request.user!, context);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new InvalidTokenError('The access token is invalid');
    return user;
  }

  private authorize(token: VerifiedAccessToken, context: ExecutionContext): void {
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
  }
}
