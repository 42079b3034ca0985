import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { MemoryStore, openNetwork } from '@musubi/core';
import { openNetworkFile } from '@musubi/core/node';
import { describe, expect, it } from 'vitest';

const coreSource = new URL('../../packages/core/src/', import.meta.url).pathname;

/** Every module reachable from `entry` through relative imports, with its bare imports. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'";]*?from\s*'([^']+)'/g)].map(
      (m) => m[1] ?? '',
    );
    seen.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
    for (const s of specifiers) {
      if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return seen;
}

describe('the storage entry points', () => {
  it('keep @musubi/core free of Node built-ins, so that it runs in a browser', () => {
    const graph = importGraph(join(coreSource, 'index.ts'));
    expect(graph.size).toBeGreaterThan(10);
    const nodeOnly = [...graph].filter(([, bare]) => bare.some((s) => s.startsWith('node:') || s === 'fs'));
    expect(nodeOnly.map(([file]) => file)).toEqual([]);
  });

  it('let a program keep a network in a file through @musubi/core/node and read it back', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'musubi-entry-')), 'mie.ndjson');
    const network = await openNetworkFile(path, { create: true, author: 'suzuki' });
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
    await network.close();
    const again = await openNetworkFile(path);
    expect(again.entity('mie')?.name.en).toBe('Mie Prefecture');
    await again.close();
    const memory = await openNetwork(new MemoryStore());
    expect(memory.entities()).toEqual([]);
  });
});
