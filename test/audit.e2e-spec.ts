import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecurityEventEntity } from '../src/database/entities/index.js';
import {
  decide,
  hiddenField,
  logIn,
  obtainCode,
  obtainTokens,
  startAuthorization,
  submitLogin,
  tokenRequest,
} from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

/** Keeps every line Nest logs. */
class LinesLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep = (...parts: unknown[]) => void this.lines.push(parts.map(String).join(' '));
  log = this.keep;
  error = this.keep;
  warn = this.keep;
  debug = this.keep;
  verbose = this.keep;
  fatal = this.keep;
}

/** The audit trail: each security event in the security_events table and in one JSON log line. */
describe('security events', () => {
  let t: TestApp;
  let client: RegisteredClient;
  const logger = new LinesLogger();
  const secrets: string[] = [];

  const events = (type: string) =>
    t.app
      .get(DataSource)
      .getRepository(SecurityEventEntity)
      .find({ where: { type }, order: { at: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' }, { logger });
    client = await t.registerClient();
    secrets.push(client.clientSecret!);
  });
  afterAll(() => t.close());

  it('records logins, consents, tokens, replays, reuse, revocation and throttling with time, user, client and IP', async () => {
    const user = await t.registerUser();
    secrets.push(user.password);

    // A failed and a successful login, a denied consent.
    const browser = t.browser();
    const request = {
      response_type: 'code',
      client_id: client.clientId,
      scope: 'profile',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    };
    const step = await startAuthorization(browser, request);
    expect(
      (
        await browser
          .post('/oauth/login')
          .type('form')
          .send({ interaction: step.interaction, _csrf: step.csrf, username: user.username, password: 'wrong' })
      ).status,
    ).toBe(401);
    const consent = await logIn(browser, await startAuthorization(browser, request), user.username, user.password);
    await decide(browser, consent, 'deny');

    // Consent given, tokens issued, then a replayed code and a reused refresh token.
    const { code, verifier } = await obtainCode(t, client, user, 'profile');
    secrets.push(code, verifier);
    const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: client.redirectUri };
    const tokens = (await tokenRequest(t, client, form)).body;
    secrets.push(tokens.access_token, tokens.refresh_token);
    await tokenRequest(t, client, form);
    const second = await obtainTokens(t, client, user, 'profile');
    await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: second.refresh_token });

    // A grant revoked on the account page, and a throttled login.
    const account = t.browser();
    const page = (await account.get('/account')).text;
    await account
      .post('/account/login')
      .type('form')
      .send({ _csrf: hiddenField(page, '_csrf'), username: user.username, password: user.password });
    const listed = (await account.get('/account')).text;
    const grantId = /action="\/account\/grants\/([^/]+)\/revoke"/.exec(listed)![1]!;
    await account
      .post(`/account/grants/${grantId}/revoke`)
      .type('form')
      .send({ _csrf: hiddenField(listed, '_csrf') });
    const throttled = t.browser();
    for (let i = 0; i < 3; i++)
      await submitLogin(throttled, await startAuthorization(throttled, request), 'target', 'guess').catch(
        () => undefined,
      );

    const expectEvent = async (type: string, who: { user?: string | null; client?: string | null }) => {
      const rows = await events(type);
      expect(rows.length).toBeGreaterThan(0);
      const row = rows.at(-1)!;
      expect(row.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(row.ip).toMatch(/127\.0\.0\.1/);
      if (who.user !== undefined) expect(row.userId).toBe(who.user);
      if (who.client !== undefined) expect(row.clientId).toBe(who.client);
    };
    await expectEvent('login_failed', { user: null });
    await expectEvent('login_succeeded', { user: user.id });
    await expectEvent('consent_denied', { user: user.id, client: client.clientId });
    await expectEvent('consent_granted', { user: user.id, client: client.clientId });
    await expectEvent('tokens_issued', { user: user.id, client: client.clientId });
    await expectEvent('code_replay_detected', { user: user.id, client: client.clientId });
    await expectEvent('refresh_token_reuse_detected', { user: user.id, client: client.clientId });
    await expectEvent('grant_revoked', { user: user.id });
    await expectEvent('throttled', {});

    // The same events reach the structured log, one JSON line each.
    const logged = logger.lines
      .filter((line) => line.startsWith('{') && line.endsWith(' SecurityEvent'))
      .map((line) => JSON.parse(line.slice(0, -' SecurityEvent'.length)));
    expect(new Set(logged.map((event) => event.type))).toEqual(
      new Set([
        'login_failed',
        'login_succeeded',
        'consent_denied',
        'consent_granted',
        'tokens_issued',
        'code_replay_detected',
        'refresh_token_reuse_detected',
        'grant_revoked',
        'throttled',
      ]),
    );

    // Never a secret, in the table or in the log.
    const stored = JSON.stringify(await t.app.get(DataSource).getRepository(SecurityEventEntity).find());
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(logger.lines.join('\n')).not.toContain(secret);
    }
  });
});
