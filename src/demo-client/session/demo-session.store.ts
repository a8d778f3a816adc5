/** One row of the demo client's own table, `demo_client_sessions`. */
export interface StoredDemoSession {
  idHash: string;
  sealedState: string;
  expiresAt: Date;
}

/** Storage port for the demo client's sessions: shared by every instance, kept across restarts. */
export abstract class DemoSessionStore {
  abstract find(idHash: string, now: Date): Promise<StoredDemoSession | null>;
  /** Inserts the row, or replaces the one with the same `idHash`. */
  abstract save(session: StoredDemoSession): Promise<void>;
  abstract deleteExpired(now: Date): Promise<void>;
}
