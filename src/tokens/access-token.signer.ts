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
  familyId?: string;
  authTime?: Date | null;
}

export interface SignedAccessToken {
  token: string;
  expiresIn: number;
}

/** Signs JWT access tokens in the RFC 9068 profile with the current signing key. */
@Injectable()
export class AccessTokenSigner {
  constructor(
    private readonly signer: JwtSigner,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(tokensConfig.KEY) private readonly tokens: ConfigType<typeof tokensConfig>,
  ) {}

  async sign(subject: AccessTokenSubject): Promise<SignedAccessToken> {
    const iat = epochSeconds();
    const claims: AccessTokenClaims = {
      iss: this.app.issuer,
      sub: subject.subject,
      aud: this.app.apiAudience,
      client_id: subject.clientId,
      scope: formatScope(subject.scopes),
      iat,
      exp: iat + this.tokens.accessTokenTtl,
      jti: randomUUID(),
      ...(subject.authTime ? { auth_time: epochSeconds(subject.authTime) } : {}),
      ...(subject.familyId ? { family_id: subject.familyId } : {}),
    };
    const token = await this.signer.sign(claims, ACCESS_TOKEN_TYPE);
    return { token, expiresIn: this.tokens.accessTokenTtl };
  }
}
