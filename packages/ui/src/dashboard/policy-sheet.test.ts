import { createNetwork } from '@musubi/core';
import { addIndicator, type IndicatorRow, recordFigure } from '@musubi/core/indicators';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import {
  achievementText,
  actualKind,
  amountText,
  basicProgrammeNames,
  budgetTotals,
  chartPoints,
  clampRange,
  costTable,
  countText,
  defaultCostYear,
  defaultRange,
  fiscalYearText,
  groupByKind,
  selectableSpan,
  sheetFileName,
  sheetFor,
} from './policy-sheet.js';

const today = '2026-11-24';
const mie = buildMieNetwork();

function row(sheet: ReturnType<typeof sheetFor>, id: string): IndicatorRow {
  const found = sheet.indicators.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

describe('the fiscal years the dashboard shows', () => {
  it('start at the first target year and run through the current fiscal year', () => {
    expect(defaultRange(mie, today)).toEqual({ first: 2016, last: 2026 });
    // in January the fiscal year is still the previous one
    expect(defaultRange(mie, '2027-01-15')).toEqual({ first: 2016, last: 2026 });
    expect(defaultRange(mie, '2027-04-01')).toEqual({ first: 2016, last: 2027 });
  });

  it('reach a target set beyond the current year', () => {
    expect(defaultRange(mie, '2018-06-01')).toEqual({ first: 2016, last: 2019 });
  });

  it('fall back to the budget years, then to this year, without targets', () => {
    const empty = createNetwork();
    expect(defaultRange(empty, today)).toEqual({ first: 2026, last: 2026 });
  });

  it('can be chosen from the first year anything was recorded to this year', () => {
    expect(selectableSpan(mie, today)).toEqual({ first: 2012, last: 2026 });
  });

  it('are put in order and kept inside what can be chosen', () => {
    const span = { first: 2012, last: 2026 };
    expect(clampRange({ first: 2019, last: 2016 }, span)).toEqual({ first: 2016, last: 2019 });
    expect(clampRange({ first: 1990, last: 2100 }, span)).toEqual(span);
  });

  it('are written in Western years or in the era, as the sheet (平成31年度) or as now (令和元年度)', () => {
    expect(fiscalYearText(2019, 'ja', 'western')).toBe('2019年度');
    expect(fiscalYearText(2019, 'en', 'western')).toBe('FY2019');
    expect(fiscalYearText(2019, 'ja', 'era-sheet')).toBe('平成31年度');
    expect(fiscalYearText(2019, 'ja', 'era-current')).toBe('令和元年度');
  });
});

describe('the sheet computed from the example network', () => {
  const sheet = sheetFor(mie, { first: 2016, last: 2019 }, today);

  it('has the seed’s targets and actuals of companies supported and municipalities', () => {
    const companies = row(sheet, 'ind-companies-supported');
    expect(companies.years.slice(0, 2)).toMatchObject([
      { fiscalYear: 2016, target: 15, actual: 15, achievement: 1, status: 'achieved' },
      { fiscalYear: 2017, target: 30, actual: 35, achievement: 1.17, status: 'achieved' },
    ]);
    const municipalities = row(sheet, 'ind-newly-international');
    expect(municipalities.years.slice(0, 2).map((y) => [y.target, y.actual])).toEqual([
      [3, 3],
      [6, 6],
    ]);
  });

  it('groups the outcome indicator before the activity indicators, with the basic programmes’ names', () => {
    expect(groupByKind(sheet.indicators).map((g) => [g.kind, g.rows.map((r) => r.basicProgramme)])).toEqual([
      ['outcome', [undefined]],
      ['activity', ['33101', '33102']],
    ]);
    expect(basicProgrammeNames(mie).get('33102')).toEqual({
      ja: '海外事業展開の推進',
      en: 'Promoting business expansion abroad',
    });
  });

  it('writes counts with their unit, amounts with separators and achievement as a ratio', () => {
    expect(countText(15, '社', 'ja')).toBe('15社');
    expect(countText(15, '社', 'en')).toBe('15 companies');
    expect(countText(3, '件', 'en')).toBe('3 cases');
    expect(amountText(13474)).toBe('13,474');
    expect(amountText(undefined)).toBe('-');
    expect(amountText(1881.3, 1)).toBe('1,881.3');
    expect(achievementText(0.95)).toBe('0.95');
    expect(achievementText(1)).toBe('1.00');
    expect(achievementText(undefined)).toBe('');
  });

  it('totals the budgets, leaving years without any budget as “-” rather than 0', () => {
    expect(budgetTotals(sheet)).toEqual([
      { fiscalYear: 2016 },
      { fiscalYear: 2017 },
      { fiscalYear: 2018, amount: 14920 },
      { fiscalYear: 2019, amount: 30520 },
    ]);
    expect(defaultCostYear(sheet)).toBe(2019);
  });

  it('gives the cost per engagement of each programme in a year, with a total', () => {
    const { rows, total } = costTable(mie, 2018);
    expect(rows.map((r) => [r.programme, r.budget, r.engagements, r.costPerEngagement])).toEqual([
      ['prg-network', 3753, 1, 3753],
      ['prg-intl-week', 5523, 0, undefined],
      ['prg-sme', 5644, 3, 1881.3],
      ['prg-thai-hr', undefined, 0, undefined],
    ]);
    expect(rows[0]?.basicProgramme?.code).toBe('33101');
    // every engagement of the example is illustrative, and the total says so
    expect(total).toEqual({ budget: 14920, engagements: 4, costPerEngagement: 3730, illustrative: 4 });
    expect(costTable(mie, 2015).total).toEqual({ engagements: 0 });
  });

  it('names the file after the years', () => {
    expect(sheetFileName({ first: 2016, last: 2019 }, 'xlsx')).toBe('policy-sheet-FY2016-FY2019.xlsx');
  });
});

describe('the actual of a year', () => {
  it('is pending while the year runs, absent before it begins, and flagged when typed in by hand', () => {
    const network = buildMieNetwork();
    recordFigure(network, { indicator: 'ind-joint-initiatives', fiscalYear: 2016, value: 28, note: 'sheet' });
    const sheet = sheetFor(network, { first: 2016, last: 2027 }, today);
    const joint = row(sheet, 'ind-joint-initiatives');
    const kinds = joint.years.map((y) => [y.fiscalYear, actualKind(y, today)]);
    expect(kinds[0]).toEqual([2016, 'manual']);
    expect(kinds[1]).toEqual([2017, 'computed']);
    expect(kinds.at(-2)).toEqual([2026, 'pending']);
    expect(kinds.at(-1)).toEqual([2027, 'not-started']);
    const points = chartPoints(joint, today, String);
    expect(points[0]).toEqual({ fiscalYear: 2016, label: '2016', target: 30, actual: 28 });
    expect(points.at(-1)).toEqual({ fiscalYear: 2027, label: '2027', target: null, actual: null });
  });

  it('follows a new engagement that counts at once', () => {
    const network = buildMieNetwork();
    const before = row(sheetFor(network, { first: 2019, last: 2019 }, today), 'ind-companies-supported');
    network.recordEngagement({
      type: 'business-meeting',
      title: { ja: '商談会', en: 'Business meeting' },
      date: '2019-06-01',
      participants: [{ entity: 'company-04', role: 'participant' }],
    });
    const after = row(sheetFor(network, { first: 2019, last: 2019 }, today), 'ind-companies-supported');
    expect(after.years[0]?.actual).toBe((before.years[0]?.actual ?? 0) + 1);
  });

  it('counts an indicator without a basic programme under no programme name', () => {
    const network = createNetwork();
    addIndicator(network, {
      id: 'ind-x',
      name: { en: 'X' },
      unit: '件',
      kind: 'outcome',
      measure: { aggregate: 'per-year', count: 'engagements' },
      targets: { '2020': 1 },
    });
    expect(defaultRange(network, today)).toEqual({ first: 2020, last: 2026 });
    expect(basicProgrammeNames(network).size).toBe(0);
  });
});
