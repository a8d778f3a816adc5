import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { validateEnvironment } from './validate-environment.js';

const DAY = 24 * 60 * 60;

class RetentionEnvironment {
  @IsOptional()
  @IsInt({ message: 'PURGE_INTERVAL must be a whole number of seconds' })
  @Min(0, { message: 'PURGE_INTERVAL must be between 0 (off) and 86400 seconds' })
  @Max(DAY, { message: 'PURGE_INTERVAL must be between 0 (off) and 86400 seconds' })
  PURGE_INTERVAL?: number;

  @IsOptional()
  @IsInt({ message: 'AUDIT_RETENTION_DAYS must be a whole number of days' })
  @Min(1, { message: 'AUDIT_RETENTION_DAYS must be at least 1' })
  AUDIT_RETENTION_DAYS?: number;
}

/** How long data that has served its purpose is kept, and how often it is purged. */
export const retentionConfig = registerAs('retention', () => {
  const env = validateEnvironment(RetentionEnvironment);
  return {
    /** Seconds between two purges by each instance; 0: no scheduled purge (`db:purge` only). */
    purgeInterval: env.PURGE_INTERVAL ?? 600,
    /** Days a security event stays in the audit trail. */
    auditRetentionDays: env.AUDIT_RETENTION_DAYS ?? 90,
  };
});
