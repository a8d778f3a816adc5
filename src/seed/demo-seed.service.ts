import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AccountService } from '../accounts/account.service.js';
import { ClientRegistrationError, ClientRegistry } from '../client-registry/client-registry.service.js';
import { appConfig } from '../config/app.config.js';

export const DEMO_USER = { username: 'demo', password: 'demo-password', name: 'Demo User', email: 'demo@example.com' };
export const DEMO_CLIENT_ID = 'demo-client';

/**
 * On a first start (unless SEED_DEMO=false), creates a demo user and a confidential demo
 * client; on every start, prints what to open. Running it again changes nothing.
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly accounts: AccountService,
    private readonly clients: ClientRegistry,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.seedDemo) return;
    if (!(await this.accounts.findByUsername(DEMO_USER.username))) await this.accounts.register(DEMO_USER);
    try {
      await this.ensureDemoClient();
    } catch (error) {
      // An ISSUER the registry refuses as a redirect URI (plain http on a non-loopback host)
      // must not stop the server: say why the demo client is missing and carry on.
      if (!(error instanceof ClientRegistrationError)) throw error;
      this.logger.warn(`Demo client not created: its redirect URI ${error.message}. Use an https ISSUER or localhost.`);
      return;
    }
    this.logger.log(
      [
        'Demo ready:',
        `  open        ${this.app.issuer}/oauth/authorize?response_type=code&client_id=${DEMO_CLIENT_ID}&scope=openid%20profile%20notes:read%20notes:write&state=xyz`,
        `  log in as   ${DEMO_USER.username} / ${DEMO_USER.password}`,
        // The client secret stays out of the log (like every secret): it is in a file only this user can read.
        `  client      ${DEMO_CLIENT_ID}, secret in ${existsSync(this.app.demoClientFile) ? this.app.demoClientFile : '(not on this machine: delete the client and restart)'}`,
      ].join('\n'),
    );
  }

  private async ensureDemoClient(): Promise<void> {
    if (await this.clients.find(DEMO_CLIENT_ID)) return;
    const { clientSecret } = await this.clients.register({
      id: DEMO_CLIENT_ID,
      name: 'Demo Notes App',
      type: 'confidential',
      redirectUris: [`${this.app.issuer}/demo/callback`],
      scopes: ['openid', 'profile', 'email', 'notes:read', 'notes:write'],
    });
    mkdirSync(dirname(this.app.demoClientFile), { recursive: true });
    writeFileSync(
      this.app.demoClientFile,
      JSON.stringify({ client_id: DEMO_CLIENT_ID, client_secret: clientSecret }, null, 2),
      { mode: 0o600 },
    );
  }
}
