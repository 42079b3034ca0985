import { defineConfig } from 'vitest/config';

// End-to-end tests: Node drives Debian's Chromium (playwright-core) against the BUILT UI served by
// `vite preview` (tests/e2e/global-setup.ts builds it when dist is missing, and starts/stops it).
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // a ceiling, not a wait: the tests wait on the app's signals; a loaded machine (CI, several builds at
    // once) can take minutes over a long scenario
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
