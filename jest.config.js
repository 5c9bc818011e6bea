// Jest runs the TypeScript sources as native ES modules (NestJS 12 ships ESM only),
// transpiled by SWC with decorator metadata so Nest's dependency injection works as in the build.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    // @fastify/static (CommonJS) requires content-disposition, which is ES modules only: jest cannot
    // `require` ES modules on Node 20, so that one package is compiled to CommonJS for the tests.
    'node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#event-store/esdb$': '<rootDir>/libs/event-store/src/esdb.ts',
    '^#read-store$': '<rootDir>/libs/read-store/src/index.ts',
    '^#read-store/mongo$': '<rootDir>/libs/read-store/src/mongo.ts',
    '^#infra$': '<rootDir>/libs/infra/src/index.ts',
    '^#infra/mongo$': '<rootDir>/libs/infra/src/mongo.ts',
    '^#infra/redis$': '<rootDir>/libs/infra/src/redis.ts',
    '^#runtime$': '<rootDir>/libs/runtime/src/index.ts',
    '^#kernel$': '<rootDir>/libs/kernel/src/index.ts',
    '^#application$': '<rootDir>/libs/application/src/index.ts',
    '^#hosts$': '<rootDir>/libs/hosts/src/index.ts',
    '^#hosts/all-in-one$': '<rootDir>/libs/hosts/src/all-in-one.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-logs.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
