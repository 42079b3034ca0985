import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // @musubi/core and the cli's own dependencies are resolved at run time from node_modules
  banner: { js: '#!/usr/bin/env node' },
  // the example network is TypeScript source in the workspace: bundle it (`musubi serve --example`)
  noExternal: ['@musubi/examples'],
});
