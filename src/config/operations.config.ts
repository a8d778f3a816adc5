import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { validateEnvironment } from './validate-environment.js';

/** pino's level names, most severe first; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

class OperationsEnvironment {
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @IsInt({ message: 'SHUTDOWN_DRAIN_DELAY must be a whole number of seconds' })
  @Min(0, { message: 'SHUTDOWN_DRAIN_DELAY must be between 0 and 300 seconds' })
  @Max(300, { message: 'SHUTDOWN_DRAIN_DELAY must be between 0 and 300 seconds' })
  SHUTDOWN_DRAIN_DELAY?: number;
}

/** How the process reports on itself and how it stops. */
export const operationsConfig = registerAs('operations', () => {
  const env = validateEnvironment(OperationsEnvironment);
  return {
    logLevel: env.LOG_LEVEL ?? 'info',
    /**
     * Seconds between SIGTERM and closing the listener, while /health/ready already answers 503,
     * so that a load balancer stops sending new requests before connections are refused.
     */
    shutdownDrainDelay: env.SHUTDOWN_DRAIN_DELAY ?? 0,
  };
});
