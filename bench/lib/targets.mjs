/**
 * A target is one server under test as the scenarios see it: where it listens, its paths, its
 * clients, and a browser session that has logged in and granted the scopes once (so that an
 * authorization request is answered with a code at once: a remembered grant). Everything is
 * made through the real interfaces: clients and the user with the CLI, the session and the
 * grant through the login and consent pages.
 */
import { freshDatabase } from './databases.mjs';
import { authorizeInBrowser, exchangeCode, jwtAlg, REDIRECT_URI, ScriptedBrowser, USER } from './oauth.mjs';
import { rssOf, runCli, startOidcProvider, startOurServer } from './processes.mjs';

const USER_SCOPE = 'profile notes:read';
const MACHINE_SCOPE = 'notes:read';
export const DATABASE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

async function registerOurClients(databaseUrl) {
  const cli = (...args) => runCli(databaseUrl, ...args);
  const [client, machine, user] = await Promise.all([
    cli(
      'client:create',
      '--name',
      'Bench client',
      '--redirect-uri',
      REDIRECT_URI,
      '--scope',
      'profile notes:read notes:write',
    ),
    cli('client:create', '--name', 'Bench machine', '--scope', MACHINE_SCOPE, '--grant', 'client_credentials'),
    cli('user:create', '--username', USER.username, '--password', USER.password),
  ]);
  return {
    client: { id: client.client_id, secret: client.client_secret },
    machine: { id: machine.client_id, secret: machine.client_secret },
    userId: user.id,
  };
}

/** Logs in and consents once; returns the browser's cookies and the alg the first access token was signed with. */
async function logIn(target, client) {
  const browser = new ScriptedBrowser();
  const code = await authorizeInBrowser(browser, target, client);
  const tokens = await exchangeCode(target, client, code);
  return { cookie: browser.cookieHeader(), signedAlg: jwtAlg(tokens.access_token), browser };
}

/** Our built server on a fresh database of `kind`, asked to sign access tokens with `alg`. */
export async function ourTarget({ kind, alg, dir, name = `ours-${kind}-${alg}`, cpuProf }) {
  const database = await freshDatabase(kind, name, dir);
  const server = await startOurServer({ name, databaseUrl: database.url, alg, cpuProf });
  const clients = await registerOurClients(database.url);
  const target = {
    key: name,
    label: `ours · ${DATABASE_NAMES[kind]} · ${alg}`,
    kind: 'ours',
    database,
    alg,
    url: server.url,
    server,
    scope: USER_SCOPE,
    machineScope: MACHINE_SCOPE,
    paths: {
      authorize: '/oauth/authorize',
      token: '/oauth/token',
      introspect: '/oauth/introspect',
      api: '/api/profile',
      bare: '/health/live',
    },
    ...clients,
    /** Ours introspects its JWT access tokens, so the user client's own tokens serve. */
    introspector: clients.client,
    pids: async () => [target.server.pid, ...(await database.backendPids())],
    rss: () => rssOf(target.server.pid),
    /** A new process on the same database: its memory starts afresh; clients, session and tokens stay valid. */
    async restart() {
      await target.server.stop();
      target.server = await startOurServer({ name, databaseUrl: database.url, alg, cpuProf });
      target.url = target.server.url;
    },
  };
  Object.assign(target, await logIn(target, target.client));
  return target;
}

/**
 * oidc-provider signing its JWT access tokens with `alg`: in memory, as the targets are
 * set against, or with `kind: 'postgres'` on a fresh PostgreSQL schema (the like-for-like store).
 */
export async function oidcProviderTarget({ alg, cpuProf, kind = 'memory', dir }) {
  const secret = `bench-secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const database = kind === 'postgres' ? await freshDatabase('postgres', `oidc-provider-${alg}`, dir) : null;
  const server = await startOidcProvider({ alg, clientSecret: secret, databaseUrl: database?.url, cpuProf });
  const target = {
    key: database ? `oidc-provider-postgres-${alg}` : `oidc-provider-${alg}`,
    label: database ? `oidc-provider · PostgreSQL · ${alg}` : `oidc-provider · ${alg}`,
    kind: 'oidc-provider',
    database,
    alg,
    url: server.url,
    server,
    scope: USER_SCOPE,
    machineScope: MACHINE_SCOPE,
    paths: { authorize: '/auth', token: '/token', introspect: '/token/introspection' },
    client: { id: 'bench-client', secret },
    machine: { id: 'bench-machine', secret },
    /** Its JWT access tokens are not stored, hence not introspectable: this client gets opaque ones. */
    introspector: { id: 'bench-opaque', secret },
    pids: async () => [target.server.pid, ...((await database?.backendPids()) ?? [])],
  };
  Object.assign(target, await logIn(target, target.client));
  // The same browser grants the opaque-token client too, so that it can get a code at once as well.
  await authorizeInBrowser(target.browser, target, target.introspector);
  target.cookie = target.browser.cookieHeader();
  return target;
}
