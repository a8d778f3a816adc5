import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AuthorizationCodeService } from '../authorization/codes/authorization-code.service.js';
import { TokenIssuer } from '../authorization/token/token-issuer.js';
import type { Client } from '../client-registry/client.js';
import { OAuthError } from '../common/oauth-errors.js';
import type { appConfig } from '../config/app.config.js';
import type { tokensConfig } from '../config/tokens.config.js';
import { SigningKeyService } from '../keys/signing-key.service.js';
import type { AccessTokenClaims } from '../tokens/access-token.js';
import { AccessTokenSigner } from '../tokens/access-token.signer.js';
import { AccessTokenVerifier } from '../tokens/access-token.verifier.js';
import { RefreshTokenService } from '../tokens/refresh-token.service.js';
import { TokenFamilyService, type NewTokenFamily } from '../tokens/token-family.service.js';
import { VerifiedTokenCache } from '../tokens/verified-token-cache.js';
import { decodeJws } from '../keys/jws.js';
import {
  InMemoryAuthorizationCodeRepository,
  InMemoryRefreshTokenRepository,
  InMemoryRevocationLog,
  InMemoryRevokedAccessTokenRepository,
  InMemorySigningKeyRepository,
  InMemoryTokenFamilyRepository,
  InMemoryUserRepository,
  InMemorySecurityEventRepository,
} from './in-memory-repositories.js';
import { SecurityEvents } from '../audit/security-events.service.js';
import { AccountService } from '../accounts/account.service.js';
import { PasswordHasher } from '../accounts/password-hasher.js';
import type { User } from '../accounts/user.js';
import { IdTokenSigner } from '../oidc/id-token.signer.js';
import { JwtSigner } from '../keys/jwt-signer.js';

/** The user the unit specs' families belong to. */
export const TEST_USER: User = {
  id: 'user-1',
  username: 'alice',
  passwordHash: 'scrypt$10$8$1$c2FsdA$a2V5',
  name: 'Alice',
  email: 'alice@example.com',
  emailVerified: true,
  createdAt: new Date(0),
};

/** Shared set-up for unit specs: config namespaces as plain objects, clients, the token services. */

export type TokensConfig = ConfigType<typeof tokensConfig>;
export type AppConfig = ConfigType<typeof appConfig>;

export const ISSUER = 'https://id.example.test';

export function testTokensConfig(overrides: Partial<TokensConfig> = {}): TokensConfig {
  return {
    accessTokenTtl: 900,
    idTokenTtl: 3600,
    authorizationCodeTtl: 60,
    refreshTokenTtl: 30 * 24 * 3600,
    refreshTokenFamilyTtl: 30 * 24 * 3600,
    loginSessionTtl: 8 * 3600,
    interactionTtl: 600,
    accessTokenAlg: 'RS256',
    accessTokenCacheSize: 10_000,
    revocationSyncInterval: 1000,
    recordReuseMs: 1000,
    ...overrides,
  };
}

export function testAppConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    environment: 'test',
    port: 0,
    host: '127.0.0.1',
    issuer: ISSUER,
    apiAudience: `${ISSUER}/api`,
    sessionSecret: 'a-session-secret-of-at-least-32-characters',
    sessionSecretIsEphemeral: false,
    seedDemo: false,
    demoClientFile: '/nonexistent/demo-client.json',
    passwordHashCost: 10,
    ...overrides,
  };
}

export function testClient(overrides: Partial<Client> = {}): Client {
  return {
    id: 'web-app',
    name: 'Web App',
    type: 'confidential',
    secretHash: null,
    redirectUris: ['https://app.example.test/callback'],
    scopes: ['openid', 'profile', 'notes:read'],
    grantTypes: ['authorization_code', 'refresh_token'],
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

/** The OAuthError `action` throws (or rejects with); fails the spec if it throws nothing or something else. */
export async function oauthErrorOf(action: () => unknown): Promise<OAuthError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  throw new Error('Expected an OAuthError, but nothing was thrown');
}

/**
 * A signing key service with a freshly generated RSA key, and a P-256 key when access tokens
 * are ES256 (slow: build it once per spec file).
 */
export async function testSigningKeys(
  config: Pick<TokensConfig, 'accessTokenAlg'> = testTokensConfig(),
): Promise<SigningKeyService> {
  const keys = new SigningKeyService(new InMemorySigningKeyRepository(), config);
  await keys.onModuleInit();
  return keys;
}

/** The real token services over in-memory storage, sharing one signing key service. */
export function tokenServices(keys: SigningKeyService, config: TokensConfig = testTokensConfig()) {
  const familyRepository = new InMemoryTokenFamilyRepository();
  const refreshTokenRepository = new InMemoryRefreshTokenRepository(familyRepository);
  const codeRepository = new InMemoryAuthorizationCodeRepository(familyRepository, refreshTokenRepository);
  const revokedAccessTokenRepository = new InMemoryRevokedAccessTokenRepository();
  const revocationLog = new InMemoryRevocationLog(familyRepository, revokedAccessTokenRepository);
  const cache = new VerifiedTokenCache(config);
  const refreshTokens = new RefreshTokenService(refreshTokenRepository, config);
  const eventRepository = new InMemorySecurityEventRepository();
  const events = new SecurityEvents(eventRepository);
  const families = new TokenFamilyService(familyRepository, config, events, cache);
  const jwtSigner = new JwtSigner(keys);
  const signer = new AccessTokenSigner(jwtSigner, testAppConfig(), config);
  const users = new InMemoryUserRepository();
  void users.insert(TEST_USER);
  const accounts = new AccountService(users, new PasswordHasher(testAppConfig()));
  return {
    codeRepository,
    familyRepository,
    refreshTokenRepository,
    revokedAccessTokenRepository,
    revocationLog,
    cache,
    codes: new AuthorizationCodeService(codeRepository, config),
    refreshTokens,
    families,
    /** A family stored as the redemption of a code stores it. */
    startFamily: async (family: NewTokenFamily) => {
      const started = families.create(family);
      await familyRepository.insert(started);
      return started;
    },
    signer,
    verifier: new AccessTokenVerifier(
      new JwtService(),
      keys,
      families,
      revokedAccessTokenRepository,
      revocationLog,
      cache,
      testAppConfig(),
      config,
    ),
    issuer: new TokenIssuer(
      signer,
      refreshTokens,
      new IdTokenSigner(jwtSigner, testAppConfig(), config),
      accounts,
      events,
    ),
    events,
    eventRepository,
    /** The claims of an access token, read without verification (the signer is not under test). */
    claimsOf: (accessToken: string) => decodeJws(accessToken)?.payload as unknown as AccessTokenClaims,
  };
}

/** REFRESH_TOKEN_REUSE_GRACE=0: every reuse of a rotated refresh token is theft. */
export const STRICT_REFRESH = { refreshTokenReuseGrace: 0 };

/** A verified-token cache as configured by default (ACCESS_TOKEN_CACHE_SIZE 10,000). */
export function testVerifiedTokenCache(): VerifiedTokenCache {
  return new VerifiedTokenCache(testTokensConfig());
}

/** The audit trail over in-memory storage. */
export function testSecurityEvents(): SecurityEvents {
  return new SecurityEvents(new InMemorySecurityEventRepository());
}
