import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyReply } from 'fastify';
import { asOAuthError } from '../common/as-oauth-error.js';
import { setRetryAfter } from '../common/retry-after.js';
import { appConfig } from '../config/app.config.js';
import { AuthorizationRedirectError } from './authorize/authorization-redirect.error.js';
import { authorizationResponseUrl } from './authorization-response.js';

/**
 * The browser channel's errors. An error the pipeline tied to a verified redirect_uri goes
 * back to the client (RFC 6749 section 4.1.2.1, with state and RFC 9207 iss); anything
 * else is an error page, so the server never redirects to an unverified URI.
 */
@Catch()
export class AuthorizationErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(AuthorizationErrorFilter.name);

  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof AuthorizationRedirectError) {
      const { error, redirectUri, state } = exception;
      const url = authorizationResponseUrl(redirectUri, this.app.issuer, {
        error: error.code,
        error_description: error.description,
        state,
      });
      await reply.redirect(url, 302);
      return;
    }
    const error = asOAuthError(exception, this.logger);
    setRetryAfter(reply, error);
    await reply.code(error.status).view('error', { error: error.code, description: error.description });
  }
}
