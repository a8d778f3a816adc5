import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { validateEnvironment } from './validate-environment.js';

const DAY = 24 * 60 * 60;

class TokensEnvironment {
  @IsOptional()
  @IsInt({ message: 'ACCESS_TOKEN_TTL must be a whole number of seconds' })
  @Min(30, { message: 'ACCESS_TOKEN_TTL must be between 30 and 86400 seconds' })
  @Max(DAY, { message: 'ACCESS_TOKEN_TTL must be between 30 and 86400 seconds' })
  ACCESS_TOKEN_TTL?: number;

  @IsOptional()
  @IsInt({ message: 'AUTHORIZATION_CODE_TTL must be a whole number of seconds' })
  @Min(5, { message: 'AUTHORIZATION_CODE_TTL must be between 5 and 600 seconds' })
  @Max(600, { message: 'AUTHORIZATION_CODE_TTL must be between 5 and 600 seconds (RFC 6749 section 4.1.2)' })
  AUTHORIZATION_CODE_TTL?: number;

  @IsOptional()
  @IsInt({ message: 'REFRESH_TOKEN_TTL must be a whole number of seconds' })
  @Min(60, { message: 'REFRESH_TOKEN_TTL must be at least 60 seconds' })
  REFRESH_TOKEN_TTL?: number;

  @IsOptional()
  @IsInt({ message: 'REFRESH_TOKEN_FAMILY_TTL must be a whole number of seconds' })
  @Min(60, { message: 'REFRESH_TOKEN_FAMILY_TTL must be at least 60 seconds' })
  REFRESH_TOKEN_FAMILY_TTL?: number;

  @IsOptional()
  @IsInt({ message: 'ID_TOKEN_TTL must be a whole number of seconds' })
  @Min(30, { message: 'ID_TOKEN_TTL must be between 30 and 86400 seconds' })
  @Max(DAY, { message: 'ID_TOKEN_TTL must be between 30 and 86400 seconds' })
  ID_TOKEN_TTL?: number;

  @IsOptional()
  @IsInt({ message: 'LOGIN_SESSION_TTL must be a whole number of seconds' })
  @Min(60, { message: 'LOGIN_SESSION_TTL must be at least 60 seconds' })
  LOGIN_SESSION_TTL?: number;

  @IsOptional()
  @IsInt({ message: 'INTERACTION_TTL must be a whole number of seconds' })
  @Min(60, { message: 'INTERACTION_TTL must be between 60 and 3600 seconds' })
  @Max(3600, { message: 'INTERACTION_TTL must be between 60 and 3600 seconds' })
  INTERACTION_TTL?: number;
}

/** Lifetimes of everything the server issues, and the audience of its access tokens. */
export const tokensConfig = registerAs('tokens', () => {
  const env = validateEnvironment(TokensEnvironment);
  const familyTtl = env.REFRESH_TOKEN_FAMILY_TTL ?? 30 * DAY;
  return {
    accessTokenTtl: env.ACCESS_TOKEN_TTL ?? 15 * 60,
    idTokenTtl: env.ID_TOKEN_TTL ?? 60 * 60,
    authorizationCodeTtl: env.AUTHORIZATION_CODE_TTL ?? 60,
    refreshTokenTtl: Math.min(env.REFRESH_TOKEN_TTL ?? familyTtl, familyTtl),
    refreshTokenFamilyTtl: familyTtl,
    loginSessionTtl: env.LOGIN_SESSION_TTL ?? 8 * 60 * 60,
    interactionTtl: env.INTERACTION_TTL ?? 10 * 60,
  };
});
