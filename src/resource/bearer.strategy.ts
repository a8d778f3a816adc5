import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-strategy';
import type { FastifyRequest } from 'fastify';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { AccessTokenVerifier } from '../tokens/access-token.verifier.js';
import { bearerToken } from './bearer-token.js';

/** What @nestjs/passport hands the strategy: `validate`, called back Passport-style. */
type Verify = (token: string, done: (error: unknown, user?: VerifiedAccessToken) => void) => void;

/** A Passport strategy for RFC 6750 Bearer tokens, read from the Authorization header only (see bearerToken). */
class HeaderBearerStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Pick<FastifyRequest, 'headers'>): void {
    let token: string;
    try {
      token = bearerToken(request.headers.authorization);
    } catch (error) {
      return this.error(error as Error);
    }
    this.verify(token, (error, user) => (error || !user ? this.error(error as Error) : this.success(user)));
  }
}

/** Passport's view of the API's callers: a verified access token, or an RFC 6750 error. */
@Injectable()
export class BearerStrategy extends PassportStrategy(HeaderBearerStrategy, 'bearer') {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super();
  }

  validate(token: string): Promise<VerifiedAccessToken> {
    return this.verifier.verify(token);
  }
}
