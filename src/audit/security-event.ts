/** The security events the audit trail records. */
export type SecurityEventType =
  | 'login_succeeded'
  | 'login_failed'
  | 'consent_granted'
  | 'consent_denied'
  | 'tokens_issued'
  | 'code_replay_detected'
  | 'refresh_token_reuse_detected'
  | 'grant_revoked'
  | 'throttled';

export interface SecurityEvent {
  type: SecurityEventType;
  userId?: string | null;
  clientId?: string | null;
  /** Non-secret details only: a username, scopes, a family or grant id, a reason. */
  detail?: Record<string, string | string[] | number | null>;
}
