import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AccountService } from '../src/accounts/account.service.js';
import { ClientRegistry } from '../src/client-registry/client-registry.service.js';
import { DEMO_SPA_CLIENT_ID } from '../src/demo-spa/demo-spa-client.js';
import { DEMO_CLIENT_ID, DEMO_USER, DemoSeed } from '../src/seed/demo-seed.service.js';
import { tokenRequest, obtainCode } from './support/oauth-flow.js';
import { startTestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
const SERVER = join(process.cwd(), 'dist', 'src', 'main.js');

/** Runs the built CLI on its own database (a DATABASE_URL); resolves with exit code, stdout and stderr. */
async function cli(database: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: database, PASSWORD_HASH_COST: '10', NODE_OPTIONS: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('administration CLI', () => {
  let dir: string;
  let store: TestDatabase;
  let database: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Run `npm run build` first: this spec runs the built CLI');
    dir = mkdtempSync(join(tmpdir(), 'oauth-cli-'));
    store = await createTestDatabase(dir);
    database = store.url;
  });
  afterAll(async () => {
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('client:create prints one JSON object with client_id and a 256-bit client_secret, shown once', async () => {
    const created = await cli(
      database,
      'client:create',
      '--name',
      'My App',
      '--redirect-uri',
      'https://app.example/cb',
      '--redirect-uri',
      'http://localhost:9000/cb',
      '--scope',
      'openid profile notes:read',
    );
    expect(created.code).toBe(0);
    const client = JSON.parse(created.stdout);
    expect(client).toMatchObject({
      client_name: 'My App',
      client_type: 'confidential',
      redirect_uris: ['https://app.example/cb', 'http://localhost:9000/cb'],
      scope: 'openid profile notes:read',
    });
    expect(Buffer.from(client.client_secret, 'base64url')).toHaveLength(32);

    const listed = JSON.parse((await cli(database, 'client:list')).stdout);
    expect(listed).toEqual([expect.objectContaining({ client_id: client.client_id })]);
    expect(JSON.stringify(listed)).not.toContain(client.client_secret);
  });

  it('--public registers a client without a secret', async () => {
    const created = JSON.parse(
      (
        await cli(
          database,
          'client:create',
          '--name',
          'SPA',
          '--redirect-uri',
          'http://127.0.0.1:5173/cb',
          '--scope',
          'profile',
          '--public',
        )
      ).stdout,
    );
    expect(created.client_type).toBe('public');
    expect(created.client_secret).toBeUndefined();
  });

  it.each([
    [['--name', 'X', '--redirect-uri', 'http://evil.example/cb', '--scope', 'profile'], /must use https/],
    [['--name', 'X', '--redirect-uri', 'https://a.example/cb#frag', '--scope', 'profile'], /fragment/],
    [['--name', 'X', '--redirect-uri', 'https://a.example/*', '--scope', 'profile'], /wildcard/],
    [['--name', 'X', '--redirect-uri', 'not a uri', '--scope', 'profile'], /not an absolute URI/],
    [['--name', 'X', '--redirect-uri', 'https://a.example/cb', '--scope', 'profile admin'], /unknown scope "admin"/],
    [['--name', 'X', '--redirect-uri', 'https://a.example/cb'], /--scope is required/],
    [['--name', 'X', '--scope', 'profile'], /at least one redirect URI/],
    [['--bogus'], /Unknown option/],
  ])('client:create %j fails with a clear message and exit code 1', async (args, message) => {
    const result = await cli(database, 'client:create', ...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('user:create stores a user whose password is hashed; user:list never shows it', async () => {
    const created = await cli(
      database,
      'user:create',
      '--username',
      'alice',
      '--password',
      'long passphrase',
      '--name',
      'Alice',
      '--email',
      'alice@example.com',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ username: 'alice', name: 'Alice', email: 'alice@example.com' });
    const listed = await cli(database, 'user:list');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ username: 'alice' })]);
    expect(listed.stdout).not.toContain('passphrase');
    expect(listed.stdout).not.toContain('scrypt');
  });

  it('user:create refuses a taken username and a short password', async () => {
    expect(
      (await cli(database, 'user:create', '--username', 'alice', '--password', 'another passphrase')).stderr,
    ).toMatch(/taken/);
    const short = await cli(database, 'user:create', '--username', 'bob', '--password', 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 8 characters/);
  });

  it('client:delete removes a client; an unknown id or command is an error', async () => {
    const { client_id } = JSON.parse(
      (
        await cli(
          database,
          'client:create',
          '--name',
          'Temp',
          '--redirect-uri',
          'https://t.example/cb',
          '--scope',
          'profile',
        )
      ).stdout,
    );
    expect(JSON.parse((await cli(database, 'client:delete', client_id)).stdout)).toEqual({ deleted: client_id });
    expect((await cli(database, 'client:delete', client_id)).code).toBe(1);
    const unknown = await cli(database, 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});

describe('configuration is validated at start-up', () => {
  async function startServer(env: Record<string, string>) {
    try {
      await run('node', [SERVER], { env: { ...process.env, NODE_OPTIONS: '', PORT: '0', ...env }, timeout: 20000 });
      return { code: 0, stderr: '' };
    } catch (error) {
      return error as { code: number; stderr: string };
    }
  }

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number'],
    [{ ISSUER: 'ftp://id.example' }, 'ISSUER must be an http(s) URL'],
    [{ ISSUER: 'https://id.example/?x=1' }, 'ISSUER must not have a query or fragment'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET is required when NODE_ENV=production'],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'too-short' }, 'SESSION_SECRET must be at least 32 characters'],
    [{ ACCESS_TOKEN_TTL: '5' }, 'ACCESS_TOKEN_TTL must be between 30 and 86400 seconds'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must be sqlite:<path> or postgres://'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false'],
  ])('%j: exits with 1 and says "%s"', async (env, message) => {
    const result = await startServer(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('demo seed', () => {
  it('creates the demo user and a confidential demo client once, and both work in the flow', async () => {
    const t = await startTestApp({ SEED_DEMO: 'true', ISSUER: 'http://localhost:3000' });
    try {
      await t.app.get(DemoSeed).onApplicationBootstrap();
      expect((await t.app.get(AccountService).list()).filter((u) => u.username === DEMO_USER.username)).toHaveLength(1);
      const clients = await t.app.get(ClientRegistry).list();
      expect(clients.map((c) => c.id).sort()).toEqual([DEMO_CLIENT_ID, DEMO_SPA_CLIENT_ID].sort());
      const confidential = clients.find((c) => c.id === DEMO_CLIENT_ID)!;
      expect(confidential.type).toBe('confidential');

      const saved = JSON.parse(readFileSync(join(t.dataDir, 'demo-client.json'), 'utf8'));
      const demoClient = {
        clientId: DEMO_CLIENT_ID,
        clientSecret: saved.client_secret as string,
        redirectUri: confidential.redirectUris[0]!,
      };
      const { code, verifier } = await obtainCode(t, demoClient, DEMO_USER, 'profile');
      const token = await tokenRequest(t, demoClient, {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: demoClient.redirectUri,
      });
      expect(token.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('an ISSUER that cannot be a redirect URI skips the demo client instead of failing to start', async () => {
    const t = await startTestApp({ SEED_DEMO: 'true', ISSUER: 'http://id.example' });
    try {
      expect(await t.app.get(ClientRegistry).list()).toEqual([]);
      expect(await t.app.get(AccountService).findByUsername(DEMO_USER.username)).not.toBeNull();
    } finally {
      await t.close();
    }
  });

  it('SEED_DEMO=false creates nothing', async () => {
    const t = await startTestApp({ SEED_DEMO: 'false' });
    try {
      expect(await t.app.get(ClientRegistry).list()).toEqual([]);
      expect(await t.app.get(AccountService).list()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
