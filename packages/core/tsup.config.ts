import { defineConfig } from 'tsup';

export default defineConfig({
  // `node` holds what needs Node (the NDJSON file store); `index` stays browser-safe; `client`
  // (a replica of a team server's network) needs only fetch
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', client: 'src/sync/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // the country-name tables are JSON; bundle them so Node needs no JSON import attributes
  noExternal: [/i18n-iso-countries\/langs/],
});
