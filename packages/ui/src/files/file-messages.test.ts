import { MusubiError } from '@musubi/core';
import { JSON_FORMAT_VERSION } from '@musubi/core/json';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { columnLabel, describeProblem, messageIn } from './file-messages.js';
import { countsText, defaultedText, summaryText } from './import-summary.js';
import { canImportGoodRowsOnly, importFile } from './imports.js';
import { translator } from './node-translator.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(name: string, bytes: Uint8Array): Promise<{ error: MusubiError; csv: boolean }> {
  const outcome = await importFile(buildSmallNetwork(), { name, bytes }, { lang: 'ja' });
  if (outcome.ok) throw new Error('expected a refusal');
  return { error: outcome.error, csv: outcome.format === 'csv' };
}

async function problem(name: string, text: string | Uint8Array, lang: 'ja' | 'en') {
  const { error, csv } = await refusal(name, typeof text === 'string' ? utf8(text) : text);
  return describeProblem(error, lang, translator(lang), { csv });
}

const badCsv = 'ID,種別,名称（日本語）,国\nok,region,よい県,TH\nbad,planet,わるい星,TH\nworse,region,,ZZ\n';

describe('a graph file with self-loops', () => {
  const gexf =
    '<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>' +
    '<node id="a" label="Tsu"/><node id="b" label="Ise"/></nodes><edges>' +
    '<edge id="e1" source="a" target="b"/><edge id="loop" source="b" target="b"/></edges></graph></gexf>';

  it('is refused naming the loop by its id and label, and can be imported without it', async () => {
    const network = buildSmallNetwork();
    const refused = await importFile(network, { name: 'tool.gexf', bytes: utf8(gexf) }, { lang: 'ja' });
    if (refused.ok) throw new Error('expected a refusal');
    expect(canImportGoodRowsOnly(refused)).toBe(true);
    const p = describeProblem(refused.error, 'ja', translator('ja'));
    expect(p.lines).toEqual([
      { where: 'edge.loop', message: '辺「loop」はノード「b」（Ise）から自身へのつながりです' },
    ]);
    const done = await importFile(
      network,
      { name: 'tool.gexf', bytes: utf8(gexf) },
      { lang: 'ja', partial: true },
    );
    if (!done.ok) throw new Error('expected an import');
    expect(done.summary.counts).toEqual({ entity: 2, link: 1 });
    expect(done.summary.rejected.map((i) => i.code)).toEqual(['self-loop']);
  });
});

describe('a refused CSV in the user’s language', () => {
  it('refuses broken quoting by the row where the quote opened, in either language', async () => {
    const csv =
      '種別,名称（日本語）,国,備考\nregion,よい県,TH,\nregion,わるい県,TH,"閉じない引用符\nregion,次の県,TH,\n';
    const ja = await problem('partners.csv', csv, 'ja');
    expect(ja.summary).toContain('引用符');
    expect(ja.lines).toEqual([
      {
        where: '3 行目・「備考」列',
        message: '3 行目（ファイルの 3 行目）で開いた引用符（"）が閉じていません',
      },
    ]);
    const en = await problem('partners.csv', csv, 'en');
    expect(en.summary).toContain('quotes');
    expect(en.lines[0]?.message).toBe('a quote (") opened in row 3 (line 3 of the file) is never closed');
  });

  it('refuses a column named twice, and words dates it cannot read from their codes', async () => {
    expect(
      (await problem('partners.csv', '種別,名称(日本語),name_ja\nregion,甲,乙\n', 'ja')).summary,
    ).toContain('同じ列が二つ');
    const dates = await problem(
      'partners.csv',
      '種別,名称（日本語）,開始\nregion,甲,1/5/2019\nregion,乙,令和元年4月1日\n',
      'ja',
    );
    expect(dates.lines.map((l) => l.message)).toEqual([
      '「1/5/2019」は複数の読み方ができます。年を4桁で先に書いてください（2019/5/1）',
      '「令和元年4月1日」は令和の期間にありません',
    ]);
    const en = await problem('partners.csv', '種別,名称（日本語）,開始\nregion,甲,1/5/2019\n', 'en');
    expect(en.lines[0]?.message).toBe(
      '"1/5/2019" can be read more than one way; write the year first with four digits (2019/5/1)',
    );
  });

  it('reports the columns it did not read and the dates it read otherwise, with an import that succeeded', async () => {
    const outcome = await importFile(
      buildSmallNetwork(),
      { name: 'partners.csv', bytes: utf8('種別,名称（日本語）,国名,開始\nregion,新しい県,TH,H30.4\n') },
      { lang: 'ja' },
    );
    if (!outcome.ok) throw new Error('expected an import');
    expect(outcome.summary.ignoredColumns).toEqual([{ header: '国名', column: 3, nearest: '国/country' }]);
    expect(outcome.summary.dates).toEqual([{ row: 2, column: '開始/since', text: 'H30.4', date: '2018-04' }]);
  });

  it('names every bad row by line and column, in Japanese', async () => {
    const p = await problem('partners.csv', badCsv, 'ja');
    expect(p.summary).toBe('2 行に 3 件の問題があります');
    expect(p.lines).toEqual([
      {
        where: '3 行目・「種別」列',
        message:
          '次のいずれかにしてください: self, region, government, mission, organization, municipality, company, facility, person',
      },
      { where: '4 行目・「名称（日本語）」列', message: '日本語名か英語名（または両方）を入力してください' },
      { where: '4 行目・「国」列', message: '国を選んでください' },
    ]);
  });

  it('names every bad row by line and column, in English', async () => {
    const p = await problem('partners.csv', badCsv, 'en');
    expect(p.summary).toBe('3 problem(s) in 2 row(s)');
    expect(p.lines.map((l) => l.where)).toEqual([
      'Line 3, column kind',
      'Line 4, column name_ja',
      'Line 4, column country',
    ]);
    expect(p.lines[1]?.message).toBe('Enter a Japanese or an English name (or both)');
  });

  it('says which required column is missing, and which ids are taken or unknown', async () => {
    expect(await problem('x.csv', 'name,country\nA,TH\n', 'en')).toEqual({
      summary: 'Required columns are missing',
      lines: [{ where: 'Line 1, column kind', message: 'The required column kind is missing' }],
    });
    const links = await problem('l.csv', 'kind,source,target\npartner,mie,nowhere\n', 'ja');
    expect(links.lines).toEqual([
      { where: '2 行目・「終点」列', message: 'ID「nowhere」の組織・人がありません' },
    ]);
    const taken = await problem('e.csv', 'id,kind,name_en\nmie,region,Mie again\n', 'en');
    expect(taken.lines).toEqual([
      { where: 'Line 2, column id', message: 'The id mie appears twice or is already taken' },
    ]);
  });

  it('explains a Shift_JIS file', async () => {
    const sjis = new Uint8Array([
      ...utf8('id,kind,name_ja\r\nx,region,'),
      0x83,
      0x5e,
      0x83,
      0x43,
      0x0d,
      0x0a,
    ]);
    expect((await problem('excel.csv', sjis, 'ja')).summary).toMatch(/UTF-8 ではありません.*Shift_JIS/);
    expect((await problem('excel.csv', sjis, 'en')).summary).toMatch(/not UTF-8 \(perhaps Shift_JIS\)/);
  });
});

describe('a refused JSON or XML file in the user’s language', () => {
  it('refuses prototype keys and says where', async () => {
    const text = '{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"__proto__":{"x":1}}]}';
    expect(await problem('p.json', text, 'ja')).toEqual({
      summary: '安全のため使えないキー「__proto__」があります（changes[0].__proto__）',
      lines: [],
    });
  });

  it('says a newer Musubi wrote the file', async () => {
    const text = `{"format":"musubi","formatVersion":${JSON_FORMAT_VERSION + 1},"kind":"log","changes":[]}`;
    expect((await problem('n.json', text, 'en')).summary).toBe(
      `The file was written by a newer Musubi (format ${JSON_FORMAT_VERSION + 1}; this one reads up to format ${JSON_FORMAT_VERSION})`,
    );
  });

  it('says a file is not JSON, not Musubi, or has malformed changes, with their paths', async () => {
    expect((await problem('b.json', '{"format":', 'ja')).summary).toBe(
      'JSON として読めません（壊れているか、JSON ファイルではありません）',
    );
    expect((await problem('o.json', '{"hello":"world"}', 'en')).summary).toBe(
      'This is not a Musubi network file',
    );
    const malformed = await problem(
      'm.json',
      '{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"a":1}]}',
      'en',
    );
    expect(malformed.summary).toMatch(/^The file's content has problems: /);
    expect(malformed.lines).toContainEqual({ where: 'changes[0].id', message: 'Required' });
  });

  it('refuses XML with a DOCTYPE, and a file of no known format', async () => {
    const doctype = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><graphml></graphml>';
    expect((await problem('x.graphml', doctype, 'ja')).summary).toBe(
      'DOCTYPE や ENTITY の宣言を含む XML ファイルは、安全のため読み込みません',
    );
    expect((await problem('photo.png', '\u0089PNG', 'en')).summary).toBe(
      'This is not a CSV, JSON, GEXF or GraphML file',
    );
  });

  it('names an id that is already in the network', async () => {
    const json =
      '{"format":"musubi","formatVersion":1,"kind":"state","seq":0,"changeId":null,"records":{"entity":[{"id":"mie","kind":"self","name":{"ja":"三重県"},"aliases":[],"tags":[]}]}}';
    expect(await problem('c.json', json, 'ja')).toEqual({
      summary: 'ID「mie」はこのネットワークにすでにあります',
      lines: [],
    });
  });
});

describe('a refusal worded from its code and details', () => {
  // The core's message is for people reading logs: here it says nothing the UI could match, and the
  // sentence must still come from the code, the details and the issues' params.
  const opaque = 'x / x';
  const summary = (error: MusubiError, lang: 'ja' | 'en', csv = false) =>
    describeProblem(error, lang, translator(lang), { csv }).summary;

  it('names a forbidden key and where it is, from the details', () => {
    const error = new MusubiError('FORMAT', opaque, {
      path: ['records', 'entity', 0, 'constructor'],
      details: { reason: 'forbidden-key', key: 'constructor' },
    });
    expect(summary(error, 'ja')).toBe(
      '安全のため使えないキー「constructor」があります（records.entity[0].constructor）',
    );
    expect(summary(error, 'en')).toBe(
      'The file has the key "constructor", which is refused for safety (records.entity[0].constructor)',
    );
  });

  it('says not JSON, not Musubi, not GEXF and an empty CSV by their reasons', () => {
    const refused = (details: Record<string, unknown>) => new MusubiError('FORMAT', opaque, { details });
    expect(summary(refused({ reason: 'not-json' }), 'en')).toBe(
      'The file is not valid JSON (damaged, or not a JSON file)',
    );
    expect(summary(refused({ reason: 'not-musubi' }), 'ja')).toBe(
      'Musubi のネットワークファイルではありません',
    );
    expect(summary(refused({ reason: 'not-xml', format: 'gexf' }), 'ja')).toBe('GEXF として読めません');
    expect(summary(refused({ reason: 'not-xml', format: 'graphml' }), 'en')).toBe(
      'The file is not readable as GraphML',
    );
    const empty = new MusubiError('VALIDATION', opaque, {
      issues: [{ path: [1], code: 'empty-file', message: opaque }],
    });
    expect(summary(empty, 'en', true)).toBe('The CSV file is empty');
  });

  it('names a CSV row’s id from its params', () => {
    const error = new MusubiError('VALIDATION', opaque, {
      issues: [{ path: [3, 'ID/id'], code: 'duplicate-id', message: 'y', params: { id: 'mie' } }],
    });
    expect(describeProblem(error, 'ja', translator('ja'), { csv: true }).lines).toEqual([
      { where: '3 行目・「ID」列', message: 'ID「mie」が重複しているか、すでに使われています' },
    ]);
  });

  it('gives the same sentences for the files that cause them', async () => {
    expect((await problem('empty.csv', '', 'ja')).summary).toBe('CSV ファイルが空です');
    expect((await problem('array.json', '[1, 2]', 'en')).summary).toBe('This is not a Musubi network file');
    const kind = '{"format":"musubi","formatVersion":1,"kind":"graph"}';
    expect((await problem('kind.json', kind, 'ja')).summary).toBe(
      'Musubi のネットワークファイルではありません',
    );
    const noVersion = '{"format":"musubi","kind":"log","changes":[]}';
    expect((await problem('v.json', noVersion, 'en')).summary).toBe('This is not a Musubi network file');
    expect((await problem('broken.gexf', '<gexf><graph>', 'en')).summary).toBe(
      'The file is not readable as GEXF',
    );
  });
});

describe('small wording helpers', () => {
  it('take the language’s half of a CSV header or of a core message', async () => {
    expect(columnLabel('名称（日本語）/name_ja', 'ja')).toBe('名称（日本語）');
    expect(columnLabel('名称（日本語）/name_ja', 'en')).toBe('name_ja');
    expect(columnLabel('coordinates', 'ja')).toBe('coordinates');
    expect(messageIn('the CSV file is empty / CSV が空です', 'ja')).toBe('CSV が空です');
    expect(messageIn('the CSV file is empty / CSV が空です', 'en')).toBe('the CSV file is empty');
  });

  it('count what an import added', async () => {
    const t = translator('ja');
    expect(countsText({ entity: 3, link: 2, engagement: 0 }, t)).toBe('組織・人 3 件、つながり 2 件');
    expect(countsText({ entity: 3, link: 2 }, translator('en'))).toBe('entities: 3, links: 2');
    expect(summaryText({ format: 'csv', counts: { entity: 0 }, rejected: [], defaulted: [] }, t)).toBe(
      'ファイルに取り込むものはありませんでした',
    );
    expect(summaryText({ format: 'json', counts: { entity: 1 }, rejected: [], defaulted: [] }, t)).toBe(
      '取り込みました: 組織・人 1 件',
    );
  });

  it('say which kinds a graph file lacked, in the user’s language', async () => {
    expect(defaultedText('node n3: kind (none) → organization', translator('ja'))).toBe(
      '組織等「n3」: 種別 （なし） → organization',
    );
    expect(defaultedText("edge e1: kind 'knows' → partner", translator('en'))).toBe(
      "Link e1: kind 'knows' → partner",
    );
    expect(defaultedText('something else', translator('en'))).toBe('something else');
  });
});
