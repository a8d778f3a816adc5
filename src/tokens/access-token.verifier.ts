import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { sha256 } from '../common/crypto.js';
import { InvalidTokenError } from '../common/oauth-errors.js';
import { parseScope } from '../common/scope.js';
import { appConfig } from '../config/app.config.js';
import { tokensConfig } from '../config/tokens.config.js';
import { decodeJws } from '../keys/jws.js';
import { SigningKeyService } from '../keys/signing-key.service.js';
import { ACCESS_TOKEN_TYPE, type AccessTokenClaims, type VerifiedAccessToken } from './access-token.js';
import { RevocationLog } from './revocation-log.js';
import { RevokedAccessTokenRepository } from './revoked-access-token.repository.js';
import { TokenFamilyService } from './token-family.service.js';
import { VerifiedTokenCache, type CachedAccessToken } from './verified-token-cache.js';

/**
 * The one way the resource side checks an access token (RFC 9068 section 4): the server's
 * own algorithm and keys only, `typ`, `iss`, `aud`, `exp`, and that neither the token nor
 * its family has been revoked. Every failure is `invalid_token`.
 *
 * A token that passes is remembered (VerifiedTokenCache) until it expires: its next use
 * re-checks only its lifetime, its key and the revocations listed since.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeyService,
    private readonly families: TokenFamilyService,
    private readonly revoked: RevokedAccessTokenRepository,
    private readonly revocations: RevocationLog,
    private readonly cache: VerifiedTokenCache,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(tokensConfig.KEY) private readonly tokens: Pick<ConfigType<typeof tokensConfig>, 'accessTokenAlg'>,
  ) {}

  /**
   * The token as verified before, if it is remembered and still valid: no signature check and
   * no database read. Synchronous, so that the Bearer guard can answer a hit without Passport.
   */
  remembered(token: string): VerifiedAccessToken | undefined {
    return this.cache.enabled ? this.lookUp(cacheKey(token)) : undefined;
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    const key = this.cache.enabled ? cacheKey(token) : null;
    const remembered = key ? this.lookUp(key) : undefined;
    if (remembered) return remembered;
    const generation = this.cache.currentGeneration;
    const { claims, kid } = await this.verifySignatureAndClaims(token);
    const family = await this.assertNotRevoked(claims);
    const entry: CachedAccessToken = {
      token: toVerifiedAccessToken(claims),
      kid,
      validUntil: Math.min(claims.exp * 1000, family?.expiresAt.getTime() ?? Infinity),
    };
    if (key) this.cache.put(key, entry, generation);
    return entry.token;
  }

  /** A cache hit whose signing key still verifies; an entry whose key has retired is dropped. */
  private lookUp(key: string): VerifiedAccessToken | undefined {
    const cached = this.cache.get(key);
    if (!cached) return undefined;
    if (this.keys.isUsable(cached.kid)) return cached.token;
    this.cache.delete(key);
    return undefined;
  }

  private async verifySignatureAndClaims(token: string): Promise<{ claims: AccessTokenClaims; kid: string }> {
    const jws = decodeJws(token);
    if (!jws) throw new InvalidTokenError('The access token is malformed');
    const { alg, typ, kid } = jws.header;
    const expected = this.tokens.accessTokenAlg;
    // RFC 9068 section 4: reject tokens whose typ is not at+jwt; RFC 8725 section 3.1: only our algorithm.
    if (typ !== ACCESS_TOKEN_TYPE || alg !== expected || typeof kid !== 'string') {
      throw new InvalidTokenError('The access token is not one this server issued');
    }
    const key = await this.keys.verificationKey(kid);
    // The key must be one made for that algorithm, too (RFC 8725 section 3.1).
    if (!key || key.alg !== expected) throw new InvalidTokenError('The access token is signed with an unknown key');
    let payload: unknown;
    try {
      // A key object parsed once: given PEM text, jsonwebtoken would parse it on every call.
      // (@nestjs/jwt's typings say string | Buffer; jsonwebtoken takes a KeyObject.)
      payload = this.jwt.verify(token, {
        publicKey: key.publicKey as unknown as Buffer,
        algorithms: [expected],
        issuer: this.app.issuer,
        audience: this.app.apiAudience,
      });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new InvalidTokenError(expired ? 'The access token has expired' : 'The access token is invalid');
    }
    return { claims: validClaims(payload), kid };
  }

  /** @returns the token's family (null for a client's own token), live; else the token is revoked. */
  private async assertNotRevoked(claims: AccessTokenClaims) {
    const [family, tokenRevoked, clientDeleted] = await Promise.all([
      claims.family_id ? this.families.findLive(claims.family_id) : null,
      this.revoked.exists(claims.jti),
      claims.family_id ? false : this.revocations.clientDeletedSince(claims.client_id, new Date(claims.iat * 1000)),
    ]);
    if ((claims.family_id && !family) || tokenRevoked || clientDeleted) {
      throw new InvalidTokenError('The access token has been revoked');
    }
    return family;
  }
}

/** The cache's key: a hash of every byte presented (see VerifiedTokenCache). */
const cacheKey = sha256;

function toVerifiedAccessToken(claims: AccessTokenClaims): VerifiedAccessToken {
  return Object.freeze({
    subject: claims.sub,
    clientId: claims.client_id,
    owner: claims.family_id ? 'user' : 'client',
    scopes: Object.freeze(parseScope(claims.scope)),
    jti: claims.jti,
    familyId: claims.family_id ?? null,
    issuer: claims.iss,
    audience: claims.aud,
    issuedAt: new Date(claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
  });
}

/** The claims this server always writes (RFC 9068 section 2.2); signature, `iss`, `aud` and `exp` are checked already. */
function validClaims(payload: unknown): AccessTokenClaims {
  const claims = payload as Partial<AccessTokenClaims>;
  const strings = [claims.sub, claims.client_id, claims.jti, claims.scope, claims.iss, claims.aud];
  const numbers = [claims.iat, claims.exp];
  if (!strings.every((v) => typeof v === 'string') || !numbers.every((v) => Number.isInteger(v))) {
    throw new InvalidTokenError('The access token is invalid');
  }
  if (claims.family_id !== undefined && typeof claims.family_id !== 'string') {
    throw new InvalidTokenError('The access token is invalid');
  }
  // A token without a family is the client's own (client_credentials): this server issues
  // those only with sub = client_id, so no other token can pass for one.
  if (!claims.family_id && claims.sub !== claims.client_id) throw new InvalidTokenError('The access token is invalid');
  return claims as AccessTokenClaims;
}
