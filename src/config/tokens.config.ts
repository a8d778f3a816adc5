import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../keys/signing-algorithm.js';
import { validateEnvironment } from './validate-environment.js';

const DAY = 24 * 60 * 60;
/** The longest ACCESS_TOKEN_TTL allowed, in seconds: what retention waits out after a client's deletion. */
export const MAX_ACCESS_TOKEN_TTL = DAY;

class TokensEnvironment {
  @IsOptional()
  @IsInt({ message: 'ACCESS_TOKEN_TTL must be a whole number of seconds' })
  @Min(30, { message: 'ACCESS_TOKEN_TTL must be between 30 and 86400 seconds' })
  @Max(MAX_ACCESS_TOKEN_TTL, { message: 'ACCESS_TOKEN_TTL must be between 30 and 86400 seconds' })
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

  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS, { message: 'ACCESS_TOKEN_ALG must be RS256 or ES256' })
  ACCESS_TOKEN_ALG?: SigningAlgorithm;

  @IsOptional()
  @IsInt({ message: 'ACCESS_TOKEN_CACHE_SIZE must be a whole number of entries' })
  @Min(0, { message: 'ACCESS_TOKEN_CACHE_SIZE must be between 0 (no cache) and 1000000' })
  @Max(1_000_000, { message: 'ACCESS_TOKEN_CACHE_SIZE must be between 0 (no cache) and 1000000' })
  ACCESS_TOKEN_CACHE_SIZE?: number;

  @IsOptional()
  @IsInt({ message: 'REVOCATION_SYNC_INTERVAL must be a whole number of milliseconds' })
  @Min(100, { message: 'REVOCATION_SYNC_INTERVAL must be between 100 and 60000 milliseconds' })
  @Max(60_000, { message: 'REVOCATION_SYNC_INTERVAL must be between 100 and 60000 milliseconds' })
  REVOCATION_SYNC_INTERVAL?: number;
}

/** Lifetimes of everything the server issues, how access tokens are signed, and how their checks are cached. */
export const tokensConfig = registerAs('tokens', () => {
  const env = validateEnvironment(TokensEnvironment);
  const familyTtl = env.REFRESH_TOKEN_FAMILY_TTL ?? 30 * DAY;
  const cacheSize = env.ACCESS_TOKEN_CACHE_SIZE ?? 10_000;
  return {
    accessTokenTtl: env.ACCESS_TOKEN_TTL ?? 15 * 60,
    idTokenTtl: env.ID_TOKEN_TTL ?? 60 * 60,
    authorizationCodeTtl: env.AUTHORIZATION_CODE_TTL ?? 60,
    refreshTokenTtl: Math.min(env.REFRESH_TOKEN_TTL ?? familyTtl, familyTtl),
    refreshTokenFamilyTtl: familyTtl,
    loginSessionTtl: env.LOGIN_SESSION_TTL ?? 8 * 60 * 60,
    interactionTtl: env.INTERACTION_TTL ?? 10 * 60,
    /** RFC 9068 section 2.1: the JWS algorithm of access tokens; ID tokens are always RS256. */
    accessTokenAlg: env.ACCESS_TOKEN_ALG ?? 'RS256',
    /** Verified access tokens each instance remembers until they expire; 0 checks every call against the database. */
    accessTokenCacheSize: cacheSize,
    /** Milliseconds between two reads of the revocations other processes wrote; the bound on their delay here. */
    revocationSyncInterval: env.REVOCATION_SYNC_INTERVAL ?? 1000,
    /**
     * How long a client's or user's record read from the database is reused (RecentReads): a
     * deletion by another process is seen within it, as a revocation is. With the token cache
     * off (ACCESS_TOKEN_CACHE_SIZE=0, every check exact), records are read every time too.
     */
    recordReuseMs: cacheSize === 0 ? 0 : (env.REVOCATION_SYNC_INTERVAL ?? 1000),
  };
});
