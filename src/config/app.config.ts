import { registerAs } from '@nestjs/config';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';
import { resolve } from 'node:path';
import { randomToken } from '../common/crypto.js';
import { PROJECT_ROOT } from '../project-root.js';
import {
  baseUrl,
  booleanVariable,
  configurationError,
  IsHttpUrl,
  validateEnvironment,
} from './validate-environment.js';

class AppEnvironment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV?: string;

  @IsOptional()
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsHttpUrl('https://id.example.com')
  ISSUER?: string;

  @ValidateIf((env: AppEnvironment) => env.NODE_ENV === 'production')
  @IsString({ message: 'SESSION_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'API_AUDIENCE must be an absolute URI' })
  API_AUDIENCE?: string;

  @IsOptional()
  @IsString()
  DEMO_CLIENT_FILE?: string;

  @IsOptional()
  @Transform(booleanVariable)
  @IsBoolean({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsInt({ message: 'PASSWORD_HASH_COST must be a whole number (log2 of the scrypt cost)' })
  @Min(10, { message: 'PASSWORD_HASH_COST must be between 10 and 20' })
  @Max(20, { message: 'PASSWORD_HASH_COST must be between 10 and 20' })
  PASSWORD_HASH_COST?: number;
}

/** Server identity and browser-facing settings. */
export const appConfig = registerAs('app', () => {
  const env = validateEnvironment(AppEnvironment);
  const port = env.PORT ?? 3000;
  // RFC 8414 section 2: the issuer is an https URL with no query or fragment components.
  const issuer = baseUrl('ISSUER', env.ISSUER ?? `http://localhost:${port}`, 'RFC 8414 section 2');
  if (env.NODE_ENV === 'production' && !issuer.startsWith('https://')) {
    throw configurationError('ISSUER must be https when NODE_ENV=production (RFC 8414 section 2)');
  }
  return {
    environment: env.NODE_ENV ?? 'development',
    port,
    host: env.HOST ?? '0.0.0.0',
    issuer,
    /** Access tokens name the API by this URI (RFC 9068 section 2.2 `aud`). */
    apiAudience: env.API_AUDIENCE ?? `${issuer}/api`,
    /** Where a development server without SESSION_SECRET gets one: random, so sessions end at restart. */
    sessionSecret: env.SESSION_SECRET ?? randomToken(32),
    sessionSecretIsEphemeral: env.SESSION_SECRET === undefined,
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
    /** Where the seed keeps the demo client's secret, which the database holds only as a digest. */
    demoClientFile: resolve(PROJECT_ROOT, env.DEMO_CLIENT_FILE ?? 'data/demo-client.json'),
    passwordHashCost: env.PASSWORD_HASH_COST ?? 15,
  };
});
