import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomToken, sha256 } from '../common/crypto.js';
import { secondsFromNow } from '../common/time.js';
import { tokensConfig } from '../config/tokens.config.js';
import { LoginSessionRepository, type LoginSession } from './login-session.repository.js';

/**
 * Resource owners' logins. The browser's encrypted cookie holds a random session id; the
 * database holds only its hash, so every instance sees the session and logout ends it
 * everywhere. Every login gets a new id (no session fixation).
 */
@Injectable()
export class LoginSessionService {
  constructor(
    private readonly sessions: LoginSessionRepository,
    @Inject(tokensConfig.KEY) private readonly config: ConfigType<typeof tokensConfig>,
  ) {}

  /**
   * @param now when the user entered their password: the session's `auth_time`.
   * @returns the new session's id, for the cookie only.
   */
  async start(userId: string, now = new Date()): Promise<string> {
    const id = randomToken(32);
    await this.sessions.insert({
      idHash: sha256(id),
      userId,
      authTime: now,
      expiresAt: secondsFromNow(this.config.loginSessionTtl, now),
      endedAt: null,
    });
    return id;
  }

  find(id: string | undefined): Promise<LoginSession | null> {
    return id ? this.sessions.findLive(sha256(id), new Date()) : Promise.resolve(null);
  }

  async end(id: string | undefined): Promise<void> {
    if (id) await this.sessions.end(sha256(id), new Date());
  }
}
