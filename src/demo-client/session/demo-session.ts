import { randomToken } from '../crypto.js';
import { emptyTimeline, type Timeline } from '../inspector/timeline.js';

/** The endpoints the client learnt from the server's metadata (RFC 8414), back-channel ones already mapped. */
export interface ServerEndpoints {
  authorization: string;
  token: string;
  revocation: string;
}

/** An authorization request the client sent and is waiting for the answer to (RFC 6749 section 4.1.1). */
export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  codeChallenge: string;
  nonce: string;
  scope: string;
}

/** The tokens the client holds, in clear: it needs them to use them (its store is encrypted, see session-seal). */
export interface HeldTokens {
  accessToken: string;
  /** Epoch milliseconds, from `expires_in` (RFC 6749 section 5.1) and the client's clock. */
  expiresAt: number;
  refreshToken?: string;
  idToken?: string;
  scope: string;
  /** The client revoked them (RFC 7009); it keeps them only to show that they are refused now. */
  revoked: boolean;
}

/** Everything the demo client remembers about one browser, keyed by its own cookie. */
export interface DemoSession {
  /** The client's own CSRF token for its forms (synchronizer token, RFC 9700 section 4.7 for the client). */
  csrfToken: string;
  endpoints?: ServerEndpoints;
  pending?: PendingAuthorization;
  /** The `state` of the last authorization request, kept for the inspector once it is answered. */
  lastState?: string;
  /** The last code received, masked: it is spent at once and never needed again. */
  lastCode?: string;
  tokens?: HeldTokens;
  /** The refresh token before the last rotation, kept so the demo can show it is refused now. */
  previousRefreshToken?: string;
  timeline: Timeline;
}

export function newDemoSession(): DemoSession {
  return { csrfToken: randomToken(), timeline: emptyTimeline() };
}

/** Every credential the session holds, for scrubbing from anything the inspector records. */
export function secretsOf(session: DemoSession, clientSecret?: string): (string | undefined)[] {
  return [
    clientSecret,
    session.pending?.codeVerifier,
    session.tokens?.accessToken,
    session.tokens?.refreshToken,
    session.tokens?.idToken,
    session.previousRefreshToken,
  ];
}
