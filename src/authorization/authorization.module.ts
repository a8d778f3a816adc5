import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ClientRegistryModule } from '../client-registry/client-registry.module.js';
import { AuthorizationCodeEntity, PendingAuthorizationEntity } from '../database/entities/index.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { AuthorizeController } from './authorize/authorize.controller.js';
import { AuthorizePipeline } from './authorize/authorize.pipeline.js';
import { AuthorizationCodeRepository } from './codes/authorization-code.repository.js';
import { AuthorizationCodeService } from './codes/authorization-code.service.js';
import { TypeOrmAuthorizationCodeRepository } from './codes/typeorm-authorization-code.repository.js';
import { GrantsModule } from '../grants/grants.module.js';
import { OidcModule } from '../oidc/oidc.module.js';
import { InteractionController } from './interaction/interaction.controller.js';
import { AuthorizationFlow } from './interaction/authorization-flow.service.js';
import { InteractionService } from './interaction/interaction.service.js';
import { PendingAuthorizationRepository } from './interaction/pending-authorization.repository.js';
import { PendingAuthorizationService } from './interaction/pending-authorization.service.js';
import { TypeOrmPendingAuthorizationRepository } from './interaction/typeorm-pending-authorization.repository.js';
import { IntrospectionController } from './introspection/introspection.controller.js';
import { IntrospectionService } from './introspection/introspection.service.js';
import { RevocationController } from './revocation/revocation.controller.js';
import { RevocationService } from './revocation/revocation.service.js';
import { ClientAuthenticator } from './token/client-authenticator.js';
import { ClientThrottle } from './token/client-throttle.js';
import { ThrottlingModule } from '../throttling/throttling.module.js';
import { AuthorizationCodeGrant } from './token/grants/authorization-code.grant.js';
import { ClientCredentialsGrant } from './token/grants/client-credentials.grant.js';
import { RefreshTokenGrant } from './token/grants/refresh-token.grant.js';
import { TokenController } from './token/token.controller.js';
import { TokenEndpoint } from './token/token-endpoint.service.js';
import { TokenIssuer } from './token/token-issuer.js';

/** The authorization server: the authorize, login/consent, token, introspection and revocation endpoints. */
@Module({
  imports: [
    AccountsModule,
    ClientRegistryModule,
    TokensModule,
    GrantsModule,
    OidcModule,
    ThrottlingModule,
    TypeOrmModule.forFeature([AuthorizationCodeEntity, PendingAuthorizationEntity]),
  ],
  controllers: [
    AuthorizeController,
    InteractionController,
    TokenController,
    IntrospectionController,
    RevocationController,
  ],
  providers: [
    AuthorizePipeline,
    PendingAuthorizationService,
    InteractionService,
    AuthorizationFlow,
    AuthorizationCodeService,
    ClientAuthenticator,
    ClientThrottle,
    TokenEndpoint,
    TokenIssuer,
    AuthorizationCodeGrant,
    RefreshTokenGrant,
    ClientCredentialsGrant,
    IntrospectionService,
    RevocationService,
    { provide: PendingAuthorizationRepository, useClass: TypeOrmPendingAuthorizationRepository },
    { provide: AuthorizationCodeRepository, useClass: TypeOrmAuthorizationCodeRepository },
  ],
})
export class AuthorizationModule {}
