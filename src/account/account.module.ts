import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ClientRegistryModule } from '../client-registry/client-registry.module.js';
import { GrantsModule } from '../grants/grants.module.js';
import { AccountController } from './account.controller.js';
import { AccountPageService } from './account-page.service.js';

/** `/account` and `/logout`: the resource owner's control over what they granted. */
@Module({
  imports: [AccountsModule, ClientRegistryModule, GrantsModule],
  controllers: [AccountController],
  providers: [AccountPageService],
})
export class AccountPageModule {}
