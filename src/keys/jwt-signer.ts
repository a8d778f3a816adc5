import { Injectable } from '@nestjs/common';
import { signJws } from './jws.js';
import type { SigningAlgorithm } from './signing-algorithm.js';
import { SigningKeyService } from './signing-key.service.js';

/**
 * Signs a JWT with the current signing key of an algorithm, naming the key by `kid`. The
 * signature is computed off the event loop (see signJws), with a key object parsed once.
 */
@Injectable()
export class JwtSigner {
  constructor(private readonly keys: SigningKeyService) {}

  /** @param typ the JWT `typ` header: `at+jwt` for access tokens (RFC 9068 section 2.1), `JWT` for ID tokens. */
  sign(claims: object, typ: string, alg: SigningAlgorithm): Promise<string> {
    const key = this.keys.current(alg);
    return signJws({ alg, typ, kid: key.kid }, claims, key.privateKey);
  }
}
