import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { tokensConfig } from './tokens.config.js';
import { ConfigurationError } from './validate-environment.js';

const DAY = 24 * 3600;

describe('tokensConfig: lifetimes validated at boot; codes live at most 10 minutes (RFC 6749 section 4.1.2)', () => {
  let saved: NodeJS.ProcessEnv;

  beforeEach(() => {
    saved = process.env;
  });

  afterEach(() => {
    process.env = saved;
  });

  function load(env: Record<string, string>) {
    process.env = { ...env };
    return tokensConfig();
  }

  function refusal(env: Record<string, string>): string {
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    throw new Error(`Expected ${JSON.stringify(env)} to be refused`);
  }

  it('has defaults: 15 min RS256 access tokens, 60 s codes, 30 day refresh families, a 10,000 token cache synced every second, records reused as long', () => {
    expect(load({})).toEqual({
      accessTokenTtl: 900,
      idTokenTtl: 3600,
      authorizationCodeTtl: 60,
      refreshTokenTtl: 30 * DAY,
      refreshTokenFamilyTtl: 30 * DAY,
      loginSessionTtl: 8 * 3600,
      interactionTtl: 600,
      accessTokenAlg: 'RS256',
      accessTokenCacheSize: 10_000,
      revocationSyncInterval: 1000,
      recordReuseMs: 1000,
    });
  });

  it('reads ACCESS_TOKEN_ALG, ACCESS_TOKEN_CACHE_SIZE (0 turns the cache off) and REVOCATION_SYNC_INTERVAL in ms', () => {
    expect(
      load({ ACCESS_TOKEN_ALG: 'ES256', ACCESS_TOKEN_CACHE_SIZE: '0', REVOCATION_SYNC_INTERVAL: '250' }),
    ).toMatchObject({ accessTokenAlg: 'ES256', accessTokenCacheSize: 0, revocationSyncInterval: 250 });
  });

  it('reuses client and user records for REVOCATION_SYNC_INTERVAL, and not at all with the token cache off', () => {
    expect(load({ REVOCATION_SYNC_INTERVAL: '250' }).recordReuseMs).toBe(250);
    expect(load({ ACCESS_TOKEN_CACHE_SIZE: '0', REVOCATION_SYNC_INTERVAL: '250' }).recordReuseMs).toBe(0);
  });

  it('reads each lifetime in seconds', () => {
    expect(
      load({
        ACCESS_TOKEN_TTL: '300',
        AUTHORIZATION_CODE_TTL: '30',
        REFRESH_TOKEN_TTL: '3600',
        INTERACTION_TTL: '120',
      }),
    ).toMatchObject({
      accessTokenTtl: 300,
      authorizationCodeTtl: 30,
      refreshTokenTtl: 3600,
      interactionTtl: 120,
    });
  });

  it('never lets a refresh token outlive its family', () => {
    expect(load({ REFRESH_TOKEN_TTL: String(90 * DAY), REFRESH_TOKEN_FAMILY_TTL: String(DAY) })).toMatchObject({
      refreshTokenTtl: DAY,
      refreshTokenFamilyTtl: DAY,
    });
  });

  it.each([
    [{ ACCESS_TOKEN_TTL: '10' }, 'ACCESS_TOKEN_TTL must be between 30 and 86400 seconds'],
    [{ ACCESS_TOKEN_TTL: 'soon' }, 'ACCESS_TOKEN_TTL must be a whole number of seconds'],
    [
      { AUTHORIZATION_CODE_TTL: '601' },
      'AUTHORIZATION_CODE_TTL must be between 5 and 600 seconds (RFC 6749 section 4.1.2)',
    ],
    [{ REFRESH_TOKEN_TTL: '59' }, 'REFRESH_TOKEN_TTL must be at least 60 seconds'],
    [{ REFRESH_TOKEN_FAMILY_TTL: '1.5' }, 'REFRESH_TOKEN_FAMILY_TTL must be a whole number of seconds'],
    [{ LOGIN_SESSION_TTL: '0' }, 'LOGIN_SESSION_TTL must be at least 60 seconds'],
    [{ INTERACTION_TTL: '3601' }, 'INTERACTION_TTL must be between 60 and 3600 seconds'],
    // RFC 8725 section 3.1: one algorithm, named exactly; none of the others, and never `none`.
    [{ ACCESS_TOKEN_ALG: 'HS256' }, 'ACCESS_TOKEN_ALG must be RS256 or ES256'],
    [{ ACCESS_TOKEN_ALG: 'none' }, 'ACCESS_TOKEN_ALG must be RS256 or ES256'],
    [{ ACCESS_TOKEN_ALG: 'es256' }, 'ACCESS_TOKEN_ALG must be RS256 or ES256'],
    [{ ACCESS_TOKEN_CACHE_SIZE: '-1' }, 'ACCESS_TOKEN_CACHE_SIZE must be between 0 (no cache) and 1000000'],
    [{ ACCESS_TOKEN_CACHE_SIZE: 'big' }, 'ACCESS_TOKEN_CACHE_SIZE must be a whole number of entries'],
    [{ REVOCATION_SYNC_INTERVAL: '50' }, 'REVOCATION_SYNC_INTERVAL must be between 100 and 60000 milliseconds'],
    [{ REVOCATION_SYNC_INTERVAL: '60001' }, 'REVOCATION_SYNC_INTERVAL must be between 100 and 60000 milliseconds'],
  ])('refuses %j', (env, message) => {
    expect(refusal(env)).toContain(message);
  });
});
