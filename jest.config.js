/**
 * Jest runs the TypeScript sources as ESM (NestJS 12 is ESM-only); see README, "Toolchain".
 *
 * `npm test` runs the suite twice: everything on SQLite, then the e2e specs again with
 * TEST_DATABASE_URL=postgres://… (each app in a schema of its own). Specs under
 * test/postgres/ need PostgreSQL (several instances on one database) and run only in that
 * pass; specs under test/sqlite/ are about the SQLite file itself and run only in the first.
 */
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '');

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', onPostgres ? '/test/sqlite/' : '/test/postgres/'],
  testTimeout: 30000,
};
