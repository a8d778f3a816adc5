import { HttpException, type Logger } from '@nestjs/common';
import { loggableError } from './loggable-error.js';
import { InvalidRequestError, NotFoundError, OAuthError, ServerError } from './oauth-errors.js';

/**
 * Any exception as the OAuth error a client may see. A mistake of the request keeps its
 * status and message (Nest's HttpExceptions, Fastify's body errors such as 413); anything
 * else is logged without its message (see loggableError) and becomes `server_error`, with no
 * internals in the response.
 */
export function asOAuthError(exception: unknown, logger: Logger): OAuthError {
  if (exception instanceof OAuthError) return exception;
  const status =
    exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return new NotFoundError('There is nothing at this address');
    return new InvalidRequestError(describe(exception), status);
  }
  logger.error(loggableError(exception));
  return new ServerError('The server could not answer this request');
}

function describe(exception: unknown): string {
  if (exception instanceof HttpException) return exception.message;
  const code = (exception as { code?: unknown }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The request body is too large';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'The request body has an unsupported content type';
  return 'The request body could not be read';
}
