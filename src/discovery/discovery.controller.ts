import { Controller, Get, Header } from '@nestjs/common';
import { type AuthorizationServerMetadata, DiscoveryMetadataService } from './discovery-metadata.service.js';
import { ANY_ORIGIN, PUBLIC_DOCUMENT_CACHE_CONTROL } from './public-document.js';

/**
 * The metadata document at both well-known locations: RFC 8414 section 3 and OpenID Connect
 * Discovery 1.0 section 4. A 200 JSON response (RFC 8414 section 3.2), public and cacheable.
 */
@Controller('.well-known')
export class DiscoveryController {
  constructor(private readonly metadata: DiscoveryMetadataService) {}

  @Get('oauth-authorization-server')
  @Header('cache-control', PUBLIC_DOCUMENT_CACHE_CONTROL)
  @Header('access-control-allow-origin', ANY_ORIGIN)
  authorizationServer(): AuthorizationServerMetadata {
    return this.metadata.document();
  }

  @Get('openid-configuration')
  @Header('cache-control', PUBLIC_DOCUMENT_CACHE_CONTROL)
  @Header('access-control-allow-origin', ANY_ORIGIN)
  openidConfiguration(): AuthorizationServerMetadata {
    return this.metadata.document();
  }
}
