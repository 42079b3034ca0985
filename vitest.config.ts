import { defineConfig } from 'vitest/config';
import { coreSourceAliases } from './packages/core/source-aliases.ts';

// Unit and integration tests that run in Node. Browser projects are added beside this one.

export default defineConfig({
  // tests run against the core's source, so a change needs no rebuild; programs use the built package
  resolve: { alias: coreSourceAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'examples/**/*.test.ts', 'tests/node/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.browser.test.ts', 'packages/server/**'],
          testTimeout: 60_000,
        },
      },
      {
        // the team server's tests: on PGlite and on a throwaway PostgreSQL cluster started for the run
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts'],
          globalSetup: ['packages/server/src/testing/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
