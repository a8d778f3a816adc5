import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ClientRegistryModule } from '../client-registry/client-registry.module.js';
import { DemoCallbackController } from './demo-callback.controller.js';
import { DemoSeed } from './demo-seed.service.js';

/** The demo user and client of a first start, and the page the demo client is redirected to. */
@Module({
  imports: [AccountsModule, ClientRegistryModule],
  controllers: [DemoCallbackController],
  providers: [DemoSeed],
})
export class SeedModule {}
