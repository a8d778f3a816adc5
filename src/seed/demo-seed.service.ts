import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AccountService } from '../accounts/account.service.js';
import { ClientRegistrationError, ClientRegistry } from '../client-registry/client-registry.service.js';
import { appConfig } from '../config/app.config.js';
import { demoClientRedirectUri } from '../demo-client/demo-client-settings.js';
import { DEMO_SPA_CLIENT_ID, demoSpaRegistration } from '../demo-spa/demo-spa-client.js';

export const DEMO_USER = { username: 'demo', password: 'demo-password', name: 'Demo User', email: 'demo@example.com' };
export const DEMO_CLIENT_ID = 'demo-client';

/**
 * On a first start (unless SEED_DEMO=false), creates a demo user, a confidential demo client
 * and the single-page app's public client; on every start, prints what to open. Running it
 * again changes nothing.
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
      await this.ensureDemoSpaClient();
    } catch (error) {
      // An ISSUER the registry refuses as a redirect URI (plain http on a non-loopback host)
      // must not stop the server: say why the demo clients are missing and carry on.
      if (!(error instanceof ClientRegistrationError)) throw error;
      this.logger.warn(
        `Demo clients not created: their redirect URI ${error.message}. Use an https ISSUER or localhost.`,
      );
      return;
    }
    // One line, so that it reads whole in a JSON log line too. The demo client (src/demo-client)
    // reads its secret from DEMO_CLIENT_FILE, like any client reads its configuration.
    this.logger.log(`Demo ready: open ${this.app.issuer}/ and log in as ${DEMO_USER.username} / ${DEMO_USER.password}`);
  }

  private async ensureDemoClient(): Promise<void> {
    if (await this.clients.find(DEMO_CLIENT_ID)) return;
    const { clientSecret } = await this.clients.register({
      id: DEMO_CLIENT_ID,
      name: 'Demo Notes App',
      type: 'confidential',
      redirectUris: [demoClientRedirectUri(this.app.issuer)],
      scopes: ['openid', 'profile', 'email', 'notes:read', 'notes:write'],
    });
    mkdirSync(dirname(this.app.demoClientFile), { recursive: true });
    writeFileSync(
      this.app.demoClientFile,
      JSON.stringify({ client_id: DEMO_CLIENT_ID, client_secret: clientSecret }, null, 2),
      { mode: 0o600 },
    );
  }

  /** The public client of `/demo/spa`: nothing to save, it has no secret. */
  private async ensureDemoSpaClient(): Promise<void> {
    if (!(await this.clients.find(DEMO_SPA_CLIENT_ID)))
      await this.clients.register(demoSpaRegistration(this.app.issuer));
  }
}
