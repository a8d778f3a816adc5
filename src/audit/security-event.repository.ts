export interface StoredSecurityEvent {
  readonly id: string;
  readonly type: string;
  readonly at: Date;
  readonly userId: string | null;
  readonly clientId: string | null;
  readonly ip: string | null;
  readonly detail: string | null;
}

/** Storage port for the audit trail. */
export abstract class SecurityEventRepository {
  abstract insert(event: StoredSecurityEvent): Promise<void>;
}
