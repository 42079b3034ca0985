import { defineConfig } from 'tsup';

export default defineConfig({
  // `node` holds what needs Node (the NDJSON file store); `index` stays browser-safe
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // the country-name tables are JSON; bundle them so Node needs no JSON import attributes
  noExternal: [/i18n-iso-countries\/langs/],
});
