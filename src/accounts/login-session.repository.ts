export interface LoginSession {
  readonly idHash: string;
  readonly userId: string;
  readonly authTime: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
}

/** Storage port for login sessions, so that every instance sees every session. */
export abstract class LoginSessionRepository {
  abstract insert(session: LoginSession): Promise<void>;
  abstract findLive(idHash: string, now: Date): Promise<LoginSession | null>;
  abstract end(idHash: string, now: Date): Promise<void>;
}
