import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InvalidTokenError } from '../common/oauth-errors.js';
import { parseScope } from '../common/scope.js';
import { appConfig } from '../config/app.config.js';
import { SIGNING_ALGORITHM, SigningKeyService } from '../keys/signing-key.service.js';
import { ACCESS_TOKEN_TYPE, type AccessTokenClaims, type VerifiedAccessToken } from './access-token.js';
import { RevokedAccessTokenRepository } from './revoked-access-token.repository.js';
import { TokenFamilyService } from './token-family.service.js';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The one way the resource side checks an access token (RFC 9068 section 4): the server's
 * own algorithm and keys only, `typ`, `iss`, `aud`, `exp`, and that neither the token nor
 * its family has been revoked. Every failure is `invalid_token`.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeyService,
    private readonly families: TokenFamilyService,
    private readonly revoked: RevokedAccessTokenRepository,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async verify(token: string): Promise<VerifiedAccessToken> {
    const claims = await this.verifySignatureAndClaims(token);
    await this.assertNotRevoked(claims);
    return {
      subject: claims.sub,
      clientId: claims.client_id,
      owner: claims.family_id ? 'user' : 'client',
      scopes: parseScope(claims.scope),
      jti: claims.jti,
      familyId: claims.family_id ?? null,
      issuer: claims.iss,
      audience: claims.aud,
      issuedAt: new Date(claims.iat * 1000),
      expiresAt: new Date(claims.exp * 1000),
    };
  }

  private async verifySignatureAndClaims(token: string): Promise<AccessTokenClaims> {
    if (!JWT_SHAPE.test(token)) throw new InvalidTokenError('The access token is malformed');
    const decoded = this.jwt.decode<{ header?: { alg?: string; typ?: string; kid?: string } } | null>(token, {
      complete: true,
    });
    const header = decoded?.header;
    // RFC 9068 section 4: reject tokens whose typ is not at+jwt; RFC 8725 section 3.1: only our algorithm.
    if (header?.typ !== ACCESS_TOKEN_TYPE || header.alg !== SIGNING_ALGORITHM || typeof header.kid !== 'string') {
      throw new InvalidTokenError('The access token is not one this server issued');
    }
    const key = await this.keys.verificationKey(header.kid);
    if (!key) throw new InvalidTokenError('The access token is signed with an unknown key');
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        // A key object, parsed once; @nestjs/jwt's typings say string | Buffer, but it hands the
        // key straight to jsonwebtoken, which accepts a KeyObject.
        publicKey: key.publicKey as unknown as Buffer,
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.app.issuer,
        audience: this.app.apiAudience,
      });
      if (typeof claims.sub !== 'string' || typeof claims.client_id !== 'string' || typeof claims.jti !== 'string') {
        throw new Error('missing claims');
      }
      if (typeof claims.iat !== 'number') throw new Error('missing claims');
      // A token without a family is the client's own (client_credentials): this server issues
      // those only with sub = client_id, so no other token can pass for one.
      if (!claims.family_id && claims.sub !== claims.client_id) throw new Error('a client token for another subject');
      return claims;
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new InvalidTokenError(expired ? 'The access token has expired' : 'The access token is invalid');
    }
  }

  private async assertNotRevoked(claims: AccessTokenClaims): Promise<void> {
    const [familyLive, tokenRevoked] = await Promise.all([
      claims.family_id ? this.families.findLive(claims.family_id).then(Boolean) : Promise.resolve(true),
      this.revoked.exists(claims.jti),
    ]);
    if (!familyLive || tokenRevoked) throw new InvalidTokenError('The access token has been revoked');
  }
}
