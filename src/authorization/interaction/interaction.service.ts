import { Injectable } from '@nestjs/common';
import type { Session } from '@fastify/secure-session';
import { SignInService } from '../../accounts/sign-in.service.js';
import { BrowserSession } from '../../browser/browser-session.js';
import { ClientRegistry } from '../../client-registry/client-registry.service.js';
import { InvalidInteractionError } from '../../common/oauth-errors.js';
import { describeScope } from '../../common/scope-catalog.js';
import { GrantService } from '../../grants/grant.service.js';
import { loginIsFresh } from './authorization-flow.service.js';
import { PendingAuthorizationService } from './pending-authorization.service.js';

interface ScopeView {
  name: string;
  description: string;
}

/** The model of `views/interaction.hbs`: the login form or the consent form. */
export interface InteractionPage {
  interaction: string;
  clientName: string;
  csrfToken: string;
  login?: { username?: string; failed?: boolean };
  consent?: { username: string; scopes: ScopeView[]; alreadyGranted: ScopeView[] };
}

const view = (name: string): ScopeView => ({ name, description: describeScope(name) });

/** What the user sees for a pending authorization: login when needed, else consent to what is new. */
@Injectable()
export class InteractionService {
  constructor(
    private readonly pending: PendingAuthorizationService,
    private readonly clients: ClientRegistry,
    private readonly signIn: SignInService,
    private readonly grants: GrantService,
  ) {}

  async page(interaction: string, session: Session, failedLogin?: { username: string }): Promise<InteractionPage> {
    const pending = await this.pending.get(interaction);
    const client = await this.clients.find(pending.clientId);
    if (!client) throw new InvalidInteractionError('The application that started this request no longer exists.');
    const base = { interaction, clientName: client.name, csrfToken: BrowserSession.csrfToken(session) };
    const login = failedLogin ? null : await this.signIn.current(session);
    if (!login || !loginIsFresh(login, pending.loginRequiredAfter)) {
      return {
        ...base,
        login: { username: failedLogin?.username ?? login?.user.username, failed: Boolean(failedLogin) },
      };
    }
    // Ask only for what is new, unless prompt=consent asks again for everything.
    const granted = pending.consentRequired ? [] : await this.grants.grantedScopes(login.user.id, pending.clientId);
    return {
      ...base,
      consent: {
        username: login.user.username,
        scopes: pending.scopes.filter((s) => !granted.includes(s)).map(view),
        alreadyGranted: pending.scopes.filter((s) => granted.includes(s)).map(view),
      },
    };
  }
}
