import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module.js';
import { DiscoveryController } from './discovery.controller.js';
import { DiscoveryMetadataService } from './discovery-metadata.service.js';
import { JwksController } from './jwks.controller.js';

/**
 * What a client reads before it talks to the server: the metadata documents (RFC 8414,
 * OpenID Connect Discovery 1.0) and the JWK Set of the signing keys.
 */
@Module({
  imports: [KeysModule],
  controllers: [DiscoveryController, JwksController],
  providers: [DiscoveryMetadataService],
})
export class DiscoveryModule {}
