// Before each spec of the `postgres` project: test-database.ts reads TEST_DATABASE_URL and
// gives every app a schema of its own in that database.
import { postgresUrl } from './postgres-url.js';

process.env.TEST_DATABASE_URL = postgresUrl();
