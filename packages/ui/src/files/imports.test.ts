import type { CsvKind } from '@musubi/core/csv';
import { JSON_FORMAT_VERSION, networkToJson } from '@musubi/core/json';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { badRows, canImportGoodRowsOnly, type ImportOutcome, importFile, mayBeShiftJis } from './imports.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const file = (name: string, text: string) => ({ name, bytes: utf8(text) });

function refused(outcome: ImportOutcome) {
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome;
}
function imported(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`expected an import, got ${outcome.error.message}`);
  return outcome.summary;
}

const csvWithABadRow = [
  'ID,種別,名称（日本語）,名称（英語）,国',
  'chiang-mai,region,チェンマイ県,Chiang Mai Province,TH',
  'atlantis,planet,アトランティス,Atlantis,TH',
  'kedah,region,クダ州,Kedah,ZZ',
].join('\r\n');

describe('importing a file into the network', () => {
  it('imports a good CSV of entities as one change that undo takes back', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const summary = imported(
      await importFile(
        network,
        file('new.csv', 'ID,種別,名称（日本語）,国\nchiang-mai,region,チェンマイ県,TH\n'),
        {
          lang: 'ja',
        },
      ),
    );
    expect(summary).toMatchObject({
      format: 'csv',
      csvKind: 'entities',
      counts: { entity: 1 },
      rejected: [],
    });
    expect(network.entity('chiang-mai')?.name.ja).toBe('チェンマイ県');
    expect(network.log().length).toBe(before + 1);
    network.undo();
    expect(network.entity('chiang-mai')).toBeUndefined();
  });

  it('refuses a CSV with a bad row whole, naming each bad row and column, and writes nothing', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const outcome = refused(await importFile(network, file('partners.csv', csvWithABadRow), { lang: 'ja' }));
    expect(outcome.error.code).toBe('VALIDATION');
    expect(outcome.error.issues.map((i) => i.path)).toEqual([
      [3, '種別/kind'],
      [4, '国/country'],
    ]);
    expect(badRows(outcome.error.issues)).toEqual([3, 4]);
    expect(canImportGoodRowsOnly(outcome)).toBe(true);
    expect(network.entity('chiang-mai')).toBeUndefined();
    expect(network.log().length).toBe(before);
  });

  it('imports the good rows only when asked, and reports the rows left out', async () => {
    const network = buildSmallNetwork();
    const summary = imported(
      await importFile(network, file('partners.csv', csvWithABadRow), { lang: 'ja', partial: true }),
    );
    expect(summary.counts).toEqual({ entity: 1 });
    expect(badRows(summary.rejected)).toEqual([3, 4]);
    expect(network.entity('chiang-mai')).toBeDefined();
    expect(network.entity('atlantis')).toBeUndefined();
  });

  it('reads a link sheet from its header, and follows the sheet chosen by the user', async () => {
    const network = buildSmallNetwork();
    const links = 'kind,source,target,signed\nfriendship,mie,thai-embassy,2020-04\n';
    const summary = imported(await importFile(network, file('links.csv', links), { lang: 'en' }));
    expect(summary).toMatchObject({ csvKind: 'links', counts: { link: 1 } });
    const forced = refused(
      await importFile(network, file('links.csv', links), { lang: 'en', csvKind: 'entities' as CsvKind }),
    );
    expect(forced.csvKind).toBe('entities');
    expect(canImportGoodRowsOnly(forced)).toBe(true);
  });

  it('does not offer the good rows when a required column is missing', async () => {
    const network = buildSmallNetwork();
    const outcome = refused(await importFile(network, file('x.csv', 'name,country\nA,TH\n'), { lang: 'ja' }));
    expect(outcome.error.issues[0]?.code).toBe('missing-column');
    expect(canImportGoodRowsOnly(outcome)).toBe(false);
  });

  it('refuses a Shift_JIS CSV and offers to read it as Shift_JIS, which then imports', async () => {
    const network = buildSmallNetwork();
    // "id,kind,name_ja,country / x1,region,タイ,TH" with タイ in Shift_JIS
    const sjis = new Uint8Array([
      ...utf8('id,kind,name_ja,country\r\nx1,region,'),
      0x83,
      0x5e,
      0x83,
      0x43,
      ...utf8(',TH\r\n'),
    ]);
    const outcome = refused(await importFile(network, { name: 'excel.csv', bytes: sjis }, { lang: 'ja' }));
    expect(outcome.error.details.encoding).toBe('not-utf-8');
    expect(mayBeShiftJis(outcome)).toBe(true);
    expect(network.entity('x1')).toBeUndefined();
    imported(await importFile(network, { name: 'excel.csv', bytes: sjis }, { lang: 'ja', shiftJis: true }));
    expect(network.entity('x1')?.name.ja).toBe('タイ');
  });

  it('imports the records of a Musubi JSON file, and refuses one whose ids are taken', async () => {
    const target = buildSmallNetwork();
    const before = target.log().length;
    const same = refused(
      await importFile(target, file('same.json', networkToJson(buildSmallNetwork())), { lang: 'ja' }),
    );
    expect(same.error.code).toBe('CONFLICT');
    expect(target.log().length).toBe(before);

    const jetro = {
      format: 'musubi',
      formatVersion: 1,
      kind: 'state',
      seq: 0,
      changeId: null,
      records: {
        entity: [{ id: 'jetro', kind: 'organization', name: { en: 'JETRO' }, aliases: [], tags: [] }],
      },
    };
    const summary = imported(
      await importFile(target, file('one.json', JSON.stringify(jetro)), { lang: 'ja' }),
    );
    expect(summary.counts).toEqual({ entity: 1 });
    expect(target.entity('jetro')?.name.en).toBe('JETRO');
    expect(target.log().length).toBe(before + 1);
  });

  it('refuses hostile and foreign files, writing nothing', async () => {
    const network = buildSmallNetwork();
    const before = network.log().length;
    const cases: [string, string, string][] = [
      [
        'proto.json',
        '{"format":"musubi","formatVersion":1,"kind":"log","changes":[{"__proto__":{"x":1}}]}',
        'FORMAT',
      ],
      [
        'newer.json',
        `{"format":"musubi","formatVersion":${JSON_FORMAT_VERSION + 1},"kind":"log","changes":[]}`,
        'VERSION',
      ],
      ['broken.json', '{"format":"musubi",', 'FORMAT'],
      ['bomb.gexf', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><gexf></gexf>', 'FORMAT'],
      ['photo.png', '\u0089PNG\r\n', 'FORMAT'],
    ];
    for (const [name, text, code] of cases) {
      const outcome = refused(await importFile(network, file(name, text), { lang: 'en' }));
      expect(outcome.error.code, name).toBe(code);
      expect(canImportGoodRowsOnly(outcome), name).toBe(false);
    }
    expect(network.log().length).toBe(before);
  });

  it('imports a GEXF graph with labels as names in the display language', async () => {
    const network = buildSmallNetwork();
    const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
<nodes><node id="a" label="Penang"/><node id="b" label="Kedah"/></nodes>
<edges><edge id="e" source="a" target="b"/></edges></graph></gexf>`;
    const summary = imported(await importFile(network, file('gephi.gexf', gexf), { lang: 'en' }));
    expect(summary.counts).toEqual({ entity: 2, link: 1 });
    expect(summary.defaulted.length).toBe(3);
    expect(network.search('Penang')[0]?.name.en).toBe('Penang');
  });
});
