import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The store an e2e test runs on. By default a SQLite file in the test's own folder; with
 * TEST_DATABASE_URL=postgres://… (set by the `postgres` Jest project, see jest.config.js) a
 * fresh PostgreSQL schema in that database, made for this one app and dropped afterwards, so
 * runs never collide.
 */
export interface TestDatabase {
  /** The DATABASE_URL the app is given. */
  url: string;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

/** The PostgreSQL database the second run uses, or undefined on SQLite. */
export function testPostgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url !== undefined && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

export async function createTestDatabase(dir: string): Promise<TestDatabase> {
  const postgres = testPostgresUrl();
  if (postgres === undefined) {
    return { url: `sqlite:${join(dir, 'oauth.sqlite')}`, kind: 'sqlite', drop: async () => {} };
  }
  return createPostgresSchema(postgres);
}

/**
 * A schema of its own, reached through the connection's search_path: the app needs no
 * setting for it, and every table, the migrations table included, lands inside it.
 */
export async function createPostgresSchema(baseUrl: string): Promise<TestDatabase> {
  const schema = `e2e_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withClient(baseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    kind: 'postgres',
    drop: async () => {
      await withClient(baseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
