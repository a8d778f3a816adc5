import { Injectable } from '@nestjs/common';
import type { Session } from '@fastify/secure-session';
import { SignInService } from '../accounts/sign-in.service.js';
import { BrowserSession } from '../browser/browser-session.js';
import { ClientRegistry } from '../client-registry/client-registry.service.js';
import { describeScope } from '../common/scope-catalog.js';
import { GrantService } from '../grants/grant.service.js';

export interface ConnectedApp {
  grantId: string;
  clientName: string;
  scopes: { name: string; description: string }[];
  grantedAt: string;
  updatedAt: string;
}

/** The model of `views/account.hbs`: the login form, or the user's connected apps. */
export interface AccountPage {
  title: string;
  csrfToken: string;
  failed?: boolean;
  user?: { username: string; name: string | null };
  apps?: ConnectedApp[];
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** What a resource owner sees of their grants. */
@Injectable()
export class AccountPageService {
  constructor(
    private readonly signIn: SignInService,
    private readonly grants: GrantService,
    private readonly clients: ClientRegistry,
  ) {}

  async page(session: Session, failedLogin: boolean): Promise<AccountPage> {
    const base = { title: 'Your account', csrfToken: BrowserSession.csrfToken(session) };
    const login = await this.signIn.current(session);
    if (!login) return { ...base, failed: failedLogin };
    const grants = await this.grants.listLive(login.user.id);
    const apps = await Promise.all(
      grants.map(async (grant) => ({
        grantId: grant.id,
        clientName: (await this.clients.find(grant.clientId))?.name ?? grant.clientId,
        scopes: grant.scopes.map((name) => ({ name, description: describeScope(name) })),
        grantedAt: when(grant.createdAt),
        updatedAt: when(grant.updatedAt),
      })),
    );
    return { ...base, user: { username: login.user.username, name: login.user.name }, apps };
  }
}
