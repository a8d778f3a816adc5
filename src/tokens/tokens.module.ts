import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  DeletedClientEntity,
  RefreshTokenEntity,
  RevokedAccessTokenEntity,
  TokenFamilyEntity,
} from '../database/entities/index.js';
import { KeysModule } from '../keys/keys.module.js';
import { AccessTokenSigner } from './access-token.signer.js';
import { AccessTokenVerifier } from './access-token.verifier.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { RefreshTokenService } from './refresh-token.service.js';
import { RevocationLog } from './revocation-log.js';
import { RevocationSync } from './revocation-sync.service.js';
import { RevokedAccessTokenRepository } from './revoked-access-token.repository.js';
import { RevokedAccessTokenService } from './revoked-access-token.service.js';
import { TokenFamilyRepository } from './token-family.repository.js';
import { TokenFamilyService } from './token-family.service.js';
import { TokenLookup } from './token-lookup.service.js';
import { TypeOrmRefreshTokenRepository } from './typeorm-refresh-token.repository.js';
import { TypeOrmRevocationLog } from './typeorm-revocation-log.js';
import { TypeOrmRevokedAccessTokenRepository } from './typeorm-revoked-access-token.repository.js';
import { TypeOrmTokenFamilyRepository } from './typeorm-token-family.repository.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/**
 * Issued tokens: signing and verifying access tokens, refresh tokens, their families and
 * revocation. The resource side uses only `AccessTokenVerifier`; whatever revokes a grant or
 * deletes a client outside this module tells `VerifiedTokenCache`.
 */
@Module({
  imports: [
    KeysModule,
    JwtModule.register({}),
    TypeOrmModule.forFeature([TokenFamilyEntity, RefreshTokenEntity, RevokedAccessTokenEntity, DeletedClientEntity]),
  ],
  providers: [
    AccessTokenSigner,
    AccessTokenVerifier,
    RefreshTokenService,
    TokenFamilyService,
    TokenLookup,
    RevokedAccessTokenService,
    VerifiedTokenCache,
    RevocationSync,
    { provide: TokenFamilyRepository, useClass: TypeOrmTokenFamilyRepository },
    { provide: RefreshTokenRepository, useClass: TypeOrmRefreshTokenRepository },
    { provide: RevokedAccessTokenRepository, useClass: TypeOrmRevokedAccessTokenRepository },
    { provide: RevocationLog, useClass: TypeOrmRevocationLog },
  ],
  exports: [
    AccessTokenSigner,
    AccessTokenVerifier,
    RefreshTokenService,
    TokenFamilyService,
    TokenLookup,
    RevokedAccessTokenService,
    VerifiedTokenCache,
  ],
})
export class TokensModule {}
