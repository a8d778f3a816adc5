import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asOAuthError } from '../../common/as-oauth-error.js';
import { setRetryAfter } from '../../common/retry-after.js';
import { InvalidClientError, type OAuthError } from '../../common/oauth-errors.js';

/** RFC 6749 section 5.2: an error of the OAuth back channel as JSON, never cached. */
export function sendOAuthJsonError(reply: FastifyReply, error: OAuthError): void {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  setRetryAfter(reply, error);
  // Section 5.2 requires the challenge after HTTP Basic, and RFC 9110 section 15.5.2 of every 401.
  if (error instanceof InvalidClientError) reply.header('www-authenticate', 'Basic realm="token", charset="UTF-8"');
  void reply.code(error.status).send({ error: error.code, error_description: error.description });
}

/** The token endpoint's errors as RFC 6749 section 5.2 JSON. */
@Catch()
export class TokenErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(TokenErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    sendOAuthJsonError(host.switchToHttp().getResponse<FastifyReply>(), asOAuthError(exception, this.logger));
  }
}
