import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SigningKeyEntity } from '../database/entities/index.js';
import { SigningKeyRepository } from './signing-key.repository.js';
import { SigningKeyService } from './signing-key.service.js';
import { TypeOrmSigningKeyRepository } from './typeorm-signing-key.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity])],
  providers: [SigningKeyService, { provide: SigningKeyRepository, useClass: TypeOrmSigningKeyRepository }],
  exports: [SigningKeyService],
})
export class KeysModule {}
