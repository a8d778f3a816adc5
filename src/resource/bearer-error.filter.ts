import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asOAuthError } from '../common/as-oauth-error.js';
import { InsufficientScopeError, MissingTokenError, type OAuthError } from '../common/oauth-errors.js';

const REALM = 'api';

/**
 * RFC 6750 section 3: an API error as a `WWW-Authenticate: Bearer` challenge with the error
 * code (none when no token was sent at all, section 3.1) and a JSON body.
 */
export function sendBearerError(reply: FastifyReply, error: OAuthError): void {
  const params = [`realm="${REALM}"`];
  if (!(error instanceof MissingTokenError)) {
    params.push(`error="${error.code}"`, `error_description="${error.description.replace(/["\\]/g, '')}"`);
  }
  if (error instanceof InsufficientScopeError) params.push(`scope="${error.requiredScope}"`);
  const body =
    error instanceof MissingTokenError
      ? { error_description: error.description }
      : { error: error.code, error_description: error.description };
  void reply
    .code(error.status)
    .header('www-authenticate', `Bearer ${params.join(', ')}`)
    .send(body);
}

/** The API's errors per RFC 6750. */
@Catch()
export class BearerErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(BearerErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    sendBearerError(host.switchToHttp().getResponse<FastifyReply>(), asOAuthError(exception, this.logger));
  }
}
