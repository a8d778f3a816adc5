import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { booleanVariable, validateEnvironment } from './validate-environment.js';

class SecurityEnvironment {
  @IsOptional()
  @IsInt({ message: 'LOGIN_MAX_FAILURES_PER_ACCOUNT must be a whole number' })
  @Min(1, { message: 'LOGIN_MAX_FAILURES_PER_ACCOUNT must be at least 1' })
  LOGIN_MAX_FAILURES_PER_ACCOUNT?: number;

  @IsOptional()
  @IsInt({ message: 'LOGIN_MAX_FAILURES_PER_IP must be a whole number' })
  @Min(1, { message: 'LOGIN_MAX_FAILURES_PER_IP must be at least 1' })
  LOGIN_MAX_FAILURES_PER_IP?: number;

  @IsOptional()
  @IsInt({ message: 'LOGIN_THROTTLE_WINDOW must be a whole number of seconds' })
  @Min(10, { message: 'LOGIN_THROTTLE_WINDOW must be between 10 and 86400 seconds' })
  @Max(86400, { message: 'LOGIN_THROTTLE_WINDOW must be between 10 and 86400 seconds' })
  LOGIN_THROTTLE_WINDOW?: number;

  @IsOptional()
  @IsInt({ message: 'CLIENT_REQUESTS_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'CLIENT_REQUESTS_PER_MINUTE must be at least 1' })
  CLIENT_REQUESTS_PER_MINUTE?: number;

  @IsOptional()
  @IsInt({ message: 'REFRESH_TOKEN_REUSE_GRACE must be a whole number of seconds' })
  @Min(0, { message: 'REFRESH_TOKEN_REUSE_GRACE must be between 0 and 300 seconds' })
  @Max(300, { message: 'REFRESH_TOKEN_REUSE_GRACE must be between 0 and 300 seconds' })
  REFRESH_TOKEN_REUSE_GRACE?: number;

  @IsOptional()
  @Transform(booleanVariable)
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY?: boolean;
}

/** Defences against brute force and the tolerance real clients need (RFC 9700 sections 4.14, 4.16). */
export const securityConfig = registerAs('security', () => {
  const env = validateEnvironment(SecurityEnvironment);
  return {
    loginMaxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5,
    loginMaxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP ?? 50,
    loginThrottleWindow: env.LOGIN_THROTTLE_WINDOW ?? 15 * 60,
    clientRequestsPerMinute: env.CLIENT_REQUESTS_PER_MINUTE ?? 1200,
    /** Seconds in which a just-rotated refresh token may be used again by its client; 0 = strict. */
    refreshTokenReuseGrace: env.REFRESH_TOKEN_REUSE_GRACE ?? 0,
    /** Whether X-Forwarded-For names the client (only behind a proxy that sets it). */
    trustProxy: env.TRUST_PROXY ?? false,
  };
});
