import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as source from '@musubi/core';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = fileURLToPath(new URL('..', import.meta.url));

/** Runs a module in Node from this package, as another tool would: `@musubi/core` resolves through its exports map. */
async function resolveFromHere(code: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {
    cwd: examples,
  });
  return stdout.trim();
}

describe('the public surface of @musubi/core', () => {
  it('is its exports map: the main entry, one subpath per format, store or caller, and package.json', () => {
    const pkg = JSON.parse(readFileSync(`${root}packages/core/package.json`, 'utf8'));
    // entries.json is what tsup builds and what the UI and the tests alias to the source
    const entries = JSON.parse(readFileSync(`${root}packages/core/entries.json`, 'utf8'));
    const subpaths = ['.', './csv', './graph-files', './xlsx', './indexeddb', './node', './client'];
    const byConcern = ['./json', './indicators', './briefing'];
    expect(Object.keys(entries)).toEqual([
      ...subpaths,
      './schemas',
      './words',
      './log',
      './markdown',
      ...byConcern,
    ]);
    expect(Object.keys(pkg.exports)).toEqual([...Object.keys(entries), './package.json']);
    for (const subpath of Object.keys(entries)) {
      const name = subpath === '.' ? 'index' : subpath.slice(2);
      // ESM only, loaded from CommonJS too by Node ≥ 20.19 (require(esm)): `default`, not `import`
      expect(pkg.exports[subpath]).toEqual({ types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` });
      if (subpath !== '.') expect(pkg.typesVersions['*'][name]).toEqual([`./dist/${name}.d.ts`]);
    }
    expect(pkg.engines.node).toBe('>=20.19');
    expect(pkg.files).toEqual(['dist', 'README.md', 'src/io/README.md', 'src/storage/README.md']);
    // ExcelJS (and the @types/node@14 its dependencies carry) comes only to those who install it
    expect(pkg.dependencies.exceljs).toBeUndefined();
    expect(pkg.peerDependenciesMeta.exceljs).toEqual({ optional: true });
  });

  it('keeps the main entry small: the formats, stores, policy sheet, briefing, schemas and words are subpaths', () => {
    const names = Object.keys(source);
    expect(names.length).toBeLessThanOrEqual(55); // 131 before the subpaths, 74 with the policy sheet and JSON, 49, then 48 with parseDateInput in /words
    for (const name of [
      'importCsv',
      'importGraphFile',
      'reportToXlsx',
      'IndexedDbStore',
      'EntitySchema',
      'entityKindWords',
      'reportToMarkdown',
      'briefingToMarkdown',
      'networkToJson',
      'report',
      'addIndicator',
      'briefing',
      'parseDateInput',
    ]) {
      expect(names, name).not.toContain(name);
    }
  });

  it('refuses deep imports into the package', async () => {
    // `pnpm test` builds before the unit tests; a bare run of this file needs `pnpm --filter @musubi/core build`
    const refused = await resolveFromHere(`
      const out = [];
      for (const path of ['@musubi/core/dist/index.js', '@musubi/core/src/index.ts', '@musubi/core/src/network/network.ts']) {
        try { await import(path); out.push(path + ' loaded'); } catch (e) { out.push(e.code); }
      }
      console.log(out.join(','));`);
    expect(refused.split(',')).toEqual([
      'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'ERR_PACKAGE_PATH_NOT_EXPORTED',
    ]);
  });

  it('exports from the built package exactly what src/index.ts exports', async () => {
    // compares with the last build: after a change to src/index.ts, build again (`pnpm test` does)
    const built = await resolveFromHere(
      `const m = await import('@musubi/core'); console.log(JSON.stringify(Object.keys(m).sort()));`,
    );
    expect(JSON.parse(built)).toEqual(Object.keys(source).sort());
    expect(Object.keys(source)).toContain('createNetwork');
  });
});
