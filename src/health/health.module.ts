import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { operationsConfig } from '../config/operations.config.js';
import { HealthController } from './health.controller.js';

/**
 * /health/live and /health/ready. On SIGTERM terminus turns readiness to 503 first, then waits
 * SHUTDOWN_DRAIN_DELAY before the server stops listening, so load balancers drain the instance.
 */
@Module({
  imports: [
    TerminusModule.forRootAsync({
      inject: [operationsConfig.KEY],
      useFactory: (config: ConfigType<typeof operationsConfig>) => ({
        errorLogStyle: 'json',
        gracefulShutdownTimeoutMs: config.shutdownDrainDelay * 1000,
      }),
    }),
  ],
  controllers: [HealthController],
})
export class HealthModule {}
