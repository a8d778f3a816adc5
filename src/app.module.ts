import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountPageModule } from './account/account.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthorizationModule } from './authorization/authorization.module.js';
import { ClientRegistryModule } from './client-registry/client-registry.module.js';
import { configNamespaces } from './config/index.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoClientModule } from './demo-client/demo-client.module.js';
import { DemoSpaModule } from './demo-spa/demo-spa.module.js';
import { DiscoveryModule } from './discovery/discovery.module.js';
import { DocsModule } from './docs/docs.module.js';
import { HealthModule } from './health/health.module.js';
import { AssetsController } from './pages/assets.controller.js';
import { HomeController } from './pages/home.controller.js';
import { ResourceModule } from './resource/resource.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { SeedModule } from './seed/seed.module.js';

/** The whole server: one process playing the authorization server and the resource server. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces }),
    DatabaseModule,
    AuditModule,
    ClientRegistryModule,
    AccountsModule,
    AccountPageModule,
    AuthorizationModule,
    DiscoveryModule,
    DocsModule,
    HealthModule,
    ResourceModule,
    RetentionModule.scheduled(),
    SeedModule,
    DemoClientModule,
    DemoSpaModule,
  ],
  controllers: [AssetsController, HomeController],
})
export class AppModule {}
