// Once, before the `postgres` project: fail with one clear line when PostgreSQL is not there,
// rather than with a connection error in every spec.
import pg from 'pg';
import { postgresUrl } from './postgres-url.js';

export default async function postgresReachable() {
  const url = postgresUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot be reached at ${url} (${error.message}). Start it, set TEST_POSTGRES_URL, ` +
        'or run only the SQLite pass: npx jest --selectProjects sqlite',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}
