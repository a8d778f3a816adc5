import { Controller, Get, UseFilters } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { HealthCheckFailedFilter } from './health-check-failed.filter.js';

/** How long the database has to answer `SELECT 1` before the instance counts as not ready. */
const DATABASE_TIMEOUT_MS = 1000;

/**
 * Probes for an orchestrator or load balancer: open to anyone, never rate limited, never
 * cached (the global no-store applies).
 */
@Controller('health')
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /**
   * Liveness: the process answers. Nothing else is checked, and it stays 200 during shutdown,
   * so that a database outage or a drain never gets the instance restarted.
   */
  @Get('live')
  live(): HealthCheckResult {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  /** Readiness: the database answers; 503 when it does not, and from the moment shutdown begins. */
  @Get('ready')
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database').withTimeout(DATABASE_TIMEOUT_MS)]);
  }
}
