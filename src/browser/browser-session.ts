import type { Session } from '@fastify/secure-session';
import Tokens from '@fastify/csrf';

declare module '@fastify/secure-session' {
  interface SessionData {
    /** Secret behind this browser's CSRF tokens. */
    csrfSecret: string;
    /** The login session's id (its hash is the database key). */
    loginSessionId: string;
  }
}

const tokens = Tokens();

/**
 * The browser's encrypted, authenticated cookie (HttpOnly, SameSite=Lax): it carries the
 * CSRF secret and the id of the user's login session, nothing else.
 */
export const BrowserSession = {
  /** A CSRF token for a form (synchronizer token bound to this browser's secret). */
  csrfToken(session: Session): string {
    let secret = session.get('csrfSecret');
    if (!secret) {
      secret = tokens.secretSync();
      session.set('csrfSecret', secret);
    }
    return tokens.create(secret);
  },

  csrfTokenIsValid(session: Session | undefined, token: unknown): boolean {
    const secret = session?.get('csrfSecret');
    return typeof secret === 'string' && typeof token === 'string' && tokens.verify(secret, token);
  },

  loginSessionId(session: Session | undefined): string | undefined {
    return session?.get('loginSessionId');
  },

  /** After a login: a fresh cookie with a new CSRF secret and the new login session (no fixation). */
  logIn(session: Session, loginSessionId: string): void {
    session.regenerate();
    session.set('csrfSecret', tokens.secretSync());
    session.set('loginSessionId', loginSessionId);
  },

  /** After a logout: nothing of the old session survives, not even its CSRF secret. */
  logOut(session: Session): void {
    session.regenerate();
  },
};
