import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The folders of `src` are the architecture: changes in, projections out (the README's design, each
 * folder's README). A folder imports only from folders on lower layers (type imports count too:
 * they are what a reader follows), never from its own layer's neighbours or from above, so that
 * the flow stays one way: changes ← log ← projection ← indexes ← views ← network ← the rest.
 */
const layers: readonly (readonly string[])[] = [
  // what every layer speaks: the error, the records' schemas, dates (these three lean on each other)
  ['errors.ts', 'model', 'time'],
  ['changes'],
  ['log'],
  ['projection'],
  ['indexes'],
  ['views'],
  ['network'],
  // what reads or keeps a network: the stores, the policy sheet
  ['storage', 'indicators'],
  // the one-page brief on an entity (its words are also the workbook's)
  ['briefing'],
  // the interchange formats (the workbook carries the policy sheet)
  ['io'],
  // the Node store (with streaming JSON), the replica of a team server
  ['node', 'sync'],
  // the package's entries (entries.json)
  [
    'index.ts',
    'csv.ts',
    'graph-files.ts',
    'xlsx.ts',
    'indexeddb.ts',
    'schemas.ts',
    'words.ts',
    'log.ts',
    'markdown.ts',
    'json.ts',
    'indicators.ts',
    'briefing.ts',
  ],
];

/** Only these imports may point the other way, each with the reason it still does. */
const allowed: ReadonlyMap<string, string> = new Map([
  // the projection keeps these two up to date as it applies each change (the valid-time index is
  // told each write instead, through `NetworkState.validTime`, and needs no import)
  ['projection/state.ts -> indexes/search.ts', 'the state updates the search index in apply'],
  ['projection/state.ts -> indexes/engagement-columns.ts', 'the state updates the columns in apply'],
  [
    'projection/engagements-by-entity.ts -> indexes/valid-time-spans.ts',
    'each engagement’s date key (the order timelines sort by) is read as the state takes it in',
  ],
  [
    'projection/links-by-entity.ts -> indexes/valid-time-spans.ts',
    'each link event’s date key (the order timelines sort by) is read as the state takes the link in',
  ],
  [
    'projection/state.ts -> indexes/valid-time-spans.ts',
    'the engagements in date order are sorted by the one sort by date (the date keys the timelines sort by)',
  ],
]);

const src = dirname(new URL(import.meta.url).pathname);

function folderOf(file: string): string {
  const path = relative(src, file);
  return path.includes('/') ? (path.split('/')[0] as string) : path;
}

function layerOf(folder: string): number {
  return layers.findIndex((layer) => layer.includes(folder));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$|\.contract\.ts$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The relative modules a file imports or re-exports (type-only ones included), resolved to files. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      out.push(resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts')));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('the folders of packages/core/src', () => {
  const files = sourceFiles(src);

  it('each sit on one layer of the flow', () => {
    const unplaced = [...new Set(files.map(folderOf))].filter((folder) => layerOf(folder) < 0);
    expect(unplaced).toEqual([]);
  });

  it('import only from lower layers: changes ← log ← projection ← indexes ← views ← network ← the rest', () => {
    expect(files.length).toBeGreaterThan(50);
    const wrongWay: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from) continue;
        const [a, b] = [layerOf(from), layerOf(to)];
        const edge = `${relative(src, file)} -> ${relative(src, target)}`;
        if ((b < a || (a === 0 && b === 0)) && b >= 0) continue;
        if (!allowed.has(edge)) wrongWay.push(edge);
      }
    }
    expect(wrongWay).toEqual([]);
  });

  it('list no allowed exception that the code no longer needs', () => {
    const edges = new Set(
      files.flatMap((file) =>
        importsOf(file).map((target) => `${relative(src, file)} -> ${relative(src, target)}`),
      ),
    );
    expect([...allowed.keys()].filter((edge) => !edges.has(edge))).toEqual([]);
  });
});
