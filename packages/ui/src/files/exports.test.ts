import { createNetwork } from '@musubi/core';
import { importCsv } from '@musubi/core/csv';
import { addIndicator } from '@musubi/core/indicators';
import { readMusubiJson } from '@musubi/core/json';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { buildExport, defaultSheetYears, localiseCsvHeader, sheetYearsProblem } from './exports.js';

const now = new Date(2026, 10, 24, 10, 0);
const text = (data: string | Uint8Array) =>
  typeof data === 'string' ? data : new TextDecoder().decode(data);

describe('exports', () => {
  it('save the whole network as versioned Musubi JSON with its history', async () => {
    const network = buildSmallNetwork();
    const file = await buildExport(network, 'json', { lang: 'ja', now });
    expect(file.name).toBe('musubi-2026-11-24.json');
    expect(file.type).toBe('application/json');
    const document = readMusubiJson(text(file.data));
    expect(document.kind).toBe('log');
    expect(document.kind === 'log' && document.changes.length).toBe(network.log().length);
  });

  it('write CSV headers in the display language, and read back into a network', async () => {
    const network = buildSmallNetwork();
    const ja = text((await buildExport(network, 'csv-entities', { lang: 'ja', now })).data);
    const en = text((await buildExport(network, 'csv-entities', { lang: 'en', now })).data);
    expect(ja.startsWith('\uFEFFID,種別,名称（日本語）,名称（英語）,国,')).toBe(true);
    expect(en.startsWith('\uFEFFid,kind,name_ja,name_en,country,')).toBe(true);
    expect(en.slice(en.indexOf('\r\n'))).toBe(ja.slice(ja.indexOf('\r\n')));
    for (const csv of [ja, en]) {
      const copy = createNetwork({ author: 'test' });
      expect(importCsv(copy, csv, 'entities').imported).toBe(network.counts().entities);
      expect(copy.entity('thai-boi')?.aliases).toEqual(['BOI']);
    }
    const links = text((await buildExport(network, 'csv-links', { lang: 'en', now })).data);
    expect(links.split('\r\n')[0]).toBe(
      '\uFEFFid,kind,source,target,title_ja,title_en,signed,revised,renewed,suspended,ended,tags,notes',
    );
  });

  it('keep a header-only CSV of an empty network', () => {
    expect(localiseCsvHeader('\uFEFFID/id,種別/kind\r\n', 'entities', 'en')).toBe(
      '\uFEFFid,kind,name_ja,name_en,country,since,until,aliases,tags,notes\r\n',
    );
  });

  it('write engagements in the core sheet, headers in the display language, cells quoted and neutralised', async () => {
    const network = buildSmallNetwork();
    network.recordEngagement({
      id: 'seminar',
      type: 'seminar',
      title: { ja: '=HYPERLINK("x"), "セミナー"', en: 'Seminar, 2nd' },
      date: '2020-02-03',
      participants: [{ entity: 'mie', role: 'organizer' }],
      notes: 'line one\nline two',
    });
    const csv = text((await buildExport(network, 'csv-engagements', { lang: 'en', now })).data);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFid,type,date,end_date,title_ja,title_en,participants,programme,topics,tags,notes',
    );
    expect(lines[1]).toContain('ambassador-b:visitor;thai-embassy:visitor;mie:host');
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""セミナー"""`);
    expect(csv).toContain('"Seminar, 2nd"');
    expect(csv).toContain('"line one\nline two"');
    const ja = text((await buildExport(network, 'csv-engagements', { lang: 'ja', now })).data);
    expect(ja.split('\r\n')[0]).toMatch(/^\uFEFFID,種別,日付,終了日,名称（日本語）/);
  });

  it('read back an exported engagement sheet into another network', async () => {
    const source = buildSmallNetwork();
    const csv = text((await buildExport(source, 'csv-engagements', { lang: 'ja', now })).data);
    const target = buildSmallNetwork();
    target.removeEngagement('visit-2019-06');
    const result = importCsv(target, csv, 'engagements');
    expect(result.imported).toBe(1);
    expect(target.engagement('visit-2019-06')?.participants).toEqual(
      source.engagement('visit-2019-06')?.participants,
    );
  });

  it('label GEXF and GraphML nodes in the display language', async () => {
    const network = buildSmallNetwork();
    const gexf = text((await buildExport(network, 'gexf', { lang: 'en', now })).data);
    expect(gexf).toContain('label="Thailand Board of Investment"');
    const graphml = await buildExport(network, 'graphml', { lang: 'ja', now });
    expect(graphml.name).toBe('musubi-2026-11-24.graphml');
    expect(text(graphml.data)).toContain('<data key="label">タイ投資委員会</data>');
  });

  it('write the policy sheet as an XLSX workbook for the chosen fiscal years', async () => {
    const network = buildSmallNetwork();
    const file = await buildExport(network, 'xlsx', { lang: 'ja', now, sheetYears: [2016, 2019] });
    expect(file.name).toBe('musubi-policy-sheet-FY2016-2019-2026-11-24.xlsx');
    const bytes = file.data as Uint8Array;
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip file: "PK"
  });
});

describe('the fiscal years of the policy sheet', () => {
  it('are those of the indicators’ targets, or the last four', () => {
    const network = buildSmallNetwork();
    expect(defaultSheetYears(network, '2026-11-24')).toEqual([2023, 2026]);
    expect(defaultSheetYears(network, '2026-02-10')).toEqual([2022, 2025]);
    addIndicator(network, {
      id: 'joint',
      name: { ja: '連携取組件数', en: 'Joint initiatives' },
      unit: '件',
      kind: 'outcome',
      measure: { count: 'engagements', aggregate: 'cumulative' },
      targets: { '2016': 30, '2019': 120 },
    });
    expect(defaultSheetYears(network, '2026-11-24')).toEqual([2016, 2019]);
  });

  it('must be in order, in range and not too many', () => {
    expect(sheetYearsProblem([2016, 2019])).toBeUndefined();
    expect(sheetYearsProblem([2019, 2016])).toBe('order');
    expect(sheetYearsProblem([0, 2016])).toBe('range');
    expect(sheetYearsProblem([2016.5, 2017])).toBe('range');
    expect(sheetYearsProblem([1950, 2019])).toBe('length');
  });
});
