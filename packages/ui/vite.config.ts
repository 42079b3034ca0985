import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { coreSourceAliases } from '../core/source-aliases.ts';

// The UI reads the core's source (no core build needed for `vite dev` or `vite build`): the same
// code as the tests run against.

export default defineConfig({
  plugins: [react()],
  resolve: { alias: coreSourceAliases },
  // Vite's default limit (500 kB) but for ExcelJS (930 kB minified), which loads only when a workbook
  // is written; every view's code loads when the view is first shown (App.tsx)
  build: { chunkSizeWarningLimit: 1000 },
});
