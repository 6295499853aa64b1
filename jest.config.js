// @ts-check
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }]
const transform = { '^.+\\.(t|j)sx?$': swc }
// jose ships ESM only; Node 20's jest runtime needs it compiled to CommonJS.
const transformIgnorePatterns = ['/node_modules/(?!(jose)/)']

/** Three projects: fast unit tests, integration tests on DynamoDB Local, browser tests of the real H5 build. */
/** @type {import('jest').Config} */
const config = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      setupFiles: ['<rootDir>/test/quiet-logs.ts'],
      testMatch: ['<rootDir>/shared/src/**/*.test.ts', '<rootDir>/functions/src/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts', '<rootDir>/test/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'miniapp',
      testEnvironment: 'jsdom',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/miniapp/src/**/*.test.ts?(x)'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/miniapp/test/taro-mock.ts',
        '^@tarojs/components$': '<rootDir>/miniapp/test/components-mock.tsx',
        '^@nutui/nutui-react-taro/dist/es/packages/.+/style/css$': '<rootDir>/miniapp/test/style-mock.ts',
        '\\.(css|scss)$': '<rootDir>/miniapp/test/style-mock.ts',
        '^@/(.*)$': '<rootDir>/miniapp/src/$1',
      },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      setupFiles: ['<rootDir>/test/quiet-logs.ts'],
      testMatch: ['<rootDir>/functions/src/**/*.int.test.ts', '<rootDir>/scripts/**/*.int.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/integration-timeout.ts'],
      globalSetup: '<rootDir>/test/dynamodb-global-setup.ts',
      globalTeardown: '<rootDir>/test/dynamodb-global-teardown.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      setupFiles: ['<rootDir>/test/quiet-logs.ts'],
      testMatch: ['<rootDir>/miniapp/e2e/**/*.browser.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/browser-timeout.ts'],
      globalSetup: '<rootDir>/test/browser-global-setup.ts',
      globalTeardown: '<rootDir>/test/browser-global-teardown.ts',
    },
  ],
}
module.exports = config
