import { defineConfig } from 'vitest/config';

// End-to-end tests: Node drives Debian's Chromium (playwright-core) against the BUILT UI served by
// `vite preview` (tests/e2e/global-setup.ts builds it when dist is missing, and starts/stops it).
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
