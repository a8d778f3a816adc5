import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { appConfig } from '../../config/app.config.js';
import { randomToken, sameSecret } from '../crypto.js';
import { newDemoSession, type DemoSession } from './demo-session.js';
import { DemoSessionStore } from './demo-session.store.js';
import { seal, sessionIdHash, unseal } from './session-seal.js';

/** The demo client's own cookie: not the server's `oauth_session`, which a third party never sees. */
export const DEMO_SESSION_COOKIE = 'demo_client_session';
/** Idle lifetime: each request of the session moves its end this far ahead. */
const DEMO_SESSION_TTL_SECONDS = 8 * 3600;
const COOKIE_ID = /^[A-Za-z0-9_-]{43}$/;

export interface OpenedDemoSession {
  /** The cookie's value: 256 random bits, known only to the browser. */
  id: string;
  state: DemoSession;
}

/** Loads, creates and saves the demo client's sessions, and says how its cookie is set. */
@Injectable()
export class DemoSessions {
  private readonly secureCookie: boolean;

  constructor(
    private readonly store: DemoSessionStore,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    this.secureCookie = app.issuer.startsWith('https://');
  }

  /** The session named by the cookie, or a new one when there is none (unknown, expired or unreadable). */
  async open(cookie: string | undefined, now = new Date()): Promise<OpenedDemoSession> {
    if (cookie !== undefined && COOKIE_ID.test(cookie)) {
      const stored = await this.store.find(sessionIdHash(cookie), now);
      const state = stored ? (unseal(cookie, stored.sealedState) as DemoSession | undefined) : undefined;
      if (state) return { id: cookie, state };
    }
    // Sessions are made one browser at a time: a good moment to forget the expired ones.
    await this.store.deleteExpired(now);
    return { id: randomToken(), state: newDemoSession() };
  }

  async save(session: OpenedDemoSession, now = new Date()): Promise<void> {
    await this.store.save({
      idHash: sessionIdHash(session.id),
      sealedState: seal(session.id, session.state),
      expiresAt: new Date(now.getTime() + DEMO_SESSION_TTL_SECONDS * 1000),
    });
  }

  /** The client's forms carry its CSRF token; compared in constant time. */
  csrfTokenIsValid(state: DemoSession, token: unknown): boolean {
    return typeof token === 'string' && sameSecret(token, state.csrfToken);
  }

  /** HttpOnly and SameSite=Lax like the server's cookie, but scoped to the client's own path. */
  cookieOptions(): CookieSerializeOptions {
    return {
      path: '/demo',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookie,
      maxAge: DEMO_SESSION_TTL_SECONDS,
    };
  }
}
