import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The project supports Node 20.19 (the root's engines). A build tool that declares a newer Node makes
// every install print an engine warning and may stop working on the Node the project promises.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Manifest {
  name: string;
  engines?: { node?: string };
  devDependencies?: Record<string, string>;
}

const read = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
const packageDirs = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name));
const usingTsup = packageDirs.filter((dir) => read(join(dir, 'package.json')).devDependencies?.tsup);

/** The lowest major version a `>=N[.M]` range admits (the only form the tools here declare). */
function lowestMajor(range: string): number {
  const match = /^>=\s*(\d+)/.exec(range.trim());
  if (!match) throw new Error(`engines range not of the form >=N: ${range}`);
  return Number(match[1]);
}

describe('the build tool of the packages', () => {
  it('is asked for in one range by every package that builds with it', () => {
    expect(usingTsup.map((dir) => read(join(dir, 'package.json')).name).sort()).toEqual([
      '@musubi/cli',
      '@musubi/core',
      '@musubi/server',
    ]);
    const ranges = new Set(usingTsup.map((dir) => read(join(dir, 'package.json')).devDependencies?.tsup));
    expect([...ranges]).toEqual(['^8.5.1']);
  });

  it('resolves, in every package, to a tsup whose engines admit the Node the project supports', () => {
    const supported = lowestMajor(read(join(root, 'package.json')).engines?.node ?? '');
    expect(supported).toBe(20);
    for (const dir of usingTsup) {
      const resolved = createRequire(join(dir, 'package.json')).resolve('tsup/package.json');
      const tsup = read(resolved);
      expect({ dir, major: lowestMajor(tsup.engines?.node ?? '') <= supported }).toEqual({
        dir,
        major: true,
      });
    }
  });

  it('is locked at one version only', () => {
    const lock = readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8');
    const versions = new Set([...lock.matchAll(/^ {2}tsup@(\d+\.\d+\.\d+)/gm)].map((m) => m[1]));
    expect([...versions]).toEqual(['8.5.1']);
  });
});
