import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { coreSourceAliases } from './packages/core/source-aliases.ts';

// Component and storage tests in a real Chromium (Debian's, see CONTRIBUTING.md):
// UI components (`*.browser.test.tsx`) and browser-only library code such as IndexedDB
// (`*.browser.test.ts`). They read the core's source, like the Node tests.

export default defineConfig({
  // TSX is compiled by Vite's own transform (automatic JSX runtime); no React plugin is needed for tests
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: coreSourceAliases },
  test: {
    name: 'browser',
    include: ['packages/ui/src/**/*.browser.test.tsx', 'packages/*/src/**/*.browser.test.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
