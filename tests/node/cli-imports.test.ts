import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');

beforeAll(() => {
  if (!existsSync(main))
    spawnSync('pnpm', ['--filter', '@musubi/cli', 'build'], { cwd: root, stdio: 'ignore' });
});

function musubi(...args: string[]) {
  const result = spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUSUBI_AUTHOR: 'test', MUSUBI_LANG: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-cli-imports-'));
  const file = join(dir, 'mie.musubi.ndjson');
  expect(musubi('init', file).code).toBe(0);
  return { dir, file };
}

const head = '\uFEFF種別,名称（日本語）,国,開始,備考\r\n';

describe('musubi import: real office files', () => {
  it('refuses a CSV whose 備考 quote never closes, naming the row, and leaves the file byte-identical', () => {
    const { dir, file } = workspace();
    const csv = join(dir, 'partners.csv');
    writeFileSync(csv, `${head}region,甲,TH,,通常\r\nregion,乙,TH,,"締結は1973年\r\nregion,丙,BR,,\r\n`);
    const before = readFileSync(file);
    for (const partial of [[], ['--partial']]) {
      const run = musubi('--lang', 'ja', 'import', file, csv, ...partial);
      expect(run.code).not.toBe(0);
      expect(run.stdout).not.toContain('取り込みました');
      expect(run.stderr).toContain('3行目「備考」');
      expect(run.stderr).toContain('引用符');
      expect(run.stderr).not.toMatch(/quote|row/);
    }
    expect(readFileSync(file)).toEqual(before);
  });

  it('words every row problem in Japanese in Japanese mode and in English in English mode', () => {
    const { dir, file } = workspace();
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, `${head}planet,甲,TH,,\r\n\r\nregion,乙,TH,1/5/2019,\r\nregion,丙,XX,,\r\n`);
    const ja = musubi('--lang', 'ja', 'import', file, csv);
    expect(ja.code).not.toBe(0);
    expect(ja.stderr).toContain('2行目「種別」: 「planet」は使えません');
    expect(ja.stderr).toContain('4行目「開始」: 「1/5/2019」は複数の読み方ができます');
    expect(ja.stderr).toContain('5行目「国」');
    expect(ja.stderr).not.toMatch(/Invalid|expected|problem|must be/);
    const en = musubi('--lang', 'en', 'import', file, csv);
    expect(en.stderr).toContain('row 2, kind: "planet" is not allowed');
    expect(en.stderr).toContain('row 4, since: "1/5/2019" can be read more than one way');
    expect(en.stderr).not.toMatch(/[ぁ-んァ-ン]{2}/);
  });

  it('says which columns it ignored and which cells it read as which date', () => {
    const { dir, file } = workspace();
    const csv = join(dir, 'ok.csv');
    writeFileSync(
      csv,
      '\uFEFF種別,名称(日本語),国名,開始\r\nregion,甲,TH,令和元年5月1日\r\nregion,乙,BR,H30.4\r\n',
    );
    const run = musubi('--lang', 'ja', 'import', file, csv);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 行を取り込みました');
    expect(run.stderr).toContain(
      'C 列「国名」は知らない見出しのため読みませんでした（「国/country」のことですか）',
    );
    expect(run.stderr).toContain('2行目「開始」: 令和元年5月1日 → 2019-05-01');
    expect(run.stderr).toContain('3行目「開始」: H30.4 → 2018-04');
  });

  it('refuses a graph file with a DOCTYPE in Japanese only, in Japanese mode', () => {
    const { dir, file } = workspace();
    const gexf = join(dir, 'evil.gexf');
    writeFileSync(gexf, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><gexf/>');
    const run = musubi('--lang', 'ja', 'import', file, gexf);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('DOCTYPE');
    expect(run.stderr).not.toMatch(/the GEXF file|declares|refused/);
  });

  it('refuses a graph file with self-loops by the file’s ids, and imports the rest with --partial, summing guessed kinds in one line', () => {
    const { dir, file } = workspace();
    const gexf = join(dir, 'tool.gexf');
    const nodes = Array.from({ length: 300 }, (_, i) => `<node id="n${i}" label="N${i}"/>`).join('');
    writeFileSync(
      gexf,
      `<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>${nodes}</nodes><edges><edge id="e1" source="n0" target="n1"/><edge id="loop" source="n2" target="n2"/></edges></graph></gexf>`,
    );
    const before = readFileSync(file);
    const refused = musubi('--lang', 'ja', 'import', file, gexf);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('辺「loop」はノード「n2」（N2）から自身へのつながりです');
    expect(readFileSync(file)).toEqual(before);
    const partial = musubi('--lang', 'ja', 'import', file, gexf, '--partial');
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('組織等 300、つながり 1 を取り込みました');
    expect(partial.stderr.trim().split('\n')).toEqual([
      '種別のない・知らない種別のノード 300 件を organization、辺 1 件を partner にしました',
      '取り込まなかった辺: 辺「loop」はノード「n2」（N2）から自身へのつながりです',
    ]);
  });
});
