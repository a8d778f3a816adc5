import { describe, expect, it } from '@jest/globals';
import { testAppConfig } from '../../testing/fixtures.js';
import { DemoClientSettings } from '../demo-client-settings.js';
import type { HttpOutcome } from '../inspector/recording-http-client.js';
import { newDemoSession } from '../session/demo-session.js';
import { newPendingAuthorization } from './authorization-request.js';
import { TokenResponses } from './token-responses.js';

const ISSUER = 'https://id.example.test';
const CLIENT_ID = 'demo-client';
const settings = new DemoClientSettings(testAppConfig({ issuer: ISSUER }), { backChannelUrl: undefined });

/** An unsigned JWT with these claims: the client reads an ID token's claims without its signature. */
const jwt = (claims: Record<string, unknown>) =>
  [{ alg: 'ES256', typ: 'JWT' }, claims]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.') + '.c2lnbmF0dXJl';

/** A 200 token response, as the recording client returns it. */
const answered = (json: Record<string, unknown>): HttpOutcome => ({
  status: 200,
  json,
  request: { method: 'POST', url: `${ISSUER}/oauth/token`, params: [], headers: [] },
  response: { status: 200, headers: [] },
});

/** Feeds a code exchange's answer to the client and returns the session it leaves. */
function exchange(answer: (nonce: string) => Record<string, unknown>) {
  const session = newDemoSession();
  const pending = newPendingAuthorization('openid profile');
  new TokenResponses(settings).acceptCodeExchange(session, answered(answer(pending.nonce)), CLIENT_ID, pending);
  return { session, entry: session.timeline.entries.at(-1)! };
}

const idToken = (nonce: string) =>
  jwt({ iss: ISSUER, aud: CLIENT_ID, sub: 'user-1', exp: Math.floor(Date.now() / 1000) + 300, nonce });
const tokenResponse = (nonce: string) => ({
  access_token: 'access-token',
  token_type: 'Bearer',
  expires_in: 300,
  refresh_token: 'refresh-token',
  id_token: idToken(nonce),
});

describe('reading the token response (E)', () => {
  it('keeps the tokens of a response that passes every check', () => {
    const { session, entry } = exchange(tokenResponse);
    expect(entry.outcome).toBe('ok');
    expect(session.tokens).toMatchObject({ accessToken: 'access-token', refreshToken: 'refresh-token' });
  });

  it('RFC 6749 section 7.1: refuses a token_type other than Bearer, and keeps no token', () => {
    const { session, entry } = exchange((nonce) => ({ ...tokenResponse(nonce), token_type: 'mac' }));
    expect(entry.outcome).toBe('refused');
    expect(entry.checks).toContainEqual(expect.objectContaining({ name: 'token_type', passed: false }));
    expect(session.tokens).toBeUndefined();
  });

  it('OpenID Connect Core section 3.1.3.7: refuses an ID token with another nonce, and keeps no token', () => {
    const { session, entry } = exchange(() => tokenResponse('another-nonce'));
    expect(entry.outcome).toBe('refused');
    expect(entry.checks).toContainEqual(expect.objectContaining({ name: 'ID token nonce', passed: false }));
    expect(session.tokens).toBeUndefined();
  });
});
