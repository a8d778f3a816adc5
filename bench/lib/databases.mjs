/**
 * A fresh store per server under test: a new SQLite file in the run's temporary folder, or a
 * new PostgreSQL schema (reached through search_path, as the e2e tests do), dropped at the end.
 * PostgreSQL connections carry an application_name, so the CPU meter can count their backends.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { settings } from './settings.mjs';

const created = [];

export async function withPostgres(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** @param kind 'sqlite' or 'postgres'; @param name a label for the file or schema. */
export async function freshDatabase(kind, name, dir) {
  const tag = `${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = join(dir, `${tag}.sqlite`);
    return { kind, url: `sqlite:${file}`, file, backendPids: async () => [] };
  }
  const schema = `bench_${tag}`;
  await withPostgres(settings.postgresUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  created.push(schema);
  const url = new URL(settings.postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return {
    kind,
    url: url.toString(),
    schema,
    /** Process ids of the server's PostgreSQL backends, when PostgreSQL runs on this machine. */
    backendPids: () =>
      withPostgres(settings.postgresUrl, async (client) => {
        const { rows } = await client.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [schema]);
        return rows.map((row) => row.pid);
      }),
  };
}

/** Checks PostgreSQL answers before any server is started on it. */
export async function assertPostgresReachable() {
  try {
    await withPostgres(settings.postgresUrl, (client) => client.query('SELECT 1'));
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot be reached at ${settings.postgresUrl} (${error.message}); ` +
        'set BENCH_POSTGRES_URL, or BENCH_DATABASES=sqlite to measure SQLite only',
      { cause: error },
    );
  }
}

export async function dropAll() {
  if (created.length === 0) return;
  await withPostgres(settings.postgresUrl, async (client) => {
    for (const schema of created.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}
