import { Injectable } from '@nestjs/common';
import { DEMO_SCOPE, DemoClientSettings } from '../demo-client-settings.js';
import { maskSecret } from '../inspector/masking.js';
import { decodeJwt } from '../oauth/jwt-claims.js';
import type { DemoSession, HeldTokens } from '../session/demo-session.js';
import { clockTime, timelineView, type EntryView } from './timeline-view.js';

/** One of the client's state variables, as the inspector shows it. */
export interface Variable {
  id: string;
  name: string;
  value: string;
  note?: string;
}

export interface TokenView {
  masked: string;
  header: string;
  claims: string;
}

/** The model of `views/demo.hbs`. */
export interface DemoPage {
  title: string;
  csrfToken: string;
  client: { clientId?: string; redirectUri: string; issuer: string; scope: string; credentialsFile: string };
  status: string;
  can: { callApi: boolean; refresh: boolean; replay: boolean; revoke: boolean };
  variables: Variable[];
  accessToken?: TokenView & { expiresAt: number; expiresAtIso: string; expiresAtText: string; revoked: boolean };
  idToken?: TokenView;
  timeline: EntryView[];
  dropped: number;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function tokenView(token: string): TokenView {
  const decoded = decodeJwt(token);
  return { masked: maskSecret(token), header: json(decoded?.header ?? {}), claims: json(decoded?.claims ?? {}) };
}

function status(session: DemoSession): string {
  if (session.pending)
    return 'Waiting for the authorization response (C): log in and decide at the authorization server.';
  if (session.tokens?.revoked) return 'Tokens revoked: the client still holds them, and the server refuses them.';
  if (session.tokens) return 'Connected: the client holds an access token for your account.';
  return 'Not connected: the client holds no token.';
}

function variables(session: DemoSession): Variable[] {
  const { pending, tokens, lastState, lastCode, previousRefreshToken } = session;
  const list: Variable[] = [];
  const add = (id: string, name: string, value: string, note: string) => list.push({ id, name, value, note });
  if (lastState)
    add('var-state', 'state', lastState, pending ? 'sent in (A), expected back in (C)' : 'came back in (C)');
  if (pending) {
    add('var-code-verifier', 'code_verifier', maskSecret(pending.codeVerifier), 'kept secret until (D)');
    add('var-code-challenge', 'code_challenge', pending.codeChallenge, 'S256 of the verifier, sent in (A)');
    add('var-nonce', 'nonce', pending.nonce, 'expected back inside the ID token');
  }
  if (lastCode) add('var-code', 'code', lastCode, 'spent in (D): it works once');
  if (tokens?.refreshToken) {
    add('var-refresh-token', 'refresh_token', maskSecret(tokens.refreshToken), tokens.revoked ? 'revoked' : 'for (G)');
  }
  if (previousRefreshToken) {
    add(
      'var-previous-refresh-token',
      'previous refresh_token',
      maskSecret(previousRefreshToken),
      'rotated away by the last refresh',
    );
  }
  if (tokens) add('var-scope', 'scope', tokens.scope, 'granted');
  return list;
}

function accessTokenView(tokens: HeldTokens): DemoPage['accessToken'] {
  return {
    ...tokenView(tokens.accessToken),
    expiresAt: tokens.expiresAt,
    expiresAtIso: new Date(tokens.expiresAt).toISOString(),
    expiresAtText: clockTime(tokens.expiresAt),
    revoked: tokens.revoked,
  };
}

/** What the demo page shows of a session: never a credential, only masked forms of them. */
@Injectable()
export class DemoPages {
  constructor(private readonly settings: DemoClientSettings) {}

  build(session: DemoSession): DemoPage {
    const { tokens } = session;
    return {
      title: 'Demo client',
      csrfToken: session.csrfToken,
      client: {
        clientId: this.settings.credentials()?.clientId,
        redirectUri: this.settings.redirectUri,
        issuer: this.settings.issuer,
        scope: DEMO_SCOPE,
        credentialsFile: this.settings.credentialsFile,
      },
      status: status(session),
      can: {
        callApi: Boolean(tokens),
        refresh: Boolean(tokens?.refreshToken),
        replay: Boolean(tokens && session.previousRefreshToken),
        revoke: Boolean(tokens && !tokens.revoked),
      },
      variables: variables(session),
      ...(tokens ? { accessToken: accessTokenView(tokens) } : {}),
      ...(tokens?.idToken ? { idToken: tokenView(tokens.idToken) } : {}),
      timeline: timelineView(session.timeline.entries),
      dropped: session.timeline.dropped,
    };
  }
}
