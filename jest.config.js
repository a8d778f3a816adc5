/** Jest runs the TypeScript sources as ESM (NestJS 12 is ESM-only); see README, "Toolchain". */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.ts$',
  testTimeout: 30000,
};
