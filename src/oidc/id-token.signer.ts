import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { hash } from 'node:crypto';
import type { User } from '../accounts/user.js';
import { epochSeconds } from '../common/time.js';
import { appConfig } from '../config/app.config.js';
import { tokensConfig } from '../config/tokens.config.js';
import { JwtSigner } from '../keys/jwt-signer.js';
import { ID_TOKEN_SIGNING_ALGORITHM } from '../keys/signing-algorithm.js';
import { claimsForScopes } from './claims.js';

export interface IdTokenSubject {
  user: User;
  clientId: string;
  scopes: readonly string[];
  /** When the user last entered their password; kept across refreshes (OpenID Connect Core section 12.2). */
  authTime: Date;
  /** Echoed from the authorization request; not sent again on refresh. */
  nonce?: string | null;
  /** The access token issued beside it, for `at_hash`. */
  accessToken: string;
}

/**
 * OpenID Connect Core section 3.1.3.6: the at_hash is the base64url of the left half of the
 * SHA-256 of the access token, SHA-256 being the hash of the ID token's RS256 signature.
 */
export function accessTokenHash(accessToken: string): string {
  const digest = hash('sha256', accessToken, 'buffer');
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** Signs ID tokens (OpenID Connect Core section 2) with the current RS256 key, off the event loop. */
@Injectable()
export class IdTokenSigner {
  constructor(
    private readonly signer: JwtSigner,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(tokensConfig.KEY) private readonly tokens: ConfigType<typeof tokensConfig>,
  ) {}

  sign(subject: IdTokenSubject): Promise<string> {
    const iat = epochSeconds();
    const claims = {
      iss: this.app.issuer,
      sub: subject.user.id,
      aud: subject.clientId,
      exp: iat + this.tokens.idTokenTtl,
      iat,
      auth_time: epochSeconds(subject.authTime),
      ...(subject.nonce ? { nonce: subject.nonce } : {}),
      at_hash: accessTokenHash(subject.accessToken),
      ...claimsForScopes(subject.user, subject.scopes),
    };
    return this.signer.sign(claims, 'JWT', ID_TOKEN_SIGNING_ALGORITHM);
  }
}
