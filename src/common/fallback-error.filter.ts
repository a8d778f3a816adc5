import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError } from './oauth-errors.js';

interface Problem {
  status: number;
  error: string;
  description: string;
}

/**
 * Errors no controller's filter answered: a body Fastify could not read (too large, bad
 * JSON, unsupported type), an unknown route, anything unexpected. They are still answered in
 * the channel's own format: RFC 6749 section 5.2 JSON on the OAuth back channel, an RFC 6750
 * challenge at the API, an HTML page elsewhere; never with internals.
 */
@Catch()
export class FallbackErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(FallbackErrorFilter.name);

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.problem(exception);
    const body = { error: problem.error, error_description: problem.description };
    reply.code(problem.status).header('cache-control', 'no-store');
    if (request.url.startsWith('/api/')) {
      const challenge = `Bearer realm="api", error="${problem.error}", error_description="${problem.description}"`;
      await reply.header('www-authenticate', challenge).send(body);
    } else if (request.url.startsWith('/oauth/token')) {
      await reply.header('pragma', 'no-cache').send(body);
    } else {
      await reply.view('error', problem);
    }
  }

  private problem(exception: unknown): Problem {
    if (exception instanceof OAuthError) {
      return { status: exception.status, error: exception.code, description: exception.description };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      return { status, error: status === 404 ? 'not_found' : 'invalid_request', description: exception.message };
    }
    const status = (exception as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { status, error: 'invalid_request', description: bodyProblem((exception as { code?: string }).code) };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, error: 'server_error', description: 'The server could not answer this request' };
  }
}

function bodyProblem(code: string | undefined): string {
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The request body is too large';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'The request body has an unsupported content type';
  return 'The request body could not be read';
}
