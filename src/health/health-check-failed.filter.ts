import { ArgumentsHost, Catch, ExceptionFilter, ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';

/** Each indicator's status alone: a driver's message may name internal hosts. */
function statuses(results: Partial<HealthIndicatorResult> | undefined): Record<string, { status?: string }> {
  return Object.fromEntries(Object.entries(results ?? {}).map(([key, result]) => [key, { status: result?.status }]));
}

/**
 * A failed or shutting-down health check (terminus throws 503 with its result) answered as
 * JSON with the status of each indicator; the details went to the log.
 */
@Catch(ServiceUnavailableException)
export class HealthCheckFailedFilter implements ExceptionFilter {
  catch(exception: ServiceUnavailableException, host: ArgumentsHost): void {
    const result = exception.getResponse() as HealthCheckResult;
    const body = {
      status: result.status,
      info: statuses(result.info),
      error: statuses(result.error),
      details: statuses(result.details),
    };
    void host.switchToHttp().getResponse<FastifyReply>().code(503).send(body);
  }
}
