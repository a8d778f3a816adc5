import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Session } from '@fastify/secure-session';
import { AccountService } from '../../accounts/account.service.js';
import type { User } from '../../accounts/user.js';
import { LoginSessionService } from '../../accounts/login-session.service.js';
import { ClientRegistry } from '../../client-registry/client-registry.service.js';
import { InvalidInteractionError } from '../../common/oauth-errors.js';
import { describeScope } from '../../common/scope-catalog.js';
import { appConfig } from '../../config/app.config.js';
import { authorizationResponseUrl } from '../authorization-response.js';
import { AuthorizationCodeService } from '../codes/authorization-code.service.js';
import { GrantService } from '../../grants/grant.service.js';
import { BrowserSession } from './browser-session.js';
import { LoginFailedError } from './login-failed.error.js';
import type { PendingAuthorization } from './pending-authorization.repository.js';
import { PendingAuthorizationService } from './pending-authorization.service.js';

export interface LoggedInUser {
  user: User;
  authTime: Date;
}

/** The model of `views/interaction.hbs`: the login form or the consent form. */
export interface InteractionPage {
  interaction: string;
  clientName: string;
  csrfToken: string;
  login?: { username?: string; failed?: boolean };
  consent?: { username: string; scopes: { name: string; description: string }[] };
}

/** Login and consent for a pending authorization, up to the redirect back to the client. */
@Injectable()
export class InteractionService {
  constructor(
    private readonly pending: PendingAuthorizationService,
    private readonly clients: ClientRegistry,
    private readonly accounts: AccountService,
    private readonly loginSessions: LoginSessionService,
    private readonly grants: GrantService,
    private readonly codes: AuthorizationCodeService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** The page for this step: login when nobody is logged in, else consent. */
  async page(interaction: string, session: Session, failedLogin?: { username: string }): Promise<InteractionPage> {
    const pending = await this.pending.get(interaction);
    const client = await this.clients.find(pending.clientId);
    if (!client) throw new InvalidInteractionError('The application that started this request no longer exists.');
    const base = { interaction, clientName: client.name, csrfToken: BrowserSession.csrfToken(session) };
    const current = failedLogin ? null : await this.loggedInUser(session);
    if (!current) return { ...base, login: { username: failedLogin?.username, failed: Boolean(failedLogin) } };
    const scopes = pending.scopes.map((name) => ({ name, description: describeScope(name) }));
    return { ...base, consent: { username: current.user.username, scopes } };
  }

  /** Checks the password and starts a login session; every failure looks the same. */
  async logIn(interaction: string, username: string, password: string, session: Session): Promise<void> {
    await this.pending.get(interaction);
    const user = await this.accounts.authenticate(username, password);
    if (!user) throw new LoginFailedError(interaction, username);
    BrowserSession.logIn(session, await this.loginSessions.start(user.id));
  }

  /** The URL that answers the client: a code on approval, access_denied on denial. */
  async decide(pending: PendingAuthorization, login: LoggedInUser, decision: 'approve' | 'deny'): Promise<string> {
    await this.pending.complete(pending);
    if (decision === 'deny') {
      return authorizationResponseUrl(pending.redirectUri, this.app.issuer, {
        error: 'access_denied',
        error_description: 'The user denied the request',
        state: pending.state,
      });
    }
    const grant = await this.grants.recordConsent(login.user.id, pending.clientId, pending.scopes);
    const code = await this.codes.issue(pending, login.user.id, grant.id, login.authTime);
    return authorizationResponseUrl(pending.redirectUri, this.app.issuer, { code, state: pending.state });
  }

  async loggedInUser(session: Session | undefined): Promise<LoggedInUser | null> {
    const login = await this.loginSessions.find(BrowserSession.loginSessionId(session));
    const user = login ? await this.accounts.findById(login.userId) : null;
    return user && login ? { user, authTime: login.authTime } : null;
  }
}
