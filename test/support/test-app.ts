import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountService } from '../../src/accounts/account.service.js';
import { createApp } from '../../src/app.factory.js';
import type { ClientType } from '../../src/client-registry/client.js';
import { ClientRegistry } from '../../src/client-registry/client-registry.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const ISSUER = 'http://issuer.test';
export const REDIRECT_URI = 'http://localhost:8080/callback';

export interface RegisteredClient {
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** The temporary folder holding this app's SQLite file (and the demo client file, if seeded). */
  dataDir: string;
  /** The DATABASE_URL this app runs on (SQLite file, or its own PostgreSQL schema). */
  databaseUrl: string;
  /** A fresh supertest client for one-off requests (no cookies kept). */
  http(): ReturnType<typeof request>;
  /** A supertest agent that keeps cookies, like one browser. */
  browser(): ReturnType<typeof request.agent>;
  /**
   * Runs raw SQL on the app's own store, written with `?` placeholders: a test that moves an
   * expiry into the past instead of waiting reads the same on SQLite and PostgreSQL.
   */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  registerClient(options?: {
    type?: ClientType;
    redirectUris?: string[];
    scopes?: string[];
    grantTypes?: string[];
  }): Promise<RegisteredClient>;
  registerUser(username?: string, password?: string): Promise<{ id: string; username: string; password: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

/** `?` placeholders as the store wants them: PostgreSQL numbers them ($1, $2…). */
function portableSql(text: string, kind: TestDatabase['kind']): string {
  let n = 0;
  return kind === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
}

/**
 * Boots the real AppModule (exactly as main.ts does) on a temporary SQLite file.
 * `env` overrides configuration for this app only; `logger` receives Nest's log lines (none by default).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logger?: LoggerService } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-e2e-'));
  const database = await createTestDatabase(dir);
  const previous = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ISSUER,
    SESSION_SECRET: 'test-session-secret-that-is-long-enough',
    SEED_DEMO: 'false',
    DEMO_CLIENT_FILE: join(dir, 'demo-client.json'),
    PASSWORD_HASH_COST: '10',
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApp({ logger: options.logger ?? false });
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    process.env = previous;
  }
  const server = app.getHttpServer();
  const registry = app.get(ClientRegistry);
  const accounts = app.get(AccountService);

  return {
    app,
    dataDir: dir,
    databaseUrl: database.url,
    http: () => request(server),
    browser: () => request.agent(server),
    sql: (text, params = []) => app.get(DataSource).query(portableSql(text, database.kind), params),
    async registerClient(options = {}) {
      const redirectUris = options.redirectUris ?? [REDIRECT_URI];
      const { client, clientSecret } = await registry.register({
        name: 'Test Client',
        type: options.type ?? 'confidential',
        redirectUris,
        scopes: options.scopes ?? ['openid', 'profile', 'email', 'notes:read', 'notes:write'],
        grantTypes: options.grantTypes,
      });
      return { clientId: client.id, clientSecret, redirectUri: redirectUris[0]! };
    },
    async registerUser(username = `user${++userCounter}`, password = 'correct horse battery') {
      const user = await accounts.register({
        username,
        password,
        name: `Name of ${username}`,
        email: `${username}@example.com`,
      });
      return { id: user.id, username, password };
    },
    async close() {
      await app.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
