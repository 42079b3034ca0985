import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import { addProgramme, programmes } from '../indicators/records.js';
import { createNetwork } from '../network/network.js';
import { importCsv, networkToCsv, neutraliseCell } from './csv.js';

function errorOf(fn: () => unknown): MusubiError {
  try {
    fn();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected a MusubiError');
}

// written like Excel's "CSV UTF-8": BOM, CRLF, quoted cells with commas and line breaks
const excelEntities =
  '\uFEFF種別,名称（日本語）,name_en,国,タグ,備考\r\n' +
  'region,サンパウロ州,"São Paulo, State of",br,姉妹;南米,"1973年締結\r\n移民のつながり"\r\n' +
  'self,三重県,Mie Prefecture,JP,,\r\n';

describe('CSV import and export', () => {
  it('imports entities from an Excel-style sheet with Japanese or English headers', () => {
    const network = createNetwork();
    expect(importCsv(network, new TextEncoder().encode(excelEntities), 'entities')).toEqual({
      imported: 2,
      rejected: [],
      encoding: 'utf-8',
      ignoredColumns: [],
      dates: [],
    });
    const sp = network.entities().find((e) => e.kind === 'region');
    expect(sp).toMatchObject({
      name: { ja: 'サンパウロ州', en: 'São Paulo, State of' },
      country: 'BR',
      tags: ['姉妹', '南米'],
    });
    expect(sp?.notes).toBe('1973年締結\r\n移民のつながり');
    expect(network.log()).toHaveLength(1);
  });

  it('exports with a BOM, bilingual headers and CRLF, and re-imports the same entities and links', () => {
    const network = createNetwork();
    importCsv(network, excelEntities, 'entities');
    const [a, b] = network.entities();
    network.addLink({
      kind: 'sister',
      source: a?.id ?? '',
      target: b?.id ?? '',
      events: [
        { type: 'signed', date: '1973-09' },
        { type: 'revised', date: '1990' },
        { type: 'revised', date: '2000' },
      ],
    });
    const entities = networkToCsv(network, 'entities');
    const links = networkToCsv(network, 'links');
    expect(entities.startsWith('\uFEFFID/id,種別/kind,名称（日本語）/name_ja')).toBe(true);
    expect(links).toContain('1990;2000');
    const copy = createNetwork();
    importCsv(copy, entities, 'entities');
    importCsv(copy, links, 'links');
    expect(copy.entities()).toEqual(network.entities());
    expect(copy.links().map((l) => l.events.map((e) => [e.type, e.date]))).toEqual(
      network.links().map((l) => l.events.map((e) => [e.type, e.date])),
    );
  });

  it('neutralises formula-like cells on export and restores them on import', () => {
    for (const cell of ['=SUM(A1)', '+1', '-2', '@x', '\tx', '\rx'])
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    expect(neutraliseCell('三重')).toBe('三重');
    const network = createNetwork();
    network.addEntity({ kind: 'organization', name: { en: '=HYPERLINK("http://evil")' } });
    const csv = networkToCsv(network, 'entities');
    expect(csv).toContain(`'=HYPERLINK`);
    const copy = createNetwork();
    importCsv(copy, csv, 'entities');
    expect(copy.entities()[0]?.name.en).toBe('=HYPERLINK("http://evil")');
  });

  it('reports every bad row with its row and column and imports nothing', () => {
    const network = createNetwork();
    const csv =
      'id,kind,name_ja,since,until\r\n' +
      'a,region,甲,,\r\n' +
      'b,planet,乙,,\r\n' + // unknown kind
      'a,region,丙,,\r\n' + // duplicate id
      'c,region,丁,2019-02-30,\r\n' + // impossible date
      'd,region,,,\r\n'; // no name
    const error = errorOf(() => importCsv(network, csv, 'entities'));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i) => i.path)).toEqual([
      [3, '種別/kind'],
      [4, 'ID/id'],
      [5, '開始/since'],
      [6, '名称（日本語）/name_ja'],
    ]);
    expect(network.counts().entities).toBe(0);
  });

  it('with partial, imports the good rows and reports the others', () => {
    const network = createNetwork();
    const report = importCsv(network, 'kind,name_ja\nregion,甲\nplanet,乙\n', 'entities', { partial: true });
    expect(report.imported).toBe(1);
    expect(report.rejected.map((i) => i.path)).toEqual([[3, '種別/kind']]);
  });

  it('refuses a sheet without its required columns', () => {
    const error = errorOf(() => importCsv(createNetwork(), 'name_ja\n甲\n', 'entities'));
    expect(error.issues[0]?.path).toEqual([1, '種別/kind']);
  });

  it('refuses links to unknown entities', () => {
    const network = createNetwork();
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    const error = errorOf(() =>
      importCsv(network, 'kind,source,target,signed\nsister,mie,nowhere,1973\n', 'links'),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([[[2, '終点/target'], 'unknown-reference']]);
  });

  it('says a Shift_JIS file is not UTF-8, and reads it (Windows-31J: ㈱, ①, 髙) when asked to', () => {
    // kind,name_ja,notes / company,三重㈱,①髙 as Excel saves it on Japanese Windows (bytes from iconv -t CP932)
    const sjis = new Uint8Array([
      ...new TextEncoder().encode('kind,name_ja,notes\r\ncompany,'),
      ...[0x8e, 0x4f, 0x8f, 0x64, 0x87, 0x8a],
      0x2c,
      ...[0x87, 0x40, 0xfb, 0xfc],
      0x0d,
      0x0a,
    ]);
    const error = errorOf(() => importCsv(createNetwork(), sjis, 'entities'));
    expect(error.code).toBe('FORMAT');
    expect(error.message).toContain('Shift_JIS');
    const network = createNetwork();
    expect(importCsv(network, sjis, 'entities', { shiftJis: true }).encoding).toBe('shift_jis');
    expect(network.entities()[0]).toMatchObject({ name: { ja: '三重㈱' }, notes: '①髙' });
    // a UTF-8 file is still read as UTF-8 when Shift_JIS is allowed
    expect(importCsv(createNetwork(), excelEntities, 'entities', { shiftJis: true }).encoding).toBe('utf-8');
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS, even when Shift_JIS is allowed', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('kind,name_ja\nregion,'), 0x85, 0x40, 0x0a]);
    expect(errorOf(() => importCsv(createNetwork(), bytes, 'entities', { shiftJis: true })).code).toBe(
      'FORMAT',
    );
  });

  it('refuses text with replacement characters, control characters and huge cells', () => {
    expect(errorOf(() => importCsv(createNetwork(), 'kind,name_ja\nregion,\uFFFD\n', 'entities')).code).toBe(
      'FORMAT',
    );
    const control = errorOf(() => importCsv(createNetwork(), 'kind,name_ja\nregion,a\u0007b\n', 'entities'));
    expect(control.issues[0]?.code).toBe('control-character');
    const huge = errorOf(() =>
      importCsv(createNetwork(), `kind,notes,name_ja\nregion,${'x'.repeat(30_000)},a\n`, 'entities'),
    );
    expect(huge.issues[0]?.code).toBe('too-long');
  });

  it('treats a __proto__ header as an unknown column, leaving prototypes alone', () => {
    const network = createNetwork();
    const report = importCsv(
      network,
      'kind,name_ja,__proto__,constructor\nregion,甲,{"x":1},y\n',
      'entities',
    );
    expect(report.ignoredColumns.map((c) => c.header)).toEqual(['__proto__', 'constructor']);
    expect(network.entities()).toHaveLength(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('exports engagements and imports them back, with participants, roles and programme', () => {
    const network = createNetwork();
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    network.addEntity({ id: 'amb', kind: 'person', name: { en: 'Ambassador' } });
    const programme = {
      id: 'network-programme',
      name: { ja: '国際ネットワーク強化推進事業' },
      basicProgramme: { code: '33101', name: { ja: '国際交流の推進' } },
    };
    addProgramme(network, programme);
    network.recordEngagement({
      type: 'courtesy-visit',
      title: { ja: '表敬訪問', en: '+ courtesy visit' },
      date: '2019-06-10',
      endDate: '2019-06-11',
      participants: [
        { entity: 'amb', role: 'visitor' },
        { entity: 'mie', role: 'host' },
      ],
      programme: 'network-programme',
      topics: ['trade'],
      notes: '@mention',
    });
    const csv = networkToCsv(network, 'engagements');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFID/id,種別/type,日付/date,終了日/end_date,名称（日本語）/title_ja,名称（英語）/title_en,参加者/participants,事業/programme,話題/topics,タグ/tags,備考/notes',
    );
    expect(csv).toContain("amb:visitor;mie:host,network-programme,trade,,'@mention");
    expect(csv).toContain("'+ courtesy visit");
    const copy = createNetwork();
    copy.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    copy.addEntity({ id: 'amb', kind: 'person', name: { en: 'Ambassador' } });
    addProgramme(copy, programme);
    expect(programmes(copy)).toEqual(programmes(network));
    importCsv(copy, csv, 'engagements');
    expect(copy.engagements()).toEqual(network.engagements());
  });

  it('reports every bad engagement row: unknown participant or programme, impossible dates, bad role', () => {
    const network = createNetwork();
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    const csv =
      '種別,日付,終了日,名称（日本語）,参加者,事業\r\n' +
      'seminar,2019-05-01,,セミナー,mie:host,\r\n' +
      'seminar,2019-05-01,,セミナー,mie;nobody,\r\n' + // unknown participant
      'seminar,2019-05-01,,セミナー,mie,no-such-programme\r\n' + // unknown programme
      'seminar,2019-02-30,,セミナー,mie,\r\n' + // impossible date
      'seminar,2019-05-01,2019-04-01,セミナー,mie,\r\n' + // ends before it starts
      'seminar,2019-05-01,,セミナー,mie:king,\r\n'; // unknown role
    const error = errorOf(() => importCsv(network, csv, 'engagements'));
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      [[3, '参加者/participants'], 'unknown-reference'],
      [[4, '事業/programme'], 'unknown-reference'],
      [[5, '日付/date'], expect.any(String)],
      [[6, '終了日/end_date'], expect.any(String)],
      [[7, '参加者/participants'], expect.any(String)],
    ]);
    expect(network.engagements()).toEqual([]);
    const report = importCsv(network, csv, 'engagements', { partial: true });
    expect(report.imported).toBe(1);
    expect(network.engagements()).toHaveLength(1);
  });

  it('tells progress while checking and writing rows', () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => `company,会社${i}`);
    const seen: string[] = [];
    importCsv(createNetwork(), `kind,name_ja\n${rows.join('\n')}\n`, 'entities', {
      onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual([
      'check 500/1200',
      'check 1000/1200',
      'check 1200/1200',
      'write 500/1200',
      'write 1000/1200',
      'write 1200/1200',
    ]);
  });
});
