import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
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

  it('says a Shift_JIS file is not UTF-8, and reads it when asked to', () => {
    // kind,name_ja / region,三重 saved as Shift_JIS
    const sjis = new Uint8Array([
      ...new TextEncoder().encode('kind,name_ja\nregion,'),
      0x8e,
      0x4f,
      0x8f,
      0x64,
      0x0a,
    ]);
    const error = errorOf(() => importCsv(createNetwork(), sjis, 'entities'));
    expect(error.code).toBe('FORMAT');
    expect(error.message).toContain('Shift_JIS');
    const network = createNetwork();
    importCsv(network, sjis, 'entities', { shiftJis: true });
    expect(network.entities()[0]?.name.ja).toBe('三重');
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
    importCsv(network, 'kind,name_ja,__proto__,constructor\nregion,甲,{"x":1},y\n', 'entities');
    expect(network.entities()).toHaveLength(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
