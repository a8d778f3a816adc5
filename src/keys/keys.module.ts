import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SigningKeyEntity } from '../database/entities/index.js';
import { JwtSigner } from './jwt-signer.js';
import { KeyRotationService } from './key-rotation.service.js';
import { SigningKeyRepository } from './signing-key.repository.js';
import { SigningKeyService } from './signing-key.service.js';
import { TypeOrmSigningKeyRepository } from './typeorm-signing-key.repository.js';

/** Owner of the signing key material: loading, rotation, and the public JWK Set derived from it. */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity])],
  providers: [
    SigningKeyService,
    KeyRotationService,
    JwtSigner,
    { provide: SigningKeyRepository, useClass: TypeOrmSigningKeyRepository },
  ],
  exports: [SigningKeyService, KeyRotationService, JwtSigner],
})
export class KeysModule {}
