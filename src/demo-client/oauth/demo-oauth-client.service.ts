import { Injectable } from '@nestjs/common';
import { DEMO_SCOPE, DemoClientSettings } from '../demo-client-settings.js';
import { maskFields, maskSecret } from '../inspector/masking.js';
import { RecordingHttpClient } from '../inspector/recording-http-client.js';
import { appendEntry, LEGS } from '../inspector/timeline.js';
import { secretsOf, type DemoSession, type PendingAuthorization } from '../session/demo-session.js';
import { authorizationParameters, authorizationUrl, newPendingAuthorization } from './authorization-request.js';
import { checkAuthorizationResponse, type AuthorizationResponse } from './authorization-response.js';
import { requireCredentials } from './client-registration.js';
import { ServerMetadata } from './server-metadata.js';
import { TokenResponses } from './token-responses.js';

/**
 * The demo client's side of the authorization code grant (RFC 6749 section 4.1, figure 3):
 * (A) the authorization request, (C) the response at its redirect URI, (D) and (E) the code
 * exchange. (B), the login and consent, happens between the browser and the server.
 */
@Injectable()
export class DemoOAuthClient {
  constructor(
    private readonly settings: DemoClientSettings,
    private readonly http: RecordingHttpClient,
    private readonly metadata: ServerMetadata,
    private readonly tokens: TokenResponses,
  ) {}

  /** (A): returns where to send the browser, or undefined when the client cannot start (recorded). */
  async startAuthorization(session: DemoSession): Promise<string | undefined> {
    const credentials = requireCredentials(this.settings, session, LEGS.authorizationRequest);
    if (!credentials) return undefined;
    const endpoints = await this.metadata.discover(session);
    if (!endpoints) return undefined;
    const pending = newPendingAuthorization(DEMO_SCOPE);
    const parameters = authorizationParameters(credentials.clientId, this.settings.redirectUri, pending);
    Object.assign(session, { endpoints, pending, lastState: pending.state, lastCode: undefined });
    appendEntry(session.timeline, {
      leg: LEGS.authorizationRequest,
      title: 'Authorization request',
      outcome: 'ok',
      summary:
        'The client sent your browser to the authorization server with its client_id, its redirect_uri, the ' +
        `scopes it wants (${pending.scope}), a random state to recognise the answer, and a PKCE code challenge: ` +
        'the SHA-256 of a code verifier it keeps secret (RFC 7636). The nonce will come back inside the ID token.',
      request: {
        method: 'GET',
        url: endpoints.authorization,
        paramsIn: 'query',
        params: parameters.map(([name, value]) => ({ name, value })),
        headers: [],
        sentBy: 'your browser, following the client’s 303 redirect',
      },
    });
    return authorizationUrl(endpoints.authorization, parameters);
  }

  /** (C), then (D) and (E) when every check passes. */
  async completeAuthorization(session: DemoSession, response: AuthorizationResponse): Promise<void> {
    // The request went to the trusted issuer: discovery refused metadata naming any other.
    const checks = checkAuthorizationResponse(session.pending, response, this.settings.issuer);
    const received = Object.entries(response)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => ({ name, value: String(value) }));
    const entry = {
      leg: LEGS.authorizationResponse,
      title: 'Authorization response',
      checks,
      request: {
        method: 'GET',
        url: this.settings.redirectUri,
        ...(received.length > 0 ? { paramsIn: 'query' as const } : {}),
        params: maskFields(received),
        headers: [],
        sentBy: 'your browser, redirected by the authorization server',
      },
    };
    const failed = checks.find((check) => !check.passed);
    if (failed) {
      // A forged or stale response changes nothing: a request still in progress stays so.
      const summary = `The client refused this response before reading anything else: ${failed.name} is ${failed.detail}. A response the client did not ask for may be forged (CSRF, RFC 6749 section 10.12) or meant for another server (mix-up, RFC 9207); any code in it is not used.`;
      appendEntry(session.timeline, { ...entry, outcome: 'refused', summary });
      return;
    }
    const pending = session.pending!;
    session.pending = undefined;
    if (response.error !== undefined || response.code === undefined) {
      appendEntry(session.timeline, { ...entry, outcome: 'refused', summary: describeError(response) });
      return;
    }
    session.lastCode = maskSecret(response.code);
    appendEntry(session.timeline, {
      ...entry,
      outcome: 'ok',
      summary:
        'After (B), your login and consent (between your browser and the server: the client sees none of it), ' +
        'the server sent your browser back with a single-use code. The client checked state and iss first.',
    });
    await this.exchangeCode(session, pending, response.code);
  }

  /** (D) and (E): RFC 6749 section 4.1.3 with the PKCE verifier (RFC 7636 section 4.5). */
  private async exchangeCode(session: DemoSession, pending: PendingAuthorization, code: string): Promise<void> {
    const credentials = requireCredentials(this.settings, session, LEGS.tokenRequest);
    if (!credentials) return;
    const outcome = await this.http.send(
      {
        method: 'POST',
        url: session.endpoints!.token,
        form: {
          grant_type: 'authorization_code',
          code,
          redirect_uri: this.settings.redirectUri,
          code_verifier: pending.codeVerifier,
        },
        basic: { username: credentials.clientId, password: credentials.clientSecret },
      },
      [...secretsOf(session, credentials.clientSecret), code, pending.codeVerifier],
    );
    this.tokens.acceptCodeExchange(session, outcome, credentials.clientId, pending);
  }
}

function describeError(response: AuthorizationResponse): string {
  if (response.error === 'access_denied') {
    return 'You denied access on the consent page, so the server sent your browser back with error=access_denied instead of a code (RFC 6749 section 4.1.2.1). The client gets no tokens.';
  }
  if (response.error === undefined) return 'The response carries neither a code nor an error: the client cannot go on.';
  const description = response.error_description ? ` (${response.error_description})` : '';
  return `The server answered the authorization request with error=${response.error}${description} instead of a code. The client gets no tokens.`;
}
