import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { formatScope } from '../common/scope.js';
import { epochSeconds } from '../common/time.js';
import { appConfig } from '../config/app.config.js';
import { tokensConfig } from '../config/tokens.config.js';
import { JwtSigner } from '../keys/jwt-signer.js';
import { ACCESS_TOKEN_TYPE, type AccessTokenClaims } from './access-token.js';

export interface AccessTokenSubject {
  subject: string;
  clientId: string;
  scopes: readonly string[];
  /** The token family, for a user's token: the token never outlives it. */
  family?: { readonly id: string; readonly expiresAt: Date };
  authTime?: Date | null;
}

export interface SignedAccessToken {
  token: string;
  expiresIn: number;
}

/** Signs JWT access tokens in the RFC 9068 profile with the current key of ACCESS_TOKEN_ALG. */
@Injectable()
export class AccessTokenSigner {
  constructor(
    private readonly signer: JwtSigner,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(tokensConfig.KEY) private readonly tokens: ConfigType<typeof tokensConfig>,
  ) {}

  async sign(subject: AccessTokenSubject): Promise<SignedAccessToken> {
    const iat = epochSeconds();
    // A family's absolute lifetime ends every token of it, so `exp` is never later.
    const familyEnd = subject.family ? epochSeconds(subject.family.expiresAt) : Infinity;
    const exp = Math.min(iat + this.tokens.accessTokenTtl, familyEnd);
    const claims: AccessTokenClaims = {
      iss: this.app.issuer,
      sub: subject.subject,
      aud: this.app.apiAudience,
      client_id: subject.clientId,
      scope: formatScope(subject.scopes),
      iat,
      exp,
      jti: randomUUID(),
      ...(subject.authTime ? { auth_time: epochSeconds(subject.authTime) } : {}),
      ...(subject.family ? { family_id: subject.family.id } : {}),
    };
    const token = await this.signer.sign(claims, ACCESS_TOKEN_TYPE, this.tokens.accessTokenAlg);
    return { token, expiresIn: exp - iat };
  }
}
