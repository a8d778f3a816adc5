import { Injectable } from '@nestjs/common';
import type { Session } from '@fastify/secure-session';
import { SecurityEvents } from '../audit/security-events.service.js';
import { BrowserSession } from '../browser/browser-session.js';
import { AccountService } from './account.service.js';
import { LoginSessionService } from './login-session.service.js';
import { LoginThrottle } from './login-throttle.js';
import type { User } from './user.js';

/** The user logged in to this browser, and when they last entered their password. */
export interface LoggedInUser {
  user: User;
  /** OpenID Connect Core section 2 `auth_time`. */
  authTime: Date;
}

/** Logging a browser in and out: the password check, the login session and the cookie together. */
@Injectable()
export class SignInService {
  constructor(
    private readonly accounts: AccountService,
    private readonly loginSessions: LoginSessionService,
    private readonly throttle: LoginThrottle,
    private readonly events: SecurityEvents,
  ) {}

  /**
   * @returns the user now logged in, or null when the credentials are wrong (one answer for
   *   every failure); 429 after too many failures for the account or from the IP.
   */
  async signIn(username: string, password: string, session: Session, ip: string): Promise<LoggedInUser | null> {
    await this.throttle.assertAllowed(username, ip);
    const user = await this.accounts.authenticate(username, password);
    if (!user) {
      await this.throttle.recordFailure(username, ip);
      await this.events.record({ type: 'login_failed', detail: { username } });
      return null;
    }
    await this.throttle.recordSuccess(username);
    await this.events.record({ type: 'login_succeeded', userId: user.id });
    // One instant for the session and this login's code, so both report the same auth_time.
    const authTime = new Date();
    BrowserSession.logIn(session, await this.loginSessions.start(user.id, authTime));
    return { user, authTime };
  }

  async current(session: Session | undefined): Promise<LoggedInUser | null> {
    const login = await this.loginSessions.find(BrowserSession.loginSessionId(session));
    const user = login ? await this.accounts.findById(login.userId) : null;
    return user && login ? { user, authTime: login.authTime } : null;
  }

  /** Ends the login session everywhere and gives the browser a fresh, empty cookie. */
  async signOut(session: Session): Promise<void> {
    await this.loginSessions.end(BrowserSession.loginSessionId(session));
    BrowserSession.logOut(session);
  }
}
