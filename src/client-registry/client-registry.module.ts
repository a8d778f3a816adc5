import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientEntity, DeletedClientEntity } from '../database/entities/index.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { ClientRegistry } from './client-registry.service.js';
import { ClientRepository } from './client.repository.js';
import { TypeOrmClientRepository } from './typeorm-client.repository.js';

/** Registered clients: their secrets, redirect URIs, scopes and grant types. */
@Module({
  imports: [TypeOrmModule.forFeature([ClientEntity, DeletedClientEntity]), TokensModule],
  providers: [ClientRegistry, { provide: ClientRepository, useClass: TypeOrmClientRepository }],
  exports: [ClientRegistry],
})
export class ClientRegistryModule {}
