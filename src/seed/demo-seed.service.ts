import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AccountService } from '../accounts/account.service.js';
import { ClientRegistry } from '../client-registry/client-registry.service.js';
import { appConfig } from '../config/app.config.js';
import { PROJECT_ROOT } from '../project-root.js';

export const DEMO_USER = { username: 'demo', password: 'demo-password', name: 'Demo User', email: 'demo@example.com' };
export const DEMO_CLIENT_ID = 'demo-client';

/** Where the demo client's secret is kept, since the database holds only its digest (git-ignored). */
const DEMO_CREDENTIALS_FILE = join(PROJECT_ROOT, 'data', 'demo-client.json');

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
    const secret = await this.ensureDemoClient();
    this.logger.log(
      [
        'Demo ready:',
        `  open        ${this.app.issuer}/oauth/authorize?response_type=code&client_id=${DEMO_CLIENT_ID}&scope=openid%20profile%20notes:read%20notes:write&state=xyz`,
        `  log in as   ${DEMO_USER.username} / ${DEMO_USER.password}`,
        `  client      ${DEMO_CLIENT_ID} / ${secret ?? '(secret not on this machine: see README, "Demo client")'}`,
      ].join('\n'),
    );
  }

  private async ensureDemoClient(): Promise<string | undefined> {
    if (await this.clients.find(DEMO_CLIENT_ID)) return readSavedSecret();
    const { clientSecret } = await this.clients.register({
      id: DEMO_CLIENT_ID,
      name: 'Demo Notes App',
      type: 'confidential',
      redirectUris: [`${this.app.issuer}/demo/callback`],
      scopes: ['openid', 'profile', 'email', 'notes:read', 'notes:write'],
    });
    mkdirSync(dirname(DEMO_CREDENTIALS_FILE), { recursive: true });
    writeFileSync(
      DEMO_CREDENTIALS_FILE,
      JSON.stringify({ client_id: DEMO_CLIENT_ID, client_secret: clientSecret }, null, 2),
      { mode: 0o600 },
    );
    return clientSecret;
  }
}

function readSavedSecret(): string | undefined {
  if (!existsSync(DEMO_CREDENTIALS_FILE)) return undefined;
  return (JSON.parse(readFileSync(DEMO_CREDENTIALS_FILE, 'utf8')) as { client_secret?: string }).client_secret;
}
