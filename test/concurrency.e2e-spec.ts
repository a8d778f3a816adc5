import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectBearerError } from './support/expectations.js';
import { obtainCode, obtainTokens, tokenRequest } from './support/oauth-flow.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

/**
 * Single use under concurrency, over HTTP: of 20 parallel uses of one code or one refresh
 * token exactly one succeeds, and the rest are answered as replay (RFC 6749 section 4.1.2,
 * RFC 9700 section 4.14.2). The database decides (see single-use.e2e-spec.ts).
 */
describe('20 parallel uses of one credential', () => {
  let t: TestApp;
  let client: RegisteredClient;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  it('one authorization code: exactly one 200, the rest invalid_grant, and the family is revoked', async () => {
    const { code, verifier } = await obtainCode(t, client, await t.registerUser(), 'profile');
    const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: client.redirectUri };
    const answers = await Promise.all(Array.from({ length: 20 }, () => tokenRequest(t, client, form)));
    const winners = answers.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((res) => res.status === 400 && res.body.error === 'invalid_grant')).toHaveLength(19);
    // The replays revoked what the winner got (section 4.1.2: tokens issued from a replayed code).
    expectBearerError(
      await t.http().get('/api/profile').auth(winners[0]!.body.access_token, { type: 'bearer' }),
      401,
      'invalid_token',
    );
  });

  it('one refresh token: exactly one 200, the rest invalid_grant, and the family is revoked', async () => {
    const tokens = await obtainTokens(t, client, await t.registerUser(), 'profile');
    const form = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token };
    const answers = await Promise.all(Array.from({ length: 20 }, () => tokenRequest(t, client, form)));
    const winners = answers.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((res) => res.status === 400 && res.body.error === 'invalid_grant')).toHaveLength(19);
    const refreshed = await tokenRequest(t, client, {
      grant_type: 'refresh_token',
      refresh_token: winners[0]!.body.refresh_token,
    });
    expect(refreshed.body.error).toBe('invalid_grant');
  });
});
