import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendOAuthJsonError } from '../authorization/token/token-error.filter.js';
import { sendBearerError } from '../resource/bearer-error.filter.js';
import { asOAuthError } from './as-oauth-error.js';
import { setRetryAfter } from './retry-after.js';

/** The OAuth back channel, whose errors are RFC 6749 section 5.2 JSON: token, introspection (RFC 7662), revocation (RFC 7009). */
const BACK_CHANNEL_PATHS = ['/oauth/token', '/oauth/introspect', '/oauth/revoke'];

/**
 * Errors no controller's filter answered: a body Fastify could not read (too large, bad
 * JSON, unsupported type), an unknown route, anything unexpected. They are answered in the
 * channel the path belongs to: RFC 6749 section 5.2 JSON on the OAuth back channel, RFC 6750
 * at the API, an HTML page elsewhere; never with internals.
 */
@Catch()
export class FallbackErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(FallbackErrorFilter.name);

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = asOAuthError(exception, this.logger);
    setRetryAfter(reply, error);
    if (request.url.startsWith('/api/') || request.url.startsWith('/oauth/userinfo')) {
      sendBearerError(reply, error);
    } else if (BACK_CHANNEL_PATHS.some((path) => request.url.startsWith(path))) {
      sendOAuthJsonError(reply, error);
    } else {
      await reply.code(error.status).view('error', { error: error.code, description: error.description });
    }
  }
}
