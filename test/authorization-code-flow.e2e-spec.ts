import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import { decide, logIn, obtainCode, startAuthorization, tokenRequest } from './support/oauth-flow.js';
import { pkcePair } from './support/pkce.js';
import { ISSUER, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

describe('the three-legged flow, end to end', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: { id: string; username: string; password: string };

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  it('authorize -> login -> consent -> token -> API -> refresh -> old refresh token refused', async () => {
    const browser = t.browser();
    const { verifier, challenge } = pkcePair();
    const login = await startAuthorization(browser, {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: 'profile notes:read notes:write',
      state: 'af0ifjsldkj',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(login.html).toContain('Test Client');
    expect(login.html).toContain('name="password"');

    const consent = await logIn(browser, login, user.username, user.password);
    expect(consent.html).toContain('Read your notes');
    expect(consent.html).not.toContain('name="password"');

    const { url, params } = await decide(browser, consent, 'approve');
    expect(`${url.origin}${url.pathname}`).toBe(client.redirectUri);
    expect(params).toEqual({ code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), state: 'af0ifjsldkj', iss: ISSUER });

    const token = await tokenRequest(t, client, {
      grant_type: 'authorization_code',
      code: params.code!,
      code_verifier: verifier,
      redirect_uri: client.redirectUri,
    });
    expect(token.status).toBe(200);
    expect(token.headers['cache-control']).toBe('no-store');
    expect(token.headers['pragma']).toBe('no-cache');
    expect(token.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: expect.any(String),
      scope: 'profile notes:read notes:write',
    });

    const profile = await t.http().get('/api/profile').auth(token.body.access_token, { type: 'bearer' });
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({
      sub: user.id,
      username: user.username,
      name: `Name of ${user.username}`,
      email: `${user.username}@example.com`,
    });

    const refreshed = await tokenRequest(t, client, {
      grant_type: 'refresh_token',
      refresh_token: token.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(token.body.refresh_token);
    const again = await t.http().get('/api/profile').auth(refreshed.body.access_token, { type: 'bearer' });
    expect(again.status).toBe(200);

    const reused = await tokenRequest(t, client, {
      grant_type: 'refresh_token',
      refresh_token: token.body.refresh_token,
    });
    expectTokenError(reused, 'invalid_grant');
  });

  it('a rotated refresh token used again revokes the whole family, including the newest tokens', async () => {
    const { code, verifier } = await obtainCode(t, client, user);
    const first = (
      await tokenRequest(t, client, {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: client.redirectUri,
      })
    ).body;
    const second = (await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: first.refresh_token }))
      .body;

    expectTokenError(
      await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      'invalid_grant',
    );
    expectTokenError(
      await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: second.refresh_token }),
      'invalid_grant',
    );
    expectBearerError(
      await t.http().get('/api/profile').auth(second.access_token, { type: 'bearer' }),
      401,
      'invalid_token',
    );
  });
});
