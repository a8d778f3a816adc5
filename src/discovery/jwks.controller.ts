import { Controller, Get, Header } from '@nestjs/common';
import type { JwkSet } from '../keys/public-jwk.js';
import { SigningKeyService } from '../keys/signing-key.service.js';
import { ANY_ORIGIN, PUBLIC_DOCUMENT_CACHE_CONTROL } from './public-document.js';

/**
 * The `jwks_uri`: every public key that may still verify a token this server signed, as a
 * JWK Set (RFC 7517 section 5, media type from section 8.5). The keys themselves belong to
 * KeysModule; this only publishes what it derives.
 */
@Controller('oauth')
export class JwksController {
  constructor(private readonly keys: SigningKeyService) {}

  @Get('jwks')
  @Header('content-type', 'application/jwk-set+json; charset=utf-8')
  @Header('cache-control', PUBLIC_DOCUMENT_CACHE_CONTROL)
  @Header('access-control-allow-origin', ANY_ORIGIN)
  jwks(): JwkSet {
    return this.keys.publicJwks();
  }
}
