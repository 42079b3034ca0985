import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI reads the core's source (no core build needed for `vite dev` or `vite build`): the same
// code as the tests run against.
const core = new URL('../core/src/index.ts', import.meta.url).pathname;
const coreClient = new URL('../core/src/sync/index.ts', import.meta.url).pathname;

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@musubi\/core$/, replacement: core },
      { find: /^@musubi\/core\/client$/, replacement: coreClient },
    ],
  },
  // Vite's default limit (500 kB) but for ExcelJS (930 kB minified), which loads only when a workbook
  // is written; every view's code loads when the view is first shown (App.tsx)
  build: { chunkSizeWarningLimit: 1000 },
});
