import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrantEntity } from '../database/entities/index.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { GrantRepository } from './grant.repository.js';
import { GrantService } from './grant.service.js';
import { TypeOrmGrantRepository } from './typeorm-grant.repository.js';

/** The resource owners' grants (consents), shared by the authorization server and the account page. */
@Module({
  imports: [TypeOrmModule.forFeature([GrantEntity]), TokensModule],
  providers: [GrantService, { provide: GrantRepository, useClass: TypeOrmGrantRepository }],
  exports: [GrantService],
})
export class GrantsModule {}
