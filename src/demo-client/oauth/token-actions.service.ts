import { Injectable } from '@nestjs/common';
import { DemoClientSettings } from '../demo-client-settings.js';
import { RecordingHttpClient } from '../inspector/recording-http-client.js';
import { appendEntry, LEGS } from '../inspector/timeline.js';
import { secretsOf, type DemoSession } from '../session/demo-session.js';
import { requireCredentials } from './client-registration.js';
import { exchangeEntry, problemOf } from './exchange-entry.js';
import { TokenResponses } from './token-responses.js';

/** What the client does with the tokens it holds: refresh (figure 2, (G) and (H)) and revoke (RFC 7009). */
@Injectable()
export class DemoTokenActions {
  constructor(
    private readonly settings: DemoClientSettings,
    private readonly http: RecordingHttpClient,
    private readonly responses: TokenResponses,
  ) {}

  /** RFC 6749 section 6, with the current refresh token. */
  async refresh(session: DemoSession): Promise<void> {
    const refreshToken = session.tokens?.refreshToken;
    if (refreshToken) await this.sendRefresh(session, refreshToken, false);
  }

  /** The refresh token the last refresh rotated away, sent again: what a thief holding a copy would do. */
  async replayPreviousRefreshToken(session: DemoSession): Promise<void> {
    const previous = session.previousRefreshToken;
    if (previous && session.tokens) await this.sendRefresh(session, previous, true);
  }

  /**
   * RFC 7009 section 2.1: revokes the refresh token (this server then ends its whole
   * authorization, access token included), or the access token when there is no refresh token.
   */
  async revoke(session: DemoSession): Promise<void> {
    const tokens = session.tokens;
    const credentials = requireCredentials(this.settings, session, LEGS.revocation);
    if (!tokens || !credentials || !session.endpoints) return;
    const [token, hint] = tokens.refreshToken
      ? [tokens.refreshToken, 'refresh_token']
      : [tokens.accessToken, 'access_token'];
    const outcome = await this.http.send(
      {
        method: 'POST',
        url: session.endpoints.revocation,
        form: { token, token_type_hint: hint },
        basic: { username: credentials.clientId, password: credentials.clientSecret },
      },
      secretsOf(session, credentials.clientSecret),
    );
    if (outcome.status === 200) tokens.revoked = true;
    const summary =
      outcome.status === 200
        ? `The client revoked its ${hint.replace('_', ' ')} (RFC 7009). This server ends the whole authorization with a ` +
          'refresh token, so the access token stops working at once too. The answer is 200 whether or not the token ' +
          'was still valid (section 2.2). The client keeps both only so that you can see them refused: call the API or refresh.'
        : `The server refused the revocation: ${problemOf(outcome)}.`;
    appendEntry(session.timeline, exchangeEntry(outcome, LEGS.revocation, 'Token revocation', summary));
  }

  private async sendRefresh(session: DemoSession, refreshToken: string, replayed: boolean): Promise<void> {
    const credentials = requireCredentials(this.settings, session, LEGS.refresh);
    if (!credentials || !session.endpoints) return;
    const outcome = await this.http.send(
      {
        method: 'POST',
        url: session.endpoints.token,
        form: { grant_type: 'refresh_token', refresh_token: refreshToken },
        basic: { username: credentials.clientId, password: credentials.clientSecret },
      },
      secretsOf(session, credentials.clientSecret),
    );
    this.responses.acceptRefresh(session, outcome, credentials.clientId, replayed);
  }
}
