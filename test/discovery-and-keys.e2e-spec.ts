import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { SUPPORTED_GRANT_TYPES } from '../src/client-registry/client.js';
import { SCOPE_CATALOG } from '../src/common/scope-catalog.js';
import { SigningKeyEntity } from '../src/database/entities/index.js';
import { signJws } from '../src/keys/jws.js';
import { KeyRotationService } from '../src/keys/key-rotation.service.js';
import { KEY_RELOAD_INTERVAL_MS, SigningKeyService } from '../src/keys/signing-key.service.js';
import { expectBearerError } from './support/expectations.js';
import { obtainTokens } from './support/oauth-flow.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
/** Not the test apps' usual issuer: every URL in the metadata must follow the configuration. */
const CUSTOM_ISSUER = 'http://auth.example.test:8443';
const WELL_KNOWN = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];
/** Each endpoint the metadata names, and the method it answers. */
const ENDPOINTS: [string, 'get' | 'post'][] = [
  ['authorization_endpoint', 'get'],
  ['token_endpoint', 'post'],
  ['jwks_uri', 'get'],
  ['userinfo_endpoint', 'get'],
  ['introspection_endpoint', 'post'],
  ['revocation_endpoint', 'post'],
];
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

/** The `kid` in a JWT's header. */
function kidOf(jwt: string): string {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid;
}

describe('discovery and signing keys', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: { id: string; username: string; password: string };

  beforeAll(async () => {
    t = await startTestApp({ ISSUER: CUSTOM_ISSUER });
    client = await t.registerClient();
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  const accessToken = async () => (await obtainTokens(t, client, user, 'profile')).access_token;
  const profile = (token: string) => t.http().get('/api/profile').auth(token, { type: 'bearer' });
  const publishedKids = async (): Promise<string[]> =>
    (await t.http().get('/oauth/jwks')).body.keys.map((key: { kid: string }) => key.kid);

  describe('metadata (RFC 8414 section 3, OpenID Connect Discovery 1.0 section 4)', () => {
    it.each(WELL_KNOWN)('%s: a cacheable JSON document built from the running configuration', async (path) => {
      const res = await t.http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      // RFC 8414 section 3.3, OIDC Discovery section 4.3: the issuer MUST be identical to the configured one.
      expect(res.body.issuer).toBe(CUSTOM_ISSUER);
      for (const [member] of ENDPOINTS) expect(res.body[member]).toMatch(new RegExp(`^${CUSTOM_ISSUER}/oauth/`));
      expect(res.body.authorization_endpoint).toBe(`${CUSTOM_ISSUER}/oauth/authorize`);
      expect(res.body.scopes_supported).toEqual(Object.keys(SCOPE_CATALOG));
      expect(res.body.grant_types_supported).toEqual([...SUPPORTED_GRANT_TYPES]);
      expect(res.body).toMatchObject({
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
      });
    });

    it('serves the same document at both locations', async () => {
      const [oauth, openid] = await Promise.all(WELL_KNOWN.map((path) => t.http().get(path)));
      expect(oauth.body).toEqual(openid.body);
    });

    it.each(ENDPOINTS)('%s answers on the running app', async (member, method) => {
      const metadata = (await t.http().get(WELL_KNOWN[1]!)).body;
      const url: string = metadata[member];
      expect(url.startsWith(CUSTOM_ISSUER)).toBe(true);
      const res = await t.http()[method](url.slice(CUSTOM_ISSUER.length));
      expect(res.status).not.toBe(404);
    });
  });

  describe('JWK Set (RFC 7517 section 5)', () => {
    it('publishes the kid of an issued access token, with public members only', async () => {
      const token = await accessToken();
      const res = await t.http().get('/oauth/jwks');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
      expect(res.body.keys.map((key: { kid: string }) => key.kid)).toContain(kidOf(token));
      for (const key of res.body.keys) {
        expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
        expect(key).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
        for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
      }
      expect(res.text).not.toContain('PRIVATE KEY');
    });
  });

  describe('key rotation', () => {
    it('a token signed before a rotation still verifies after it; new tokens carry the new kid', async () => {
      const before = await accessToken();
      const { current } = await t.app.get(KeyRotationService).rotate();
      expect(current.kid).not.toBe(kidOf(before));

      expect((await profile(before)).status).toBe(200);
      expect(await publishedKids()).toEqual(expect.arrayContaining([kidOf(before), current.kid]));
      const after = await accessToken();
      expect(kidOf(after)).toBe(current.kid);
      expect((await profile(after)).status).toBe(200);
    });

    it('once the old key retires, its kid is no longer published and its tokens are refused', async () => {
      const before = await accessToken();
      const oldKid = kidOf(before);
      await t.app.get(KeyRotationService).rotate();
      expect((await profile(before)).status).toBe(200);

      await t.app
        .get(DataSource)
        .getRepository(SigningKeyEntity)
        .update({ kid: oldKid }, { retiresAt: new Date(Date.now() - 1000) });
      await t.app.get(SigningKeyService).reload();

      expect(await publishedKids()).not.toContain(oldKid);
      expectBearerError(await profile(before), 401, 'invalid_token');
    });

    it('the built CLI rotates the keys of a running server, which picks the rotation up by itself', async () => {
      if (!existsSync(CLI)) throw new Error('Run `npm run build` first: this spec runs the built CLI');
      const before = await accessToken();
      const cli = (command: string) =>
        run('node', [CLI, command], {
          env: { ...process.env, DATABASE_URL: t.databaseUrl, NODE_OPTIONS: '' },
        });

      const rotated = JSON.parse((await cli('keys:rotate')).stdout);
      expect(rotated).toEqual({
        kid: expect.any(String),
        alg: 'RS256',
        created_at: expect.any(String),
        retires_at: null,
        current: true,
        previous_keys_retire_at: expect.any(String),
      });

      // No call into the server: only its periodic reload can bring the new key in.
      const deadline = Date.now() + 2 * KEY_RELOAD_INTERVAL_MS;
      while (!(await publishedKids()).includes(rotated.kid) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await publishedKids()).toEqual(expect.arrayContaining([rotated.kid, kidOf(before)]));
      expect(kidOf(await accessToken())).toBe(rotated.kid);
      expect((await profile(before)).status).toBe(200);

      const listed = await cli('keys:list');
      expect(listed.stdout).not.toContain('PRIVATE KEY');
      const keys = JSON.parse(listed.stdout);
      expect(keys[0]).toMatchObject({ kid: rotated.kid, retires_at: null, current: true });
      expect(keys.find((key: { kid: string }) => key.kid === kidOf(before))).toMatchObject({
        retires_at: rotated.previous_keys_retire_at,
        current: false,
      });
      expect(keys.filter((key: { current: boolean }) => key.current)).toHaveLength(1);
    });
  });
});

/** The protected header of a JWT. */
function headerOf(jwt: string): { alg: string; kid: string; typ: string } {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString());
}

describe('ACCESS_TOKEN_ALG=ES256', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: { id: string; username: string; password: string };

  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_ALG: 'ES256' });
    client = await t.registerClient();
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  const profile = (token: string) => t.http().get('/api/profile').auth(token, { type: 'bearer' });
  const jwks = async () => (await t.http().get('/oauth/jwks')).body.keys as Record<string, string>[];

  it('signs access tokens ES256 under a P-256 key the JWK Set publishes (kty EC, crv P-256, x, y), and the API accepts them', async () => {
    const tokens = await obtainTokens(t, client, user, 'openid profile');
    const header = headerOf(tokens.access_token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const key = (await jwks()).find((jwk) => jwk.kid === header.kid);
    expect(key).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String),
      y: expect.any(String),
      kid: header.kid,
      use: 'sig',
      alg: 'ES256',
    });
    for (const member of ['d', ...PRIVATE_MEMBERS]) expect(key).not.toHaveProperty(member);
    expect((await profile(tokens.access_token)).status).toBe(200);
  });

  it('keeps ID tokens RS256 under an RSA key of their own, as the metadata says (OpenID Connect Core 15.1)', async () => {
    const tokens = (await obtainTokens(t, client, user, 'openid profile')) as { id_token?: string };
    const header = headerOf(tokens.id_token!);
    expect(header.alg).toBe('RS256');
    expect((await jwks()).find((jwk) => jwk.kid === header.kid)).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const metadata = (await t.http().get('/.well-known/openid-configuration')).body;
    expect(metadata.id_token_signing_alg_values_supported).toEqual(['RS256']);
  });

  it("refuses an RS256 access token, even one signed with the server's own RSA key (RFC 8725 section 3.1)", async () => {
    const tokens = await obtainTokens(t, client, user, 'profile');
    const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
    const rsa = t.app.get(SigningKeyService).current('RS256');
    const downgraded = await signJws({ alg: 'RS256', typ: 'at+jwt', kid: rsa.kid }, claims, rsa.privateKey);
    expectBearerError(await profile(downgraded), 401, 'invalid_token');
  });

  it('a rotation makes a new key for each algorithm; both sign from then on, and older tokens still verify', async () => {
    const before = await obtainTokens(t, client, user, 'openid profile');
    const rotation = await t.app.get(KeyRotationService).rotate();
    expect(rotation.current).toMatchObject({ alg: 'ES256', current: true });
    expect(rotation.idTokenKey).toMatchObject({ alg: 'RS256', current: true });
    const after = (await obtainTokens(t, client, user, 'openid profile')) as {
      access_token: string;
      id_token?: string;
    };
    expect(headerOf(after.access_token).kid).toBe(rotation.current.kid);
    expect(headerOf(after.id_token!).kid).toBe(rotation.idTokenKey!.kid);
    expect((await profile(before.access_token)).status).toBe(200);
    expect((await profile(after.access_token)).status).toBe(200);
  });

  it('the built CLI rotates and lists both keys: keys:rotate names the ID token key apart', async () => {
    if (!existsSync(CLI)) throw new Error('Run `npm run build` first: this spec runs the built CLI');
    const cli = async (command: string) =>
      JSON.parse(
        (
          await run('node', [CLI, command], {
            env: { ...process.env, DATABASE_URL: t.databaseUrl, ACCESS_TOKEN_ALG: 'ES256', NODE_OPTIONS: '' },
          })
        ).stdout,
      );
    const rotated = await cli('keys:rotate');
    expect(rotated).toMatchObject({ alg: 'ES256', current: true, id_token_key: { alg: 'RS256', current: true } });
    const current = (await cli('keys:list')).filter((key: { current: boolean }) => key.current);
    expect(current.map((key: { kid: string }) => key.kid).sort()).toEqual(
      [rotated.kid, rotated.id_token_key.kid].sort(),
    );
  });
});
