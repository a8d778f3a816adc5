import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { InvalidClientError, InvalidRequestError, OAuthError, ServerError } from '../../common/oauth-errors.js';

/**
 * The token endpoint's errors as RFC 6749 section 5.2 JSON, never cached. invalid_client
 * is 401 with `WWW-Authenticate: Basic`: the section requires it after HTTP Basic, and RFC 9110
 * section 15.5.2 of every 401.
 */
@Catch()
export class TokenErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(TokenErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toOAuthError(exception);
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    if (error instanceof InvalidClientError) {
      reply.header('www-authenticate', 'Basic realm="token", charset="UTF-8"');
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
