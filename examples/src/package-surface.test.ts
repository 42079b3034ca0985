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
  it('is its exports map: the package root, the Node entry, the team client and package.json, all built', () => {
    const pkg = JSON.parse(readFileSync(`${root}packages/core/package.json`, 'utf8'));
    expect(Object.keys(pkg.exports)).toEqual(['.', './node', './client', './package.json']);
    expect(pkg.exports['./client']).toEqual({ types: './dist/client.d.ts', import: './dist/client.js' });
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.files).toEqual(['dist', 'README.md']);
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
