import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { build } from 'esbuild';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @musubi/core as another tool gets it: the packed tarball, installed outside the workspace, compiled
// with a strict tsc that checks the libraries too (no skipLibCheck), run in Node, bundled for a browser.

const root = fileURLToPath(new URL('../..', import.meta.url));
const coreDir = join(root, 'packages', 'core');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * The main entry's budget in a browser bundle (esbuild, minified, gzip): issue 16's goal, 60 KB. It weighs
 * 59.8 KB (2026-12-03 night: the busiest entities' timelines made at an open, the cut links kept across
 * views of a day; room made by the read-only graph's refusal by name prefix alone, which the list of 56
 * names it also kept had added nothing to, and by one sort by date for the engagements by day); 60.0 KB (2026-12-03: each entity's links kept with their other ends and events for the first timeline and
 * neighbours of a hub; room made for them by one sort by date where there were three, and by neighbours
 * no longer kept); 58.4 KB (2026-12-02 evening: 60.0 KB with the evening's merges, before the engagement columns of the
 * reports were made by `/indicators` only; 59.4 KB that afternoon; 59.0 KB with the compact change log of `log/change-log.ts`, 56.3 KB without it;
 * 60.6 KB with the kept timelines that take in every write, the log read by position and the one-pass open,
 * so `parseDateInput` moved to `/words`), with the policy sheet, the briefing and JSON in subpaths of their own
 * (`/indicators`, `/briefing`, `/json`; 62.2 KB with them, 91.9 KB with zod's classic API and the country
 * tables of i18n-iso-countries, 470 KB before the subpaths). graphology with its `events` polyfill (about
 * 20 KB), zod/mini (10 KB) and the core's own network, views and indexes are most of it. Measured with
 * esbuild and gzip: size-limit needs Node 22; esbuild's metafile (`bytesInOutput` of each input) says what
 * weighs what.
 */
const MAIN_ENTRY_BUDGET = 60 * 1024;
/**
 * What a page that only creates a network and searches it pays: the network itself. 54.9 KB (2026-12-03
 * night); 55.0 KB (2026-12-03, with the lists of each entity's links); 53.6 KB (2026-12-02
 * evening, the engagement columns left to `/indicators`; 55.3 KB before that, with the evening's merges); 54.8 KB that
 * afternoon; 53.1 KB before kept timelines took in every write (a hub's timeline after a link update at L:
 * 0.5 ms instead of 755 ms), the log could be read by position (the history page after a change at M: ms
 * instead of a second) and the engagements of each entity became lists; 50.3 KB before the compact change
 * log, whose typed arrays keep the heap of scale L under 1 GB. Not an issue's goal (the main entry's is):
 * raised from 54 KB to 55 KB for those, on purpose.
 */
const SMALL_PAGE_BUDGET = 55 * 1024;

/** The dependencies that only the subpaths may bring in. */
const heavy = ['exceljs', '@xmldom/xmldom', 'papaparse', 'idb', 'graphology-gexf', 'graphology-graphml'];

let work = '';
let tarball = '';

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** tsc's output and exit status: a refusal is a result here, not an exception. */
function compile(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A project outside the workspace with the tarball (and `extra` packages) installed, npm's flat layout. */
function consumer(name: string, extra: string[] = []): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  // from pnpm's store, which the workspace's install filled: no network needed; `hoisted` lays the
  // packages out flat as npm does, so that what npm would hoist (an @types/node of a dependency) is hoisted
  run('pnpm', ['add', tarball, ...extra, '--offline', '--config.node-linker=hoisted'], dir);
  return dir;
}

function tsconfig(
  dir: string,
  file: string,
  compilerOptions: Record<string, unknown>,
  include: string[],
): string {
  const strict = { strict: true, skipLibCheck: false, target: 'ES2022', noUncheckedIndexedAccess: true };
  writeFileSync(
    join(dir, file),
    JSON.stringify({ compilerOptions: { ...strict, ...compilerOptions }, include }),
  );
  return join(dir, file);
}

async function bundle(code: string): Promise<{ gzip: number; inputs: string[] }> {
  const result = await build({
    stdin: { contents: code, resolveDir: join(root, 'tests'), loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { gzip: gzipSync(output).length, inputs: Object.keys(result.metafile.inputs) };
}

const packages = (inputs: string[]) =>
  new Set(
    inputs.flatMap((i) => [...i.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1] ?? '')),
  );

beforeAll(() => {
  // `pnpm test` builds before the unit tests; a lone run of this file builds the core here
  if (!existsSync(join(coreDir, 'dist', 'index.d.ts')))
    run('pnpm', ['--filter', '@musubi/core', 'build'], root);
  work = mkdtempSync(join(tmpdir(), 'musubi-package-'));
  run('pnpm', ['pack', '--pack-destination', work], coreDir);
  const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`pnpm pack left no tarball in ${work}`);
  tarball = join(work, name);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the main entry of @musubi/core in a browser bundle', () => {
  it('stays within its size budget and leaves the formats and stores to their subpaths', async () => {
    const main = await bundle(`import * as core from '@musubi/core'; console.log(core);`);
    const small = await bundle(
      `import { createNetwork } from '@musubi/core'; console.log(createNetwork().search('mie'));`,
    );
    console.log(
      `main entry ${(main.gzip / 1024).toFixed(1)} KB gzip; createNetwork + search ${(small.gzip / 1024).toFixed(1)} KB`,
    );
    expect(main.gzip).toBeLessThanOrEqual(MAIN_ENTRY_BUDGET);
    expect(small.gzip).toBeLessThanOrEqual(SMALL_PAGE_BUDGET);
    expect([...packages(main.inputs)].filter((p) => heavy.includes(p))).toEqual([]);
  });

  it('brings each format in through its own subpath only', async () => {
    const csv = packages((await bundle(`export * from '@musubi/core/csv';`)).inputs);
    const graphFiles = packages((await bundle(`export * from '@musubi/core/graph-files';`)).inputs);
    const indexedDb = packages((await bundle(`export * from '@musubi/core/indexeddb';`)).inputs);
    expect(csv.has('papaparse')).toBe(true);
    expect(csv.has('@xmldom/xmldom')).toBe(false);
    expect(graphFiles.has('@xmldom/xmldom')).toBe(true);
    expect(graphFiles.has('papaparse')).toBe(false);
    expect(indexedDb.has('idb')).toBe(true);
  });
});

describe('the packed @musubi/core', () => {
  it('passes publint', async () => {
    const data = readFileSync(tarball);
    // the files as packed (publint finds the package.json inside the tarball), every level of message
    const { messages } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    });
    expect(messages).toEqual([]);
  });

  it('has the types it runs with (arethetypeswrong), CommonJS aside', async () => {
    const result = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tarball))));
    if (!result.types) throw new Error('arethetypeswrong found no types');
    // Node ≥ 20.19 (the package's engines) loads ESM from require() and TypeScript 5.8+ types it so under
    // `nodenext`; arethetypeswrong does not know require(esm) yet (its issue 252) and still calls that
    // CJSResolvesToESM. The consumer test below compiles and runs it.
    expect(result.problems.filter((p) => p.kind !== 'CJSResolvesToESM')).toEqual([]);
  });

  it('ships the files its README links to', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    const readme = readFileSync(join(coreDir, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    const relative = links.filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('#'));
    expect(relative.filter((l) => !listed.includes(l.replace(/^\.\//, '').replace(/#.*$/, '')))).toEqual([]);
  });
});

describe('a consumer project of the packed @musubi/core', () => {
  const esm = `import { createNetwork, isMusubiError, type Entity } from '@musubi/core';
import { networkToCsv } from '@musubi/core/csv';
import { networkToGexf } from '@musubi/core/graph-files';
import { EntityInputSchema } from '@musubi/core/schemas';
import { entityKindWords } from '@musubi/core/words';

const network = createNetwork({ author: 'consumer' });
const mie: Entity = network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
const nowhere = { kind: 'region', name: { en: 'Nowhere' }, country: 'ZZ' } as const;
let refused = EntityInputSchema.safeParse(nowhere).success ? 'accepted by the schema' : '';
try {
  network.addEntity(nowhere);
} catch (error) {
  refused += isMusubiError(error) ? error.code : 'not a MusubiError';
}
const csvLines = networkToCsv(network, 'entities').trim().split('\\r\\n').length;
console.log(mie.name.en, entityKindWords.self.en, csvLines, networkToGexf(network).includes('<gexf'), refused);
`;
  const cjs = `import { createNetwork, fiscalYearOf } from '@musubi/core';
const network = createNetwork({ author: 'consumer' });
network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
console.log(network.entities().length, fiscalYearOf('2019-04-01'));
`;

  it('compiles strictly without skipLibCheck (NodeNext and bundler, ESM and CommonJS) and runs', () => {
    const dir = consumer('app');
    // ExcelJS is an optional peer: it and the @types/node@14 its dependencies carry do not come along
    expect(existsSync(join(dir, 'node_modules', 'exceljs'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', '@types', 'node'))).toBe(false);
    writeFileSync(join(dir, 'esm.ts'), esm);
    writeFileSync(join(dir, 'cjs.cts'), cjs);

    const nodeNext = compile(
      tsconfig(
        dir,
        'tsconfig.nodenext.json',
        { module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' },
        ['esm.ts', 'cjs.cts'],
      ),
    );
    expect(nodeNext.output).toBe('');
    expect(nodeNext.status).toBe(0);
    const bundler = compile(
      tsconfig(
        dir,
        'tsconfig.bundler.json',
        { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
        ['esm.ts'],
      ),
    );
    expect(bundler.output).toBe('');
    expect(bundler.status).toBe(0);

    expect(run(process.execPath, ['out/esm.js'], dir).trim()).toBe(
      'Mie Prefecture Prefecture 2 true VALIDATION',
    );
    expect(run(process.execPath, ['out/cjs.cjs'], dir).trim()).toBe('1 2019');
  }, 300_000);

  it('opens an NDJSON log with the validating worker the package ships (and its errors)', () => {
    const dir = join(work, 'app');
    writeFileSync(
      join(dir, 'worker.mjs'),
      `import { readFileSync, writeFileSync } from 'node:fs';
import { openNetworkFile } from '@musubi/core/node';
const path = process.argv[2];
const network = await openNetworkFile(path, { create: true });
network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
await network.close();
const again = await openNetworkFile(path, { validateInWorker: true });
const seen = [again.store.lastReadChecked, again.entities().length];
await again.close();
// a byte changed on line 3: the worker's error, as one thread gives it
writeFileSync(path, readFileSync(path, 'utf8').replace('津市', '津巿'));
const refused = await openNetworkFile(path, { validateInWorker: true }).then(() => 'opened', (e) => e.code + ' ' + e.path.join());
console.log(seen.join(' '), refused);
`,
    );
    const log = join(work, 'worker-network.ndjson');
    expect(run(process.execPath, ['worker.mjs', log], dir).trim()).toBe('in-worker 2 FORMAT 3');
  }, 120_000);

  it('is refused with a typed error where CommonJS cannot load ESM (module node16)', () => {
    const dir = join(work, 'app');
    const node16 = compile(
      tsconfig(dir, 'tsconfig.node16.json', { module: 'Node16', moduleResolution: 'Node16', noEmit: true }, [
        'cjs.cts',
      ]),
    );
    expect(node16.status).not.toBe(0);
    expect(node16.output).toContain('TS1479');
  }, 120_000);

  it('writes a workbook through @musubi/core/xlsx once exceljs is installed beside it', () => {
    // a Node tool has its own @types/node; npm hoists that one, not ExcelJS's @types/node@14
    const dir = consumer('xlsx-app', ['exceljs@^4.4.0', '@types/node@^20.19.43']);
    writeFileSync(
      join(dir, 'sheet.ts'),
      `import { writeFileSync } from 'node:fs';
import { createNetwork } from '@musubi/core';
import { report } from '@musubi/core/indicators';
import { reportToXlsx } from '@musubi/core/xlsx';

const bytes = await reportToXlsx(report(createNetwork(), { fiscalYears: [2019] }));
writeFileSync('sheet.xlsx', bytes);
console.log(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0));
`,
    );
    const result = compile(
      tsconfig(dir, 'tsconfig.json', { module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' }, [
        'sheet.ts',
      ]),
    );
    expect(result.output).toBe('');
    expect(run(process.execPath, ['out/sheet.js'], dir).trim()).toBe('PK');
  }, 300_000);
});
