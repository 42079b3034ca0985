import { fiscalYearOf } from '@musubi/core';
import { type IndicatorRow, programmeCosts, report } from '@musubi/core/indicators';
import { reportToXlsx } from '@musubi/core/xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildMieNetwork } from '../index.js';

const years = [2015, 2016, 2017, 2018, 2019];
const actuals = (row: IndicatorRow | undefined) => row?.years.map((y) => y.actual);
const row = (r: ReturnType<typeof report>, id: string) => r.indicators.find((i) => i.id === id);

describe('the Mie example network', () => {
  it('reproduces the actuals of the seed for the two activity indicators', () => {
    const sheet = report(buildMieNetwork(), { fiscalYears: [2016, 2017] });
    const newly = row(sheet, 'ind-newly-international');
    const companies = row(sheet, 'ind-companies-supported');
    expect(actuals(newly)).toEqual([3, 6]);
    expect(actuals(companies)).toEqual([15, 35]);
    expect(newly?.years.map((y) => [y.target, y.achievement, y.status])).toEqual([
      [3, 1, 'achieved'],
      [6, 1, 'achieved'],
    ]);
    expect(companies?.years.map((y) => [y.target, y.achievement, y.status])).toEqual([
      [15, 1, 'achieved'],
      [30, 1.17, 'achieved'],
    ]);
  });

  it('carries the targets, the budgets and the programmes of the sheet', () => {
    const sheet = report(buildMieNetwork(), { fiscalYears: [2018, 2019] });
    expect(
      sheet.indicators.map((i) => [i.kind, i.basicProgramme ?? '', i.years.map((y) => y.target)]),
    ).toEqual([
      ['outcome', '', [90, 120]],
      ['activity', '33101', [9, 12]],
      ['activity', '33102', [47, 64]],
    ]);
    expect(sheet.budget.map((b) => [b.basicProgramme.code, b.budgets.map((x) => x.amount)])).toEqual([
      ['33101', [3753, 2970]],
      ['33101', [5523, 13474]],
      ['33102', [5644, 5076]],
      ['33102', [undefined, 9000]],
    ]);
    expect(sheet.budgetTotals.map((t) => t.amount)).toEqual([14920, 30520]);
  });

  it('marks every record that is not a public fact as illustrative, and cites a source for every other', () => {
    const network = buildMieNetwork();
    const records = [
      ...network.entities(),
      ...network.links(),
      ...network.engagements(),
      ...network.records<{ id: string; tags: string[]; notes?: string }>('programme'),
      ...network.records<{ id: string; tags: string[]; notes?: string }>('indicator'),
    ];
    expect(records.length).toBeGreaterThan(150);
    for (const record of records) {
      const notes = record.notes ?? '';
      if (record.tags.includes('illustrative')) expect(notes, record.id).toMatch(/Illustrative/);
      else expect(notes, record.id).toMatch(/Source|Public fact/);
    }
    // what the seed and the public facts do not say is never presented as real
    for (const entity of network.entities({ kind: ['company', 'person', 'mission'] })) {
      expect(entity.tags, entity.id).toContain('illustrative');
    }
    for (const e of network.engagements()) {
      if (e.type !== 'signing') expect(e.tags, e.id).toContain('illustrative');
    }
    for (const link of network.links({ kind: 'role' })) expect(link.tags, link.id).toContain('illustrative');
  });

  it('holds the facts of the seed: the BOI MOU revised 2018-07, the JETRO memorandum revised 2015-06, the support desk and its members', () => {
    const network = buildMieNetwork();
    const events = (id: string) => network.link(id)?.events.map((e) => `${e.type} ${e.date}`);
    expect(events('mie-thai-boi')).toEqual(['signed 2013-11', 'revised 2018-07']);
    expect(events('mie-jetro')).toEqual(['signed 2013-05', 'revised 2015-06']);
    expect(network.asOf('2018-06-30').link('mie-thai-boi')?.events).toHaveLength(1);
    expect(
      network
        .links({ kind: 'member-of', target: 'support-desk' })
        .map((l) => l.source)
        .sort(),
    ).toEqual(['jetro', 'local-finance', 'miesc']);
    for (const id of ['mie-thai-center', 'summiel', 'promotion-council', 'support-desk']) {
      expect(network.entity(id), id).toBeDefined();
    }
    expect(network.entity('mie-thai-center')?.since).toBe('2018-11-14');
    expect(network.asOf('2018-11-13').entity('mie-thai-center')).toBeUndefined();
  });

  it('has a Governor at the prefecture who receives the courtesy calls, tagged illustrative', () => {
    const network = buildMieNetwork();
    const holders = network.roles('mie');
    expect(holders.map((r) => [r.person, r.title?.ja, r.title?.en])).toEqual([
      ['governor', '知事', 'Governor'],
    ]);
    expect(network.entity('governor')?.tags).toContain('illustrative');
    expect(
      network
        .asOf('2019-06-30')
        .roles('mie')
        .map((r) => r.person),
    ).toEqual(['governor']);
    const calls = network.engagements({ type: 'courtesy-visit' });
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.participants, call.id).toContainEqual({ entity: 'governor', role: 'host' });
    }
  });

  it('grows year by year: the network of 2014 is smaller than that of 2019', () => {
    const network = buildMieNetwork();
    const before = network.asOf('2014-03-31').counts();
    const after = network.asOf('2020-03-31').counts();
    expect(JSON.stringify(before)).not.toEqual(JSON.stringify(after));
    expect(network.engagements().filter((e) => fiscalYearOf(e.date) === 2012).length).toBeGreaterThan(0);
  });

  it('moves exactly the indicators that should move, in the fiscal year of the date', () => {
    for (const [date, fy] of [
      ['2019-03-31', 2018],
      ['2019-04-01', 2019],
    ] as const) {
      const network = buildMieNetwork();
      const before = report(network, { fiscalYears: years });
      network.addEntity({
        id: 'company-new',
        kind: 'company',
        name: { en: 'Illustrative Co. New' },
        country: 'JP',
        tags: ['illustrative'],
      });
      network.addEntity({
        id: 'local-new',
        kind: 'municipality',
        name: { en: 'Illustrative Town New' },
        country: 'JP',
        tags: ['illustrative'],
      });
      network.recordEngagement({
        type: 'business-meeting',
        title: { en: 'One more business meeting' },
        date,
        participants: [
          { entity: 'mie', role: 'organizer' },
          { entity: 'thai-boi', role: 'host' },
          { entity: 'company-new', role: 'participant' },
          { entity: 'local-new', role: 'participant' },
        ],
        tags: ['illustrative'],
      });
      const after = report(network, { fiscalYears: years });
      const delta = (id: string) =>
        (actuals(row(after, id)) ?? []).map((v, i) => v - (actuals(row(before, id))?.[i] ?? 0));
      const moved = years.map((y) => (y >= fy ? 1 : 0));
      // cumulative indicators move from the fiscal year of the engagement on
      expect(delta('ind-companies-supported')).toEqual(moved);
      expect(delta('ind-newly-international')).toEqual(moved);
      expect(delta('ind-joint-initiatives')).toEqual(moved);
    }
  });

  it('moves only the companies indicator for a company supported without an overseas government', () => {
    const network = buildMieNetwork();
    const before = report(network, { fiscalYears: years });
    network.addEntity({
      id: 'company-new',
      kind: 'company',
      name: { en: 'Illustrative Co. New' },
      country: 'JP',
      tags: ['illustrative'],
    });
    network.recordEngagement({
      type: 'seminar',
      title: { en: 'Export seminar at the support desk' },
      date: '2018-09-10',
      participants: [
        { entity: 'support-desk', role: 'organizer' },
        { entity: 'company-new', role: 'participant' },
      ],
      programme: 'prg-sme',
      tags: ['illustrative'],
    });
    const after = report(network, { fiscalYears: years });
    const delta = (id: string) =>
      (actuals(row(after, id)) ?? []).map((v, i) => v - (actuals(row(before, id))?.[i] ?? 0));
    expect(delta('ind-companies-supported')).toEqual([0, 0, 0, 1, 1]);
    expect(delta('ind-newly-international')).toEqual([0, 0, 0, 0, 0]);
    expect(delta('ind-joint-initiatives')).toEqual([0, 0, 0, 0, 0]);
    expect(after.budget).toEqual(before.budget);
  });

  it('does not move a distinct count for a company or town already counted, only the engagement count', () => {
    const network = buildMieNetwork();
    const before = report(network, { fiscalYears: years });
    // company-11 was supported in FY2016, Illustrative Town C went abroad in FY2016
    network.recordEngagement({
      type: 'business-meeting',
      title: { en: 'Another business meeting' },
      date: '2019-06-01',
      participants: [
        { entity: 'mie', role: 'organizer' },
        { entity: 'thai-boi', role: 'host' },
        { entity: 'company-11', role: 'participant' },
        { entity: 'local-c', role: 'participant' },
      ],
      tags: ['illustrative'],
    });
    const after = report(network, { fiscalYears: years });
    const delta = (id: string) =>
      (actuals(row(after, id)) ?? []).map((v, i) => v - (actuals(row(before, id))?.[i] ?? 0));
    expect(delta('ind-companies-supported')).toEqual([0, 0, 0, 0, 0]);
    expect(delta('ind-newly-international')).toEqual([0, 0, 0, 0, 0]);
    expect(delta('ind-joint-initiatives')).toEqual([0, 0, 0, 0, 1]);
  });

  it('counts an engagement of a programme in its cost per engagement, in the fiscal year of its date', () => {
    for (const [date, fy, other] of [
      ['2019-03-31', 2018, 2019],
      ['2019-04-01', 2019, 2018],
    ] as const) {
      const network = buildMieNetwork();
      const cost = (year: number) => programmeCosts(network, year).find((c) => c.programme === 'prg-network');
      const before = { [fy]: cost(fy), [other]: cost(other) };
      network.recordEngagement({
        type: 'courtesy-visit',
        title: { en: 'Courtesy visit' },
        date,
        participants: [
          { entity: 'mie', role: 'host' },
          { entity: 'thai-embassy', role: 'visitor' },
        ],
        programme: 'prg-network',
        tags: ['illustrative'],
      });
      expect(cost(fy)?.engagements).toBe((before[fy]?.engagements ?? 0) + 1);
      expect(cost(other)).toEqual(before[other]);
      const after = cost(fy);
      expect(after?.costPerEngagement).toBe(
        Math.round(((after?.budget ?? 0) / (after?.engagements ?? 1)) * 10) / 10,
      );
    }
  });

  it('does not move the companies indicator for a courtesy call by an embassy', () => {
    const network = buildMieNetwork();
    const before = report(network, { fiscalYears: years });
    network.recordEngagement({
      type: 'courtesy-visit',
      title: { en: 'Another courtesy visit' },
      date: '2018-06-01',
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'ambassador-a', role: 'visitor' },
      ],
    });
    expect(report(network, { fiscalYears: years })).toEqual(before);
  });

  it('writes an XLSX that reads like the seed’s table of activity indicators', async () => {
    const bytes = await reportToXlsx(report(buildMieNetwork(), { fiscalYears: [2016, 2017, 2018, 2019] }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const rows: unknown[][] = [];
    const formulas: unknown[][] = [];
    // a formula cell (achievement is one) reads as the value it was written with
    const shown = (v: unknown) =>
      v !== null && typeof v === 'object' && 'formula' in v ? (v as { result?: unknown }).result : v;
    workbook.getWorksheet('施策シート')?.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      rows.push(values.map(shown));
      formulas.push(
        values.map((v) => (v !== null && typeof v === 'object' && 'formula' in v ? v.formula : undefined)),
      );
    });
    const at = rows.findIndex((r) => r[0] === '33102 海外事業展開の推進');
    // 現状値, then 目標値 / 実績値 / 目標達成状況 for 平成28年度 and 平成29年度: achievement exact (35 / 30),
    // as a formula of the target and the actual
    expect(rows[at]?.slice(2, 10)).toEqual(['社', '—', 15, 15, 1, 30, 35, 35 / 30]);
    expect(formulas[at]?.[9]).toEqual(expect.any(String));
    const newly = rows.find((r) => r[0] === '33101 国際交流の推進');
    expect(newly?.slice(4, 10)).toEqual([3, 3, 1, 6, 6, 1]);
    expect(rows.some((r) => r.includes('平成31年度'))).toBe(true);
  });
});
