import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  InsufficientScopeError,
  InvalidRequestError,
  MissingTokenError,
  OAuthError,
  ServerError,
} from '../common/oauth-errors.js';

const REALM = 'api';

/**
 * The API's errors per RFC 6750 section 3: a `WWW-Authenticate: Bearer` challenge with the
 * error code (none when no token was sent at all, section 3.1) and a JSON body.
 */
@Catch()
export class BearerErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(BearerErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException && !(exception instanceof OAuthError) && exception.getStatus() === 404) {
      void reply.code(404).send({ error: 'not_found', error_description: exception.message });
      return;
    }
    const error = this.toOAuthError(exception);
    reply.header('www-authenticate', challenge(error));
    if (error instanceof MissingTokenError) {
      void reply.code(401).send({ error_description: error.description });
      return;
    }
    void reply.code(error.status).send({ error: error.code, error_description: error.description });
  }

  private toOAuthError(exception: unknown): OAuthError {
    if (exception instanceof OAuthError) return exception;
    if (exception instanceof HttpException && exception.getStatus() < 500)
      return new InvalidRequestError(exception.message);
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return new ServerError('The server could not answer this request');
  }
}

function challenge(error: OAuthError): string {
  const params = [`realm="${REALM}"`];
  if (!(error instanceof MissingTokenError)) {
    params.push(`error="${error.code}"`, `error_description="${error.description.replace(/["\\]/g, '')}"`);
  }
  if (error instanceof InsufficientScopeError) params.push(`scope="${error.requiredScope}"`);
  return `Bearer ${params.join(', ')}`;
}
