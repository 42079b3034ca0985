import { defineConfig } from 'vitest/config';

// Unit and integration tests that run in Node. Browser projects are added beside this one.
const core = new URL('./packages/core/src/index.ts', import.meta.url).pathname;
const coreNode = new URL('./packages/core/src/node/index.ts', import.meta.url).pathname;
const coreClient = new URL('./packages/core/src/sync/index.ts', import.meta.url).pathname;

export default defineConfig({
  // tests run against the core's source, so a change needs no rebuild; programs use the built package
  // the subpath first: an alias also matches `@musubi/core/…`
  resolve: {
    alias: { '@musubi/core/node': coreNode, '@musubi/core/client': coreClient, '@musubi/core': core },
  },
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
