import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ClientRegistryModule } from '../client-registry/client-registry.module.js';
import { configNamespaces } from '../config/index.js';
import { AuditModule } from '../audit/audit.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { KeysModule } from '../keys/keys.module.js';
import { RetentionModule } from '../retention/retention.module.js';

/** The administration CLI: the same config and data layer as the server, without HTTP. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces }),
    DatabaseModule,
    AuditModule,
    ClientRegistryModule,
    AccountsModule,
    KeysModule,
    RetentionModule,
  ],
})
export class CliModule {}
