import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGexfGraph } from '../../packages/core/src/io/xml-parsers.js';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');

beforeAll(() => {
  // `pnpm test` builds first; a lone run builds the command here
  if (!existsSync(main))
    spawnSync('pnpm', ['--filter', '@musubi/cli', 'build'], { cwd: root, stdio: 'ignore' });
});

function musubi(...args: string[]) {
  const result = spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSUBI_AUTHOR: 'test' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-cli-'));
  const file = join(dir, 'mie.musubi.ndjson');
  expect(musubi('init', file).code).toBe(0);
  return { dir, file };
}

// as Excel writes "CSV UTF-8": BOM, CRLF, quoted cells with commas and line breaks, Japanese
const entitiesCsv =
  '\uFEFFID/id,種別/kind,名称（日本語）/name_ja,名称（英語）/name_en,国/country,備考/notes\r\n' +
  'mie,self,三重県,Mie Prefecture,JP,\r\n' +
  'sp,region,サンパウロ州,"São Paulo, State of",BR,"1973年に姉妹提携\r\n日系人のつながり"\r\n' +
  'val,region,バレンシア州,Valencian Community,ES,\r\n';
const linksCsv =
  '\uFEFF種別/kind,起点/source,終点/target,締結/signed,改定/revised\r\n' +
  'sister,mie,sp,1973-09-05,\r\n' +
  'friendship,mie,val,2015-01,2018;2020\r\n';

describe('the musubi command', () => {
  it('imports an Excel CSV, exports GEXF, and graphology-gexf reads back the same nodes and edges', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    writeFileSync(join(dir, 'links.csv'), linksCsv);
    expect(musubi('import', file, join(dir, 'entities.csv')).code).toBe(0);
    const links = musubi('--lang', 'en', 'import', file, join(dir, 'links.csv'), '--kind', 'links');
    expect(links.stdout).toContain('imported 2 rows');
    expect(JSON.parse(musubi('stats', file).stdout)).toMatchObject({ entities: 3, links: 2 });
    expect(musubi('validate', file).code).toBe(0);
    const out = join(dir, 'mie.gexf');
    expect(musubi('export', file, '--format', 'gexf', '--lang', 'en', '-o', out).code).toBe(0);
    const graph = readGexfGraph(readFileSync(out, 'utf8'));
    expect(graph.nodes().sort()).toEqual(['mie', 'sp', 'val']);
    expect(graph.getNodeAttribute('sp', 'label')).toBe('São Paulo, State of');
    expect(graph.mapEdges((_, a, s, t) => `${s}->${t}:${a.kind}`).sort()).toEqual([
      'mie->sp:sister',
      'mie->val:friendship',
    ]);
  });

  it('round-trips through JSON and CSV exports', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    musubi('import', file, join(dir, 'entities.csv'));
    const json = join(dir, 'all.json');
    expect(musubi('export', file, '--format', 'json', '--state', '-o', json).code).toBe(0);
    const other = join(dir, 'copy.ndjson');
    musubi('init', other);
    expect(musubi('import', other, json).code).toBe(0);
    const csv = musubi('export', other, '--format', 'csv').stdout;
    expect(csv.startsWith('\uFEFFID/id,種別/kind')).toBe(true);
    expect(csv).toContain('"1973年に姉妹提携\r\n日系人のつながり"');
  });

  it('refuses a bad CSV with a non-zero exit, the code and every row on stderr, importing nothing', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'bad.csv'), 'kind,name_ja,since\nregion,甲,\nplanet,乙,\nregion,丙,2019-13\n');
    const result = musubi('--lang', 'en', 'import', file, join(dir, 'bad.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('VALIDATION');
    expect(result.stderr).toContain('row 3, 種別/kind');
    expect(result.stderr).toContain('row 4, 開始/since');
    expect(JSON.parse(musubi('stats', file).stdout).entities).toBe(0);
    const partial = musubi('import', file, join(dir, 'bad.csv'), '--partial');
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain('3行目');
    expect(JSON.parse(musubi('stats', file).stdout).entities).toBe(1);
  });

  it('says so in both languages when a file is missing or a format unknown', () => {
    const { dir, file } = workspace();
    expect(musubi('init', file).stderr).toContain('CONFLICT');
    writeFileSync(join(dir, 'x.txt'), 'hello');
    expect(musubi('import', file, join(dir, 'x.txt')).stderr).toContain('対応していない形式');
    expect(musubi('--lang', 'en', 'import', file, join(dir, 'x.txt')).stderr).toContain('unsupported format');
    expect(musubi('export', file).code).not.toBe(0);
  });

  it('loses nothing acknowledged when killed with -9 during a large import', async () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    expect(musubi('import', file, join(dir, 'entities.csv')).code).toBe(0); // acknowledged
    const rows = Array.from({ length: 20_000 }, (_, i) => `region,地域${i},Region ${i}`);
    writeFileSync(join(dir, 'big.csv'), `kind,name_ja,name_en\n${rows.join('\n')}\n`);
    const child: ChildProcess = spawn(process.execPath, [main, 'import', file, join(dir, 'big.csv')], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const stats = musubi('stats', file);
    expect(stats.code).toBe(0);
    const { entities } = JSON.parse(stats.stdout);
    // the big import is one transaction: either wholly in (it finished before the kill) or not at all
    expect([3, 20_003]).toContain(entities);
  });
});
