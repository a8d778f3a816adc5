import { Injectable } from '@nestjs/common';
import { DemoClientSettings } from '../demo-client-settings.js';
import type { HttpOutcome } from '../inspector/recording-http-client.js';
import { appendEntry, LEGS, type Check } from '../inspector/timeline.js';
import type { DemoSession, HeldTokens, PendingAuthorization } from '../session/demo-session.js';
import { asksForOpenId } from './authorization-request.js';
import { errorOf, exchangeEntry, outcomeOf, problemOf } from './exchange-entry.js';
import { checkIdToken, decodeJwt, type IdTokenExpectations } from './jwt-claims.js';

/** What a successful token response (RFC 6749 section 5.1) must hold before the client keeps anything. */
function checkTokenResponse(json: Record<string, unknown>, idToken: IdTokenExpectations | undefined): Check[] {
  const checks: Check[] = [
    {
      name: 'token_type',
      passed: typeof json.token_type === 'string' && json.token_type.toLowerCase() === 'bearer',
      detail: `${String(json.token_type)} (RFC 6750)`,
    },
    { name: 'access_token', passed: typeof json.access_token === 'string', detail: 'present' },
  ];
  if (idToken === undefined) return checks;
  if (typeof json.id_token !== 'string') return [...checks, { name: 'id_token', passed: false, detail: 'missing' }];
  return [...checks, ...checkIdToken(json.id_token, idToken)];
}

/** The tokens to hold after a successful response; what the response leaves out is kept from before. */
function heldTokens(json: Record<string, unknown>, before: HeldTokens | undefined, requested: string): HeldTokens {
  const accessToken = json.access_token as string;
  const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : undefined;
  const exp = decodeJwt(accessToken)?.claims.exp;
  return {
    accessToken,
    expiresAt:
      expiresIn !== undefined ? Date.now() + expiresIn * 1000 : typeof exp === 'number' ? exp * 1000 : Date.now(),
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : before?.refreshToken,
    idToken: typeof json.id_token === 'string' ? json.id_token : before?.idToken,
    // RFC 6749 section 5.1: without `scope`, the granted scope is the requested one.
    scope: typeof json.scope === 'string' ? json.scope : (before?.scope ?? requested),
    revoked: false,
  };
}

const firstFailure = (checks: Check[]) => checks.find((check) => !check.passed);

/** Reads token responses, (E) of figure 3 and (H) of figure 2, into the session and the timeline. */
@Injectable()
export class TokenResponses {
  constructor(private readonly settings: DemoClientSettings) {}

  acceptCodeExchange(
    session: DemoSession,
    outcome: HttpOutcome,
    clientId: string,
    pending: PendingAuthorization,
  ): void {
    const openid = asksForOpenId(pending.scope);
    const expectations = openid ? { issuer: this.settings.issuer, clientId, nonce: pending.nonce } : undefined;
    const checks = outcome.status === 200 && outcome.json ? checkTokenResponse(outcome.json, expectations) : [];
    const failed = firstFailure(checks);
    let summary: string;
    if (outcomeOf(outcome, checks) === 'ok') {
      session.tokens = heldTokens(outcome.json!, undefined, pending.scope);
      session.previousRefreshToken = undefined;
      summary =
        'The client sent the code to the token endpoint on the back channel, authenticated with its secret (HTTP ' +
        'Basic) and with the PKCE code verifier that proves it sent (A). The server answered with ' +
        `${describeTokens(outcome.json!)}${openid ? '; the client checked the ID token’s iss, aud, exp and nonce' : ''}.`;
    } else {
      summary = failed
        ? `The client refused the token response: ${failed.name} is ${failed.detail}. It keeps no token from it.`
        : `The server refused the code exchange (${problemOf(outcome)}).${why(outcome)}`;
    }
    appendEntry(
      session.timeline,
      exchangeEntry(outcome, LEGS.tokenRequest, 'Token request (code exchange)', summary, checks),
    );
  }

  /** @param replayed the refresh token sent was the one rotated away by the previous refresh. */
  acceptRefresh(session: DemoSession, outcome: HttpOutcome, clientId: string, replayed: boolean): void {
    const before = session.tokens!;
    const firstIdToken = before.idToken ? decodeJwt(before.idToken)?.claims : undefined;
    const expectations = firstIdToken
      ? { issuer: this.settings.issuer, clientId, subject: String(firstIdToken.sub) }
      : undefined;
    const checks = outcome.status === 200 && outcome.json ? checkTokenResponse(outcome.json, expectations) : [];
    const ok = outcomeOf(outcome, checks) === 'ok';
    if (ok) {
      session.previousRefreshToken = replayed ? undefined : before.refreshToken;
      session.tokens = heldTokens(outcome.json!, before, before.scope);
    } else if (replayed) {
      session.previousRefreshToken = undefined;
    }
    const title = replayed ? 'Refresh with the old refresh token' : 'Refresh';
    const summary = ok ? refreshed(outcome.json!, replayed) : refused(outcome, checks, replayed);
    appendEntry(session.timeline, exchangeEntry(outcome, LEGS.refresh, title, summary, checks));
  }
}

function describeTokens(json: Record<string, unknown>): string {
  const parts = [`an access token valid for ${String(json.expires_in ?? '?')} s`];
  if (typeof json.refresh_token === 'string') parts.push('a refresh token');
  if (typeof json.id_token === 'string') parts.push('an ID token');
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
}

function refreshed(json: Record<string, unknown>, replayed: boolean): string {
  if (replayed) {
    return 'The server accepted the old refresh token once more: REFRESH_TOKEN_REUSE_GRACE lets a just-rotated token be used again for a few seconds (two tabs, a lost answer).';
  }
  return (
    'The client traded its refresh token for new tokens on the back channel (RFC 6749 section 6): ' +
    `${describeTokens(json)}. The server rotated the refresh token: the one the client just sent is void now.`
  );
}

function refused(outcome: HttpOutcome, checks: Check[], replayed: boolean): string {
  const failed = firstFailure(checks);
  if (failed) {
    return `The client refused the token response: ${failed.name} is ${failed.detail}. It keeps its tokens from before.`;
  }
  if (replayed) {
    return (
      `The server refused the refresh token from before the last refresh (${problemOf(outcome)}): the refresh ` +
      'rotated it away. This server takes a rotated refresh token coming back as a sign of theft and ends every token ' +
      'of this authorization (RFC 9700 section 4.14.2): call the API to see the newest access token refused too.'
    );
  }
  const again =
    errorOf(outcome).error === 'invalid_grant'
      ? ' It is revoked, expired or already used: only a new authorization, from (A), gets new tokens.'
      : why(outcome);
  return `The server refused the refresh (${problemOf(outcome)}).${again}`;
}

/** What a refused code exchange means, by its RFC 6749 section 5.2 error. */
function why(outcome: HttpOutcome): string {
  switch (errorOf(outcome).error) {
    case 'invalid_grant':
      return ' A code works once, for a short time (60 s by default), for the client, redirect_uri and code verifier it was issued with.';
    case 'invalid_client':
      return ' The client’s secret does not match its registration: its credentials file is stale (npm run cli -- client:delete demo-client, then restart: the seed registers it again).';
    default:
      return '';
  }
}
