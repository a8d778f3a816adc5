import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ClientRegistryModule } from '../client-registry/client-registry.module.js';
import { DemoSeed } from './demo-seed.service.js';

/** The demo user and client of a first start (the client itself is src/demo-client). */
@Module({
  imports: [AccountsModule, ClientRegistryModule],
  providers: [DemoSeed],
})
export class SeedModule {}
