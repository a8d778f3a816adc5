/**
 * The comparison server: oidc-provider (panva/node-oidc-provider, OpenID Certified) in a
 * process of its own, configured to do the same work as ours per request:
 *
 * - confidential clients with client_secret_basic; PKCE S256 is sent by the bench client;
 * - access tokens for the API are JWTs (RFC 9068 `at+jwt`) signed with BENCH_ALG (RS256 or
 *   ES256), through a default resource indicator: without one oidc-provider issues opaque tokens;
 * - refresh tokens rotate on every use and do not end with the login session (as ours);
 * - introspection, client_credentials, and the development login/consent pages, which the
 *   bench drives once per target to log in and grant (scenario 6 reuses that session and grant);
 * - an unbounded in-memory adapter (the built-in one is an LRU of 1,000 entries, which would
 *   evict the codes and tokens the bench prepares before it spends them); or, with
 *   BENCH_DATABASE_URL, a PostgreSQL adapter (oidc-provider-postgres-adapter.mjs), which stores
 *   what it issues before it answers, as ours does.
 *
 * JWT access tokens are not stored, so oidc-provider cannot introspect them: the client
 * `bench-opaque` gets opaque access tokens (a second resource) for the introspection scenario.
 *
 * Environment: PORT, BENCH_ALG, BENCH_CLIENT_SECRET, BENCH_DATABASE_URL. Prints "listening" when ready.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { postgresAdapter } from './oidc-provider-postgres-adapter.mjs';

const port = Number(process.env.PORT ?? 3100);
const alg = process.env.BENCH_ALG ?? 'RS256';
const secret = process.env.BENCH_CLIENT_SECRET ?? 'bench-client-secret-bench-client-secret';
const issuer = `http://127.0.0.1:${port}`;
const JWT_RESOURCE = `${issuer}/api`;
const OPAQUE_RESOURCE = 'urn:bench:opaque-api';
const API_SCOPE = 'profile notes:read notes:write';
const DAY = 24 * 60 * 60;

/** A Map-backed adapter with expiry and a grant index; O(1) per operation. */
const store = new Map();
const grants = new Map();
class UnboundedMemoryAdapter {
  constructor(model) {
    this.model = model;
  }
  key(id) {
    return `${this.model}:${id}`;
  }
  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    store.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (payload.grantId) {
      if (!grants.has(payload.grantId)) grants.set(payload.grantId, new Set());
      grants.get(payload.grantId).add(key);
    }
    if (this.model === 'Session') store.set(`sessionUid:${payload.uid}`, { payload: id, expiresAt: Infinity });
  }
  async find(id) {
    const entry = store.get(this.key(id));
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(this.key(id));
      return undefined;
    }
    return entry.payload;
  }
  async findByUid(uid) {
    const id = store.get(`sessionUid:${uid}`)?.payload;
    return id === undefined ? undefined : this.find(id);
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id) {
    const entry = store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const key of grants.get(grantId) ?? []) store.delete(key);
    grants.delete(grantId);
  }
}

function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: 'bench-rs256', alg: 'RS256', use: 'sig' },
    { ...ec, kid: 'bench-es256', alg: 'ES256', use: 'sig' },
  ];
}

const userClient = {
  client_secret: secret,
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1:9/callback'],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: API_SCOPE,
};

const databaseUrl = process.env.BENCH_DATABASE_URL;
const provider = new Provider(issuer, {
  adapter: databaseUrl ? await postgresAdapter(databaseUrl) : UnboundedMemoryAdapter,
  clients: [
    { ...userClient, client_id: 'bench-client' },
    { ...userClient, client_id: 'bench-opaque' },
    {
      client_id: 'bench-machine',
      client_secret: secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'notes:read',
    },
  ],
  jwks: { keys: signingKeys() },
  cookies: { keys: ['bench-cookie-key-0123456789abcdef'] },
  scopes: ['openid', 'offline_access', ...API_SCOPE.split(' ')],
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  features: {
    devInteractions: { enabled: true },
    introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
    revocation: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx, client) => (client.clientId === 'bench-opaque' ? OPAQUE_RESOURCE : JWT_RESOURCE),
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource) =>
        resource === OPAQUE_RESOURCE
          ? { scope: API_SCOPE, accessTokenTTL: 900, accessTokenFormat: 'opaque' }
          : {
              scope: API_SCOPE,
              audience: JWT_RESOURCE,
              accessTokenTTL: 900,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg } },
            },
    },
  },
  // Like ours: every client with the refresh_token grant gets one, it rotates on every use,
  // and it does not end with the login session.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  expiresWithSession: async () => false,
  ttl: {
    AccessToken: 900,
    ClientCredentials: 900,
    AuthorizationCode: 600,
    RefreshToken: 30 * DAY,
    Grant: 30 * DAY,
    Session: 8 * 60 * 60,
    Interaction: 600,
    IdToken: 3600,
  },
});

createServer(provider.callback()).listen(port, '127.0.0.1', () =>
  console.log(`listening ${issuer} ${alg} ${databaseUrl ? 'postgres' : 'memory'}`),
);
// Exit normally on SIGTERM, so that `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
