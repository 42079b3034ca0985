import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../changes/change.js';
import { type ErrorIssue, isMusubiError, type MusubiError } from '../errors.js';
import { addIndicator, addProgramme, recordFigure } from '../indicators/records.js';
import { engagementTypes, entityKinds, linkKinds, participantRoles } from '../model/kinds.js';
import { createNetwork, type Network } from '../network/network.js';
import { importIssueText } from './import-issues.js';
import { networkToXlsx } from './workbook.js';
import { importXlsx } from './workbook-import.js';

async function errorOf(fn: () => Promise<unknown>): Promise<MusubiError> {
  try {
    await fn();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected a MusubiError');
}

/** A network with every kind of record: coordinates, link events with notes, participants, follow-ups, budgets, targets, figures. */
function sample(): Network {
  const n = createNetwork({ author: 'test' });
  n.addEntity({
    id: 'mie',
    kind: 'self',
    name: { ja: '三重県', en: 'Mie Prefecture' },
    country: 'JP',
    coordinates: { lat: 34.7303, lng: 136.5086 },
    tags: ['home'],
  });
  n.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo' },
    country: 'BR',
    since: '1973',
    aliases: ['SP', 'Estado de São Paulo'],
    notes: '=HYPERLINK("x")\n二行目',
  });
  n.addEntity({
    id: 'boi',
    kind: 'government',
    name: { en: 'Thailand BOI' },
    country: 'TH',
    until: '2030-03',
  });
  n.addLink({
    id: 'l1',
    kind: 'sister',
    source: 'mie',
    target: 'sp',
    title: { ja: '姉妹提携' },
    events: [
      { id: 'e1', type: 'signed', date: '1973-09', note: '調印式' },
      { id: 'e2', type: 'revised', date: '2018-07-12' },
    ],
  });
  n.addLink({ id: 'l2', kind: 'mou', source: 'mie', target: 'boi' });
  addProgramme(n, {
    id: 'sme',
    name: { ja: '県内中小企業国際展開促進事業', en: 'SMEs going international' },
    basicProgramme: { code: '33102', name: { ja: '海外事業展開の推進', en: 'Business expansion abroad' } },
    budgets: { '2018': 5644, '2019': 5076 },
    summary: { ja: '商談会の開催' },
    tags: ['new'],
  });
  addIndicator(n, {
    id: 'companies',
    name: { ja: '海外事業展開に取り組む企業数（累計）', en: 'Companies abroad' },
    unit: '社',
    kind: 'activity',
    basicProgramme: '33102',
    measure: {
      aggregate: 'cumulative',
      since: 2016,
      count: 'distinct-entities',
      filter: { entityKinds: ['company'] },
    },
    baseline: { fiscalYear: 2015, value: 0 },
    targets: { '2016': 15, '2017': 30 },
  });
  recordFigure(n, { id: 'f1', indicator: 'companies', fiscalYear: 2016, value: 15, note: 'printed sheet' });
  n.recordEngagement({
    id: 'v1',
    type: 'courtesy-visit',
    title: { ja: '大使表敬', en: 'Ambassador visit' },
    date: '2019-05-01',
    endDate: '2019-05-02',
    programme: 'sme',
    participants: [
      { entity: 'mie', role: 'host' },
      { entity: 'boi', role: 'visitor' },
    ],
    topics: ['investment'],
    followUps: [{ id: 'fu1', text: '礼状を送る', due: '2019-05-10', done: true }],
  });
  return n;
}

/** The records of a network by collection, each sorted by id, to compare two networks. */
function state(n: Network): Record<string, unknown[]> {
  const records = n.snapshot().records as Partial<Record<Collection, { id: string }[]>>;
  return Object.fromEntries(
    Object.entries(records)
      .filter(([, list]) => (list ?? []).length > 0)
      .map(([c, list]) => [c, [...(list ?? [])].sort((a, b) => a.id.localeCompare(b.id))]),
  );
}

async function sheetsOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
}

/** A sheet that must be there. */
function ws(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Writes `value` in row `row` of the column headed `header` (as the workbook wrote it). */
function setUnder(sheet: ExcelJS.Worksheet, header: string, row: number, value: string): void {
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const column = headers.indexOf(header);
  if (column < 1) throw new Error(`no column ${header} in ${sheet.name}: ${headers.join(', ')}`);
  sheet.getRow(row).getCell(column).value = value;
}

/** Edits a written workbook as a user would in Excel, and saves it again. */
async function edited(bytes: Uint8Array, edit: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = await sheetsOf(bytes);
  edit(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the network workbook (XLSX)', () => {
  it('writes sheets, headers, kinds and countries in the user’s language, with coordinates', async () => {
    const ja = await sheetsOf(await networkToXlsx(sample(), { lang: 'ja' }));
    expect(ja.worksheets.map((w) => w.name)).toEqual([
      '組織等',
      '事業',
      '予算',
      '指標',
      '目標値',
      '実績値（手入力）',
      'つながり',
      'つながりの経緯',
      '交流',
      '参加者',
      'フォローアップ',
    ]);
    const entities = ws(ja, '組織等');
    expect((entities.getRow(1).values as unknown[]).slice(1, 7)).toEqual([
      'ID',
      '種別',
      '名称（日本語）',
      '名称（英語）',
      '国',
      '緯度',
    ]);
    expect((entities.getRow(2).values as unknown[]).slice(1, 8)).toEqual([
      'boi',
      '政府・機関',
      undefined,
      'Thailand BOI',
      'タイ',
      undefined,
      undefined,
    ]);
    expect(entities.getRow(3).getCell(6).value).toBe(34.7303);
    const en = await sheetsOf(await networkToXlsx(sample(), { lang: 'en' }));
    const links = en.getWorksheet('Links');
    expect(links?.getRow(2).getCell(2).value).toBe('Sister affiliation');
    expect(en.getWorksheet('Participants')?.getRow(2).getCell(4).value).toBe('Host');
    expect(en.getWorksheet('Entities')?.getRow(4).getCell(5).value).toBe('Brazil');
  });

  it('imports back unchanged into a fresh network, from either language', async () => {
    const source = sample();
    for (const lang of ['ja', 'en'] as const) {
      const fresh = createNetwork();
      const report = await importXlsx(fresh, await networkToXlsx(source, { lang }));
      expect(state(fresh)).toEqual(state(source));
      expect(report.counts).toEqual({
        entity: 3,
        programme: 1,
        indicator: 1,
        figure: 1,
        link: 2,
        engagement: 1,
      });
      expect(report.ignoredSheets).toEqual([]);
      expect(report.ignoredColumns).toEqual([]);
    }
  });

  it('imports back unchanged whatever the records hold (property)', async () => {
    const text = fc.constantFrom(
      '三重県',
      'São Paulo',
      'Ｍｉｅ',
      '=1+1',
      "'quoted",
      '007',
      '2019-05-01',
      'a;b',
    );
    const date = fc
      .tuple(
        fc.integer({ min: 1950, max: 2030 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) =>
        m === 0 ? String(y) : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    const entity = fc.record({
      kind: fc.constantFrom(...entityKinds),
      ja: fc.option(text, { nil: undefined }),
      en: text,
      country: fc.option(fc.constantFrom('JP', 'TH', 'BR', 'US', 'VN'), { nil: undefined }),
      lat: fc.option(fc.double({ min: -90, max: 90, noNaN: true }), { nil: undefined }),
      since: fc.option(date, { nil: undefined }),
      tags: fc.array(text, { maxLength: 3 }).map((t) => [...new Set(t)]),
      notes: fc.option(text, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(entity, { minLength: 2, maxLength: 6 }),
        fc.array(
          fc.record({
            // role and represents links ask for particular kinds at their ends
            kind: fc.constantFrom(...linkKinds.filter((k) => k !== 'role' && k !== 'represents')),
            a: fc.nat(),
            b: fc.nat(),
            signed: fc.option(date, { nil: undefined }),
          }),
          { maxLength: 4 },
        ),
        fc.array(
          fc.record({
            type: fc.constantFrom(...engagementTypes),
            date,
            who: fc.nat(),
            role: fc.constantFrom(...participantRoles),
            title: text,
          }),
          { maxLength: 3 },
        ),
        async (entities, links, engagements) => {
          const n = createNetwork();
          const ids = entities.map(
            (e, i) =>
              n.addEntity({
                id: `e${i}`,
                kind: e.kind,
                name: { ...(e.ja ? { ja: e.ja } : {}), en: e.en },
                ...(e.country ? { country: e.country } : {}),
                ...(e.lat === undefined ? {} : { coordinates: { lat: e.lat, lng: 0 } }),
                ...(e.since ? { since: e.since } : {}),
                tags: e.tags,
                ...(e.notes ? { notes: e.notes } : {}),
              }).id,
          );
          links.forEach((l, i) => {
            const source = ids[l.a % ids.length] as string;
            const target = ids[(l.a + 1 + (l.b % (ids.length - 1))) % ids.length] as string;
            n.addLink({
              id: `l${i}`,
              kind: l.kind,
              source,
              target,
              events: l.signed ? [{ type: 'signed', date: l.signed }] : [],
            });
          });
          engagements.forEach((e, i) => {
            n.recordEngagement({
              id: `v${i}`,
              type: e.type,
              date: e.date,
              title: { ja: e.title },
              participants: [{ entity: ids[e.who % ids.length] as string, role: e.role }],
            });
          });
          const fresh = createNetwork();
          await importXlsx(fresh, await networkToXlsx(n, { lang: 'ja' }));
          expect(state(fresh)).toEqual(state(n));
        },
      ),
      { seed: 20261202, numRuns: 25 },
    );
  }, 120_000);

  it('reads dates as Excel writes them: date cells, serials, and text as offices type it', async () => {
    const bytes = await edited(await networkToXlsx(sample()), (workbook) => {
      const visits = ws(workbook, '交流');
      const v = visits.getRow(2);
      // (fresh style objects: ExcelJS shares one between the cells of a row)
      v.getCell(3).value = new Date(Date.UTC(2019, 4, 1));
      v.getCell(3).style = { numFmt: 'yyyy/m/d' };
      v.getCell(4).value = 43587; // a serial in a cell without a date format: 2019-05-02
      v.getCell(4).style = { numFmt: 'General' };
      const entities = ws(workbook, '組織等');
      entities.getRow(4).getCell(8).value = '昭和48年';
    });
    const fresh = createNetwork();
    const report = await importXlsx(fresh, bytes);
    expect(fresh.engagement('v1')).toMatchObject({ date: '2019-05-01', endDate: '2019-05-02' });
    expect(fresh.entity('sp')?.since).toBe('1973');
    expect(report.dates).toEqual([
      { sheet: '組織等', row: 4, column: '開始', text: '昭和48年', date: '1973' },
      { sheet: '交流', row: 2, column: '日付', text: '2019-05-01 (Excel)', date: '2019-05-01' },
      { sheet: '交流', row: 2, column: '終了日', text: '43587', date: '2019-05-02' },
    ]);
  });

  it('reads a country by the names Musubi wrote before, but not by a name two countries share', async () => {
    // rows 2–4 of Entities are boi, mie and sp; their country cells as older workbooks or people wrote them
    const bytes = await edited(await networkToXlsx(sample(), { lang: 'en' }), (workbook) => {
      const entities = ws(workbook, 'Entities');
      entities.getRow(2).getCell(5).value = 'Czech Republic';
      entities.getRow(3).getCell(5).value = 'Taiwan, Province of China';
      entities.getRow(4).getCell(5).value = 'スワジランド';
    });
    const fresh = createNetwork();
    await importXlsx(fresh, bytes);
    expect(['boi', 'mie', 'sp'].map((id) => fresh.entity(id)?.country)).toEqual(['CZ', 'TW', 'SZ']);

    const shared = await edited(await networkToXlsx(sample(), { lang: 'en' }), (workbook) => {
      ws(workbook, 'Entities').getRow(2).getCell(5).value = 'Congo';
    });
    const error = await errorOf(() => importXlsx(createNetwork(), shared));
    expect(error.issues.map((i) => [...i.path, i.code])).toEqual([
      ['Entities', 2, 'Country', 'unknown-country'],
    ]);
  });

  it('refuses the whole workbook at the sheet, row and column of each problem, adding nothing', async () => {
    const bytes = await edited(await networkToXlsx(sample()), (workbook) => {
      ws(workbook, '組織等').getRow(2).getCell(2).value = '大学'; // not a kind
      ws(workbook, '組織等').getRow(3).getCell(5).value = 'アトランティス';
      ws(workbook, '交流').getRow(2).getCell(3).value = '1/5/2019'; // ambiguous
      ws(workbook, '参加者').addRow(['v9', 'mie']); // no such engagement
      ws(workbook, '予算').addRow(['sme', 2019, 1]); // the year again
      ws(workbook, '組織等').getRow(4).getCell(7).value = 'east'; // longitude not a number
    });
    const fresh = createNetwork();
    const error = await errorOf(() => importXlsx(fresh, bytes));
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i) => [...i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['組織等', 2, '種別', 'not-one-of'],
        ['組織等', 3, '国', 'unknown-country'],
        ['組織等', 4, '経度', 'not-a-number'],
        ['交流', 2, '日付', 'date-ambiguous'],
        ['参加者', 4, '交流', 'unknown-parent'],
        ['予算', 4, '年度', 'duplicate-year'],
      ]),
    );
    expect(error.issues).toHaveLength(6);
    expect(fresh.log()).toHaveLength(0);
  });

  it('never merges: an id twice in a sheet, or one the network already has, is refused', async () => {
    const bytes = await networkToXlsx(sample());
    const again = await errorOf(() => importXlsx(sample(), bytes));
    expect(again.issues.filter((i) => i.code === 'duplicate-id').map((i) => i.path.slice(0, 2))).toEqual([
      ['組織等', 2],
      ['組織等', 3],
      ['組織等', 4],
      ['事業', 2],
      ['指標', 2],
      ['実績値（手入力）', 2],
      ['つながり', 2],
      ['つながり', 3],
      ['交流', 2],
    ]);
    const twice = await edited(bytes, (workbook) => {
      ws(workbook, '組織等').addRow(['mie', '市町', 'もう一つ']);
    });
    const fresh = createNetwork();
    const error = await errorOf(() => importXlsx(fresh, twice));
    expect(error.issues.map((i) => [...i.path, i.code, i.params?.id])).toEqual([
      ['組織等', 5, 'ID', 'duplicate-id', 'mie'],
    ]);
    expect(fresh.log()).toHaveLength(0);
  });

  it('locates a refusal of the record schemas and of references at the row’s cell, in a child sheet too', async () => {
    const bytes = await edited(await networkToXlsx(sample()), (workbook) => {
      ws(workbook, 'つながりの経緯').getRow(3).getCell(3).value = '締結'; // signed twice
      ws(workbook, 'つながり').getRow(3).getCell(5).value = 'nobody';
    });
    const error = await errorOf(() => importXlsx(createNetwork(), bytes));
    expect(error.issues.map((i) => [...i.path, i.code])).toEqual([
      ['つながりの経緯', 3, '出来事', 'signed-once'],
    ]);
  });

  it('names the sheet, row and column of a reference to a record that is not there, with its id and kind', async () => {
    const dangling = await edited(await networkToXlsx(sample()), (workbook) => {
      setUnder(ws(workbook, 'つながり'), '終点', 3, 'nobody');
      setUnder(ws(workbook, '参加者'), '組織等', 3, 'ghost');
      setUnder(ws(workbook, '実績値（手入力）'), '指標', 2, 'no-such-indicator');
    });
    const fresh = createNetwork();
    const refused = await errorOf(() => importXlsx(fresh, dangling));
    expect(refused.code).toBe('VALIDATION');
    expect(refused.issues.map((i) => [...i.path, i.code, i.params?.target, i.params?.id])).toEqual([
      ['実績値（手入力）', 2, '指標', 'unknown-reference', 'indicator', 'no-such-indicator'],
      ['つながり', 3, '終点', 'unknown-reference', 'entity', 'nobody'],
      ['参加者', 3, '組織等', 'unknown-reference', 'entity', 'ghost'],
    ]);
    // worded from its code and params, in both languages
    expect(refused.issues.map((i) => importIssueText(i, 'ja'))).toEqual([
      'ID「no-such-indicator」の指標がありません',
      'ID「nobody」の組織等がありません',
      'ID「ghost」の組織等がありません',
    ]);
    expect(refused.issues[1]?.message).toBe(
      'つながり 3: 終点: no entity has the id nobody / ID「nobody」の組織等がありません',
    );
    expect(fresh.log()).toHaveLength(0);

    // in an English workbook, a programme
    const noProgramme = await edited(await networkToXlsx(sample(), { lang: 'en' }), (workbook) => {
      setUnder(ws(workbook, 'Engagements'), 'Programme', 2, 'no-such-programme');
    });
    const english = await errorOf(() => importXlsx(fresh, noProgramme));
    expect(english.issues.map((i) => [...i.path, i.code, i.params?.target, i.params?.id])).toEqual([
      ['Engagements', 2, 'Programme', 'unknown-reference', 'programme', 'no-such-programme'],
    ]);
    expect(importIssueText(english.issues[0] as ErrorIssue, 'en')).toBe(
      'no programme has the id no-such-programme',
    );
    expect(fresh.log()).toHaveLength(0);
  });

  it('lists sheets and columns it does not know instead of dropping them without a word', async () => {
    const bytes = await edited(await networkToXlsx(sample()), (workbook) => {
      workbook.addWorksheet('メモ').addRow(['担当者の覚え書き']);
      const entities = ws(workbook, '組織等');
      entities.getRow(1).getCell(13).value = '国名';
      entities.getRow(2).getCell(13).value = 'タイ王国';
    });
    const fresh = createNetwork();
    const report = await importXlsx(fresh, bytes);
    expect(report.ignoredSheets).toEqual(['メモ']);
    expect(report.ignoredColumns).toEqual([{ sheet: '組織等', header: '国名', column: 'M', nearest: '国' }]);
  });

  it('refuses what is not a workbook as FORMAT', async () => {
    const error = await errorOf(() => importXlsx(createNetwork(), new TextEncoder().encode('id,kind\n')));
    expect(error.code).toBe('FORMAT');
  });
});
