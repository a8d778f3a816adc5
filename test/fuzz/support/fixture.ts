import { expect } from '@jest/globals';
import {
  introspectionRequest,
  obtainCode,
  obtainTokens,
  revocationRequest,
  tokenRequest,
} from '../../support/oauth-flow.js';
import { startTestApp, type RegisteredClient, type TestApp } from '../../support/test-app.js';

export const FULL_SCOPE = 'openid profile email notes:read notes:write';

type User = { username: string; password: string };
type Tokens = Awaited<ReturnType<typeof obtainTokens>>;

/** A booted app, its clients, and the tokens obtained before the fuzzing. */
export interface FuzzFixture {
  t: TestApp;
  confidential: RegisteredClient;
  publicClient: RegisteredClient;
  /** The owner of the baseline tokens; the fuzzer never names this user (a lockout would be legitimate). */
  user: User;
  /**
   * Tokens that must survive the fuzzing. The fuzzer sends them only with client
   * credentials that must fail, so nothing it does may legitimately end them.
   */
  baseline: { confidential: Tokens; publicClient: Tokens };
  /** Real material the fuzzer uses freely (and may legitimately use up or revoke). */
  decoy: {
    user: User;
    confidential: Tokens;
    publicClient: Tokens;
    codes: string[];
    verifiers: string[];
    revoked: Tokens;
  };
  /** Every registered redirect_uri, by client_id. */
  redirectUris: Record<string, string[]>;
}

/**
 * The fuzzer and the happy flow share 127.0.0.1: the per-IP login and per-client limits are
 * raised so the happy flow is not answered 429 afterwards (the per-account limit stays).
 */
const FUZZ_ENV = { LOGIN_MAX_FAILURES_PER_IP: '1000000', CLIENT_REQUESTS_PER_MINUTE: '1000000' };

/**
 * Boots the app and obtains, through the real flow, the baseline tokens (a confidential and
 * a public client, every scope) and the decoy material: another user's tokens, two unredeemed
 * codes and a revoked family.
 */
export async function startFuzzFixture(): Promise<FuzzFixture> {
  const t = await startTestApp(FUZZ_ENV);
  try {
    return await obtainMaterial(t);
  } catch (error) {
    // afterAll has no fixture to close when this fails: the app is closed here, not left running.
    await t.close();
    throw error;
  }
}

async function obtainMaterial(t: TestApp): Promise<FuzzFixture> {
  // Listening once lets supertest send many requests at a time (it would otherwise listen per request).
  await t.app.listen(0, '127.0.0.1');
  const confidential = await t.registerClient();
  const publicClient = await t.registerClient({ type: 'public', redirectUris: ['http://localhost:5173/cb'] });
  const user = await t.registerUser();
  const decoyUser = await t.registerUser();
  const baseline = {
    confidential: await obtainTokens(t, confidential, user, FULL_SCOPE),
    publicClient: await obtainTokens(t, publicClient, user, FULL_SCOPE),
  };
  const codes = [
    await obtainCode(t, confidential, decoyUser, FULL_SCOPE),
    await obtainCode(t, publicClient, decoyUser),
  ];
  const revoked = await obtainTokens(t, confidential, decoyUser, FULL_SCOPE);
  expect((await revocationRequest(t, confidential, { token: revoked.refresh_token })).status).toBe(200);
  return {
    t,
    confidential,
    publicClient,
    user,
    baseline,
    decoy: {
      user: decoyUser,
      confidential: await obtainTokens(t, confidential, decoyUser, FULL_SCOPE),
      publicClient: await obtainTokens(t, publicClient, decoyUser, FULL_SCOPE),
      codes: codes.map((c) => c.code),
      verifiers: codes.map((c) => c.verifier),
      revoked,
    },
    redirectUris: {
      [confidential.clientId]: [confidential.redirectUri],
      [publicClient.clientId]: [publicClient.redirectUri],
    },
  };
}

const bearer = (f: FuzzFixture, path: string, token: string) => f.t.http().get(path).auth(token, { type: 'bearer' });

/** Every baseline token still works: introspection says active, the API and UserInfo answer, refresh rotates. */
export async function expectBaselineIntact(f: FuzzFixture): Promise<void> {
  const { access_token, refresh_token } = f.baseline.confidential;
  const introspected = await Promise.all(
    [access_token, refresh_token].map(
      async (token) => (await introspectionRequest(f.t, f.confidential, { token })).body,
    ),
  );
  expect(introspected.map((body) => body.active)).toEqual([true, true]);
  for (const [client, tokens] of [
    [f.confidential, f.baseline.confidential],
    [f.publicClient, f.baseline.publicClient],
  ] as const) {
    const answers = [
      (await bearer(f, '/api/profile', tokens.access_token)).status,
      (await bearer(f, '/oauth/userinfo', tokens.access_token)).status,
      (await tokenRequest(f.t, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status,
    ];
    expect({ client: client.clientId, answers }).toEqual({ client: client.clientId, answers: [200, 200, 200] });
  }
}

/** A new user completes the whole flow with each client: login, consent, code, tokens, API, refresh, revocation. */
export async function expectHappyFlow(f: FuzzFixture): Promise<void> {
  const user = await f.t.registerUser();
  for (const client of [f.confidential, f.publicClient]) {
    const tokens = await obtainTokens(f.t, client, user, FULL_SCOPE);
    expect((await bearer(f, '/api/profile', tokens.access_token)).body.username).toBe(user.username);
    const refreshed = await tokenRequest(f.t, client, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect((await revocationRequest(f.t, client, { token: refreshed.body.refresh_token })).status).toBe(200);
    expect((await bearer(f, '/api/notes', refreshed.body.access_token)).status).toBe(401);
  }
}
