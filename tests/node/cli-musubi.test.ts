import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type GraphType from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');

// another reader of the exported GEXF: graphology-gexf's own Node parser into a fresh graphology
// graph, loaded as any program would (from the packages where they are installed), not Musubi's code
const fromCore = createRequire(join(root, 'packages/core/package.json'));
const Graph = fromCore('graphology') as typeof GraphType;
const gexf = fromCore('graphology-gexf') as { parse(graph: typeof GraphType, xml: string): GraphType };
const graphml = fromCore('graphology-graphml') as { parse(graph: typeof GraphType, xml: string): GraphType };
const ExcelJS = fromCore('exceljs') as typeof import('exceljs');

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

/** A workspace holding the example prefecture network, imported from its JSON. */
function mieWorkspace() {
  const { dir, file } = workspace();
  const json = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'tests/node/fixtures/mie-json.ts')],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(json.status).toBe(0);
  writeFileSync(join(dir, 'mie.json'), json.stdout);
  expect(musubi('import', file, join(dir, 'mie.json')).code).toBe(0);
  return { dir, file };
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
    const graph = gexf.parse(Graph, readFileSync(out, 'utf8'));
    expect(graph.nodes().sort()).toEqual(['mie', 'sp', 'val']);
    expect(graph.size).toBe(2);
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
    // the whole log, written in chunks to stdout, is the document a file export holds
    const log = JSON.parse(musubi('export', other, '--format', 'json').stdout);
    expect(log).toMatchObject({ format: 'musubi', kind: 'log' });
    expect(log.changes.length).toBeGreaterThan(0);
    expect(csv).toContain('"1973年に姉妹提携\r\n日系人のつながり"');
  });

  it('refuses a bad CSV with a non-zero exit, the code and every row on stderr, importing nothing', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'bad.csv'), 'kind,name_ja,since\nregion,甲,\nplanet,乙,\nregion,丙,2019-13\n');
    const result = musubi('--lang', 'en', 'import', file, join(dir, 'bad.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('VALIDATION');
    expect(result.stderr).toContain('row 3, kind');
    expect(result.stderr).toContain('row 4, since');
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

  it('reports the policy sheet of the prefecture network in the terminal, and exports XLSX and GraphML', async () => {
    const { dir, file } = mieWorkspace();
    const report = musubi('--lang', 'en', 'report', file, '--fy', '2016..2019');
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('## Activity indicators');
    expect(report.stdout).toMatch(
      /\| 33102 Promoting business expansion abroad \|[^\n]*\| 30 companies \| 35 companies \[35 illustrative\] \| 1\.17 \|/,
    );
    expect(report.stdout).toContain('Caution: actuals marked "illustrative"');
    expect(musubi('report', file, '--fy', 'soon').stderr).toContain('--fy');

    const xlsx = join(dir, 'sheet.xlsx');
    expect(musubi('report', file, '--format', 'xlsx', '--fy', '2016..2019', '-o', xlsx).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const rows: unknown[][] = [];
    workbook.getWorksheet('施策シート')?.eachRow((r) => {
      // a formula (achievement, a total) is read as the value Excel shows
      rows.push(
        (r.values as unknown[])
          .slice(1)
          .map((v) =>
            v !== null && typeof v === 'object' && 'formula' in v
              ? (v as unknown as { result: unknown }).result
              : v,
          ),
      );
    });
    expect(rows.find((r) => r[0] === '33102 海外事業展開の推進')?.slice(4, 10)).toEqual([
      15,
      15,
      1,
      30,
      35,
      35 / 30,
    ]);
    expect(musubi('report', file, '--format', 'xlsx').code).toBe(1); // xlsx needs -o

    const counts = JSON.parse(musubi('stats', file).stdout);
    const graph = graphml.parse(Graph, musubi('export', file, '--format', 'graphml').stdout);
    expect([graph.order, graph.size]).toEqual([counts.entities, counts.links]);
  });

  it('exports the whole network as one workbook that imports back into a fresh network unchanged', () => {
    const { dir, file } = mieWorkspace();
    const book = join(dir, 'network.xlsx');
    const written = musubi('export', file, '--format', 'xlsx', '-o', book);
    expect(written.code).toBe(0);
    const fresh = join(dir, 'fresh.musubi.ndjson');
    expect(musubi('init', fresh).code).toBe(0);
    const imported = musubi('--lang', 'en', 'import', fresh, book);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^imported \d+ entities, \d+ programmes, \d+ indicators/);
    const state = (f: string) => {
      const json = JSON.parse(musubi('export', f, '--format', 'json', '--state').stdout);
      return Object.fromEntries(
        Object.entries(json.records as Record<string, { id: string }[]>).map(([c, list]) => [
          c,
          [...list].sort((a, b) => a.id.localeCompare(b.id)),
        ]),
      );
    };
    expect(state(fresh)).toEqual(state(file));
    // a second import would merge into records that exist: refused at its cells, nothing written
    const before = readFileSync(fresh);
    const again = musubi('import', fresh, book);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('シート「組織等」2行目「ID」');
    expect(readFileSync(fresh)).toEqual(before);
    // eight runs of the command, each opening the network: seconds each on a loaded machine
  }, 300_000);

  it('prints the briefing on an entity given by id or by name, in Japanese and English', () => {
    const { file } = mieWorkspace();
    // the brief before the Thai Ambassador's courtesy call, by id or by name, in both languages
    const ja = musubi('briefing', file, 'thai-embassy', '--date', '2026-12-01');
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('# ブリーフィング資料: 駐日タイ王国大使館');
    expect(ja.stdout).toContain('- 特命全権大使: 大使B（例示）（着任 2018年10月1日）');
    expect(ja.stdout).toContain('2018年12月5日 表敬訪問: 新任タイ大使の表敬訪問');
    const en = musubi('--lang', 'en', 'briefing', file, 'Royal Thai Embassy', '--date', '2026-12-01');
    expect(en.stdout).toContain('# Briefing: Royal Thai Embassy in Japan');
    expect(en.stdout).toContain('Participants: Mie Prefecture (Host), Governor (illustrative) (Host)');
    const missing = musubi('--lang', 'en', 'briefing', file, 'no-such-entity-zz');
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('NOT_FOUND')]);
  });

  it('imports a partner list saved by Excel as Shift_JIS (made with iconv -t CP932) without being told', () => {
    const { dir, file } = workspace();
    const utf8 = join(dir, 'partners-utf8.csv');
    writeFileSync(
      utf8,
      '種別,名称（日本語）,名称（英語）,国,備考\r\ncompany,㈱伊勢精工,Ise Seiko,JP,①試作\r\nmunicipality,津市,Tsu,JP,髙島屋\r\n',
    );
    const sjis = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP932', utf8]);
    expect(sjis.status).toBe(0);
    const input = join(dir, 'partners.csv');
    writeFileSync(input, sjis.stdout);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(input))).toThrow();
    const result = musubi('--lang', 'en', 'import', file, input);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('read it as Shift_JIS');
    const csv = musubi('export', file, '--format', 'csv').stdout;
    expect(csv).toContain('㈱伊勢精工,Ise Seiko,JP');
    expect(csv).toContain('髙島屋');
    // with --no-shift-jis it is refused, and nothing lands
    const refused = musubi('import', file, input, '--no-shift-jis');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('FORMAT');
    expect(JSON.parse(musubi('stats', file).stdout).entities).toBe(2);
  });

  it('imports and exports engagements, refusing unknown participants with row and column', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    musubi('import', file, join(dir, 'entities.csv'));
    writeFileSync(
      join(dir, 'visits.csv'),
      '\uFEFF種別,日付,名称（日本語）,名称（英語）,参加者\r\ncourtesy-visit,2019-06-10,表敬訪問,Courtesy visit,sp:visitor;mie:host\r\nseminar,2019-07,セミナー,Seminar,mie;nobody\r\n',
    );
    const bad = musubi('--lang', 'en', 'import', file, join(dir, 'visits.csv'), '--kind', 'engagements');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('row 3, participants');
    expect(JSON.parse(musubi('stats', file).stdout).engagements).toBe(0);
    const good = musubi('import', file, join(dir, 'visits.csv'), '--kind', 'engagements', '--partial');
    expect(good.code).toBe(0);
    const csv = musubi('export', file, '--format', 'csv', '--kind', 'engagements').stdout;
    expect(csv).toContain('courtesy-visit,2019-06-10,,表敬訪問,Courtesy visit,sp:visitor;mie:host');
  });

  it('shows a progress bar on a terminal during a long import, and none when stderr is redirected', () => {
    const { dir, file } = workspace();
    const rows = Array.from({ length: 3_000 }, (_, i) => `company,会社${i}`);
    writeFileSync(join(dir, 'big.csv'), `kind,name_ja\n${rows.join('\n')}\n`);
    // script(1) gives the command a pseudo-terminal, as a user's shell would
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(main)} --lang en import ${JSON.stringify(file)} ${JSON.stringify(join(dir, 'big.csv'))}`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toContain('checking [');
    expect(tty.stdout).toContain('importing [');
    expect(tty.stdout).toContain('100% | 3000/3000 rows');
    expect(tty.stdout).toContain('imported 3000 rows');
    const other = workspace();
    const piped = musubi('import', other.file, join(dir, 'big.csv'));
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });

  it('refuses to import while another process holds the file, naming it, and changes nothing', async () => {
    const { dir, file } = workspace();
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'packages/core/src/node/fixtures/log-writer.ts'), file, 'hold'],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => {
        holder.stdout?.setEncoding('utf8').on('data', (text: string) => {
          if (text.includes('ready')) resolve();
        });
      });
      writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
      const refused = musubi('--lang', 'en', 'import', file, join(dir, 'entities.csv'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('STORAGE (storage failure)');
      expect(refused.stderr).toContain(`process ${holder.pid}`);
      expect(JSON.parse(musubi('stats', file).stdout).entities).toBe(0);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // the holder is gone: its lock is taken over
    expect(musubi('import', file, join(dir, 'entities.csv')).code).toBe(0);
  });

  it('reports a torn last line, refuses to write until `musubi repair`, and keeps every complete change', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    musubi('import', file, join(dir, 'entities.csv'));
    appendFileSync(file, '{"id":"chg_torn","seq":2,"recor');
    const validate = musubi('--lang', 'en', 'validate', file);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('line 3 was cut short');
    expect(validate.stderr).toContain('musubi repair');
    expect(JSON.parse(musubi('stats', file).stdout).entities).toBe(3);
    const refused = musubi('import', file, join(dir, 'entities.csv'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('musubi repair');
    const repaired = musubi('--lang', 'en', 'repair', file);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('moved the torn line 3');
    expect(musubi('validate', file).code).toBe(0);
    expect(musubi('repair', file).stdout).toContain('壊れても途切れてもいません');
  });

  it('names a damaged middle line in validate, and repair sets it aside saying what was lost', () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    musubi('import', file, join(dir, 'entities.csv'));
    writeFileSync(join(dir, 'more.csv'), 'kind,name_ja\ncompany,追加株式会社\n');
    musubi('import', file, join(dir, 'more.csv'));
    const lines = readFileSync(file, 'utf8').split('\n');
    // a digit of the first import's record time flipped: still valid JSON, only its check tells
    lines[1] = (lines[1] ?? '').replace(
      /"recordedAt":"(\d)/,
      (_, d: string) => `"recordedAt":"${(Number(d) + 1) % 10}`,
    );
    writeFileSync(file, lines.join('\n'));
    const opened = musubi('--lang', 'en', 'stats', file);
    expect(opened.code).toBe(1);
    expect(opened.stderr).toContain('line 2 does not match its integrity check');
    const validate = musubi('--lang', 'en', 'validate', file);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('line 2 (change 1)');
    expect(validate.stderr).toContain('keeps 1 changes');
    const repaired = musubi('--lang', 'en', 'repair', file);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('moved 1 lines to');
    expect(repaired.stdout).toContain('keeps 1 changes (1 of them under a new seq)');
    expect(readdirSync(dir).some((name) => name.includes('.damaged-'))).toBe(true);
    expect(JSON.parse(musubi('stats', file).stdout)).toMatchObject({ entities: 1, changes: 1 });
    expect(musubi('validate', file).code).toBe(0);
    // in Japanese too
    expect(musubi('repair', file).stdout).toContain('壊れても途切れてもいません');
  });

  it('loses nothing acknowledged when killed with -9 in the middle of writing a large import', async () => {
    const { dir, file } = workspace();
    writeFileSync(join(dir, 'entities.csv'), entitiesCsv);
    // acknowledged: the command printed that it imported, and exited 0
    const first = musubi('--lang', 'en', 'import', file, join(dir, 'entities.csv'));
    expect(first.stdout).toContain('imported 3 rows');
    const rows = Array.from({ length: 40_000 }, (_, i) => `region,地域${i},Region ${i},${'備考'.repeat(40)}`);
    writeFileSync(join(dir, 'big.csv'), `kind,name_ja,name_en,notes\n${rows.join('\n')}\n`);
    const before = statSync(file).size;
    // kill it as soon as the import's line starts reaching the file (during the write or its
    // fsync): the kernel tells of each write to the file (inotify), watched before the child starts
    let stop: () => void = () => undefined;
    const killed = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const watcher = watch(file, () => {
      if (statSync(file).size > before) stop();
    });
    const child: ChildProcess = spawn(
      process.execPath,
      [main, '--lang', 'en', 'import', file, join(dir, 'big.csv')],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    child.once('exit', () => stop());
    let printed = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      printed += text;
    });
    await killed;
    watcher.close();
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    const stats = musubi('stats', file);
    expect(stats.code).toBe(0);
    const { entities } = JSON.parse(stats.stdout);
    // the import is one change: wholly in, or not at all; and in if it was acknowledged
    if (printed.includes('imported')) expect(entities).toBe(40_003);
    else expect([3, 40_003]).toContain(entities);
    const csv = musubi('export', file, '--format', 'csv').stdout;
    for (const id of ['mie', 'sp', 'val']) expect(csv).toContain(`\r\n${id},`);
    // a torn line (the kill cut the write: Linux writes a big buffer in pieces) is reported with its
    // line number and repaired; then writing resumes
    if (readFileSync(file).at(-1) !== 10) {
      const validate = musubi('--lang', 'en', 'validate', file);
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain('line 3 was cut short');
      expect(musubi('repair', file).code).toBe(0);
    }
    expect(musubi('validate', file).code).toBe(0);
    writeFileSync(join(dir, 'more.csv'), 'kind,name_ja\ncompany,再開株式会社\n');
    expect(musubi('import', file, join(dir, 'more.csv')).code).toBe(0);
    expect(JSON.parse(musubi('stats', file).stdout).entities).toBe(entities + 1);
  });
});
