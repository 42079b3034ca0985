import { defineConfig } from 'tsup';
import entries from './entries.json' with { type: 'json' };

// One entry per subpath of the exports map (entries.json, checked against package.json by
// examples/src/package-surface.test.ts). `index` is the main entry, kept small and browser-safe; the
// formats and stores that pull in big dependencies are entries of their own; `node` needs Node (the
// NDJSON file store); `client` (a replica of a team server's network) needs only fetch.
const entry = Object.fromEntries(
  Object.entries(entries).map(([subpath, file]) => [subpath === '.' ? 'index' : subpath.slice(2), file]),
);

export default defineConfig({
  entry,
  // ESM only: Node ≥ 20.19 (the engines) loads it from CommonJS too, with require(esm)
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // the country-name tables are JSON; bundle them so Node needs no JSON import attributes
  noExternal: [/i18n-iso-countries\/langs/],
});
