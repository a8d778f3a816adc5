import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SigningKeyService } from './signing-key.service.js';

/**
 * Signs a JWT with the current signing key, naming it by `kid`. The key is a parsed key
 * object: parsing PEM text on every call would halve the token endpoint's throughput.
 */
@Injectable()
export class JwtSigner {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeyService,
  ) {}

  /** @param typ the JWT `typ` header: `at+jwt` for access tokens (RFC 9068 section 2.1), `JWT` for ID tokens. */
  sign(claims: object, typ: string): Promise<string> {
    const key = this.keys.current();
    return this.jwt.signAsync(claims, {
      algorithm: key.alg as 'RS256',
      privateKey: key.privateKey,
      keyid: key.kid,
      header: { alg: key.alg, typ },
    });
  }
}
