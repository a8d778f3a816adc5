import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-strategy';
import type { FastifyRequest } from 'fastify';
import { InvalidRequestError, InvalidTokenError, MissingTokenError } from '../common/oauth-errors.js';
import type { VerifiedAccessToken } from '../tokens/access-token.js';
import { AccessTokenVerifier } from '../tokens/access-token.verifier.js';

type Verify = (token: string, done: (error: unknown, user?: VerifiedAccessToken | false) => void) => void;

/** RFC 6750 section 2.1: `b64token` syntax of the Authorization header's credentials. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/**
 * A Passport strategy reading the token from the Authorization header only (RFC 6750
 * section 2.1). Tokens in a query string or form body are not accepted: they leak into
 * logs and referrers (RFC 9700 section 4.3.2).
 */
class HeaderBearerStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: Pick<FastifyRequest, 'headers'>): void {
    const header = request.headers.authorization;
    if (header === undefined) return this.error(new MissingTokenError());
    if (!/^Bearer /i.test(header)) return this.error(new MissingTokenError());
    const match = BEARER.exec(header.replace(/^bearer /i, 'Bearer '));
    if (!match) return this.error(new InvalidRequestError('The Authorization header is not a valid Bearer credential'));
    this.verify(match[1]!, (error, user) =>
      error
        ? this.error(error as Error)
        : user
          ? this.success(user)
          : this.error(new InvalidTokenError('The access token is invalid')),
    );
  }
}

/** Passport's view of the API's callers: a verified access token or an RFC 6750 error. */
@Injectable()
export class BearerStrategy extends PassportStrategy(HeaderBearerStrategy, 'bearer') {
  constructor(private readonly verifier: AccessTokenVerifier) {
    super();
  }

  validate(token: string): Promise<VerifiedAccessToken> {
    return this.verifier.verify(token);
  }
}
