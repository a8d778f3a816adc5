import { expect } from '@jest/globals';
import type request from 'supertest';
import { ClientRegistry } from '../../src/client-registry/client-registry.service.js';
import { GrantService } from '../../src/grants/grant.service.js';
import { BufferedRateLimiter } from '../../src/throttling/buffered-rate-limiter.js';
import { PURGED_TABLES, type PurgeCounts, type PurgedTable } from '../../src/retention/retention-store.js';
import { expectTokenError } from './expectations.js';
import { obtainCode, obtainTokens, revocationRequest, startAuthorization, tokenRequest } from './oauth-flow.js';
import { pkcePair } from './pkce.js';
import type { RegisteredClient, TestApp } from './test-app.js';

type Agent = ReturnType<typeof request.agent>;
export type User = { id: string; username: string; password: string };

/** Every instant column of the tables the purge clears. */
const INSTANTS: Record<PurgedTable, string[]> = {
  authorization_codes: ['auth_time', 'expires_at', 'redeemed_at'],
  pending_authorizations: ['login_required_after', 'created_at', 'expires_at'],
  login_sessions: ['auth_time', 'expires_at', 'ended_at'],
  refresh_tokens: ['created_at', 'expires_at', 'rotated_at'],
  token_families: ['auth_time', 'created_at', 'expires_at', 'revoked_at'],
  grants: ['created_at', 'updated_at', 'revoked_at'],
  revoked_access_tokens: ['expires_at', 'revoked_at'],
  deleted_clients: ['deleted_at'],
  rate_limits: ['window_start'],
  security_events: ['at'],
};

/** The clock moves on by `ms` for everything stored so far: each of its instants moves that far into the past. */
export async function advanceClock(t: TestApp, ms: number): Promise<void> {
  for (const [table, columns] of Object.entries(INSTANTS)) {
    const shifts = columns.map((column) => `${column} = ${column} - ?`).join(', ');
    await t.sql(
      `UPDATE ${table} SET ${shifts}`,
      columns.map(() => ms),
    );
  }
}

export async function rowCounts(t: TestApp): Promise<PurgeCounts> {
  // The back channel's request counters wait in memory for their next flush: write them now,
  // so that no flush adds a rate_limits row between these counts and a purge.
  await t.app.get(BufferedRateLimiter).flush();
  const counts = {} as PurgeCounts;
  for (const table of PURGED_TABLES) {
    counts[table] = Number((await t.sql<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  }
  return counts;
}

/** The traffic of one client and its users, step by step, checking each answer. */
export function trafficOf(t: TestApp, client: RegisteredClient) {
  const refresh = (refreshToken: string) =>
    tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
  const authorizationRequest = (browser: Agent) =>
    startAuthorization(browser, {
      response_type: 'code',
      client_id: client.clientId,
      scope: 'profile',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
  return {
    refresh,
    authorizationRequest,
    async rotate(refreshToken: string) {
      const res = await refresh(refreshToken);
      expect(res.status).toBe(200);
      return res.body as { access_token: string; refresh_token: string };
    },
    async revokeAccessToken(token: string) {
      expect((await revocationRequest(t, client, { token, token_type_hint: 'access_token' })).status).toBe(200);
    },
    /** The user revokes their grant on the account page (GrantService is what that page calls). */
    async revokeGrant(user: User) {
      const [grant] = await t.sql<{ id: string }>('SELECT id FROM grants WHERE user_id = ? AND revoked_at IS NULL', [
        user.id,
      ]);
      expect(await t.app.get(GrantService).revoke(user.id, grant!.id)).toBe(true);
    },
    /** The administrator deletes a client (another one: this one's traffic goes on); its id. */
    async deleteClient(): Promise<string> {
      const { clientId } = await t.registerClient();
      expect(await t.app.get(ClientRegistry).delete(clientId)).toBe(true);
      return clientId;
    },
    /** An authorization request nobody answers. */
    async abandon(): Promise<void> {
      await authorizationRequest(t.browser());
    },
    async failLogin(username: string): Promise<request.Response> {
      const browser = t.browser();
      const step = await authorizationRequest(browser);
      return browser
        .post('/oauth/login')
        .type('form')
        .send({ interaction: step.interaction, _csrf: step.csrf, username, password: 'wrong password' });
    },
  };
}

/**
 * One round of everything that writes a purged table: a code flow and a rotation, a reused
 * refresh token (its family revoked), a revoked access token, a revoked grant, a code never
 * redeemed, an abandoned authorization request, a failed login, a deleted client.
 */
export async function oneRound(
  t: TestApp,
  client: RegisteredClient,
  alice: User,
  bob: User,
  round: number,
): Promise<void> {
  const traffic = trafficOf(t, client);
  const tokens = await obtainTokens(t, client, alice);
  await traffic.rotate(tokens.refresh_token);
  expectTokenError(await traffic.refresh(tokens.refresh_token), 'invalid_grant');
  const bobs = await obtainTokens(t, client, bob);
  await traffic.revokeAccessToken(bobs.access_token);
  await traffic.revokeGrant(bob);
  await obtainCode(t, client, alice);
  await traffic.abandon();
  expect((await traffic.failLogin(`typo-${round}`)).status).toBe(401);
  await traffic.deleteClient();
}
