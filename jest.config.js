/**
 * Jest runs the TypeScript sources as ESM (NestJS 12 is ESM-only); see README, "Toolchain".
 *
 * Two projects, run one after the other by `npm test`:
 * - `sqlite`: every spec, unit and e2e; each e2e app on a SQLite file of its own;
 * - `postgres`: the e2e specs again, each app in a PostgreSQL schema of its own in the
 *   database TEST_POSTGRES_URL names (default: the local server, database `test`).
 * Specs under test/postgres/ need PostgreSQL (several instances on one database) and run only
 * in the second; specs under test/sqlite/ are about the SQLite file itself and run only in the
 * first. `npx jest --selectProjects sqlite` runs without PostgreSQL.
 */
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  testTimeout: 30000,
  // One spec file at a time (the e2e specs time requests and share two cores), in a child
  // process rather than in Jest's own: every spec file leaves its compiled modules behind
  // (ESM under vm modules is never collected), and in one process the heap reached 3.5 GB
  // by the last specs, where garbage collection made them ten times slower and a fixture
  // timed out. The worker is replaced once it holds more than 1 GB between files, and an app
  // a failed spec left open dies with its worker instead of keeping Jest from exiting.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...shared,
      displayName: 'sqlite',
      testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', '/test/postgres/'],
    },
    {
      ...shared,
      displayName: 'postgres',
      testRegex: 'test/.*\\.e2e-spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', '/test/sqlite/'],
      globalSetup: '<rootDir>/test/support/postgres-global-setup.js',
      setupFiles: ['<rootDir>/test/support/postgres-setup.js'],
    },
  ],
};
