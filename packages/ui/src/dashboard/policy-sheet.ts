/**
 * The dashboard's reading of the policy sheet: which fiscal years to show, how a year, a count, an
 * amount and a cell are written, and the rows of the tables and charts. Everything here is a pure
 * function of the core's report (`report`, `programmeCosts`) so the page stays thin.
 */
import {
  type BilingualName,
  type FiscalYear,
  fiscalYearOf,
  fiscalYearRange,
  fiscalYearsBetween,
  formatFiscalYear,
  type Lang,
  type NetworkView,
} from '@musubi/core';
import {
  figures,
  type IndicatorKind,
  type IndicatorRow,
  type IndicatorUnit,
  type IndicatorYear,
  indicators,
  type PolicyReport,
  programmeCosts,
  programmes,
  report,
} from '@musubi/core/indicators';
import { policySheetWords, unitNames } from '@musubi/core/words';

/**
 * How fiscal years are written: `western` (2019年度 / FY2019); `era-sheet`, the era on the year's
 * first day as the sheet writes it (平成31年度); `era-current`, the era at its end (令和元年度).
 */
export const yearStyles = ['western', 'era-sheet', 'era-current'] as const;
export type YearStyle = (typeof yearStyles)[number];

/** The core's formatting options for a year style. */
export function yearFormat(style: YearStyle): {
  style: 'western' | 'era';
  eraConvention: 'as-of-start' | 'current';
} {
  return {
    style: style === 'western' ? 'western' : 'era',
    eraConvention: style === 'era-current' ? 'current' : 'as-of-start',
  };
}

/** A fiscal year for people, in a language and a style. */
export function fiscalYearText(fy: FiscalYear, lang: Lang, style: YearStyle): string {
  return formatFiscalYear(fy, { lang, ...yearFormat(style) });
}

export interface YearRange {
  first: FiscalYear;
  last: FiscalYear;
}

/** The fiscal year of a day (YYYY-MM-DD). */
export function currentFiscalYear(today: string): FiscalYear {
  return fiscalYearOf(today) ?? Number(today.slice(0, 4));
}

/** Fiscal years the records speak of: targets, baselines, budgets, manual figures, engagements. */
function yearsOfRecords(view: NetworkView): { targets: FiscalYear[]; all: FiscalYear[] } {
  const targets: FiscalYear[] = [];
  const all: FiscalYear[] = [];
  for (const indicator of indicators(view)) {
    for (const key of Object.keys(indicator.targets)) targets.push(Number(key));
    if (indicator.baseline) all.push(indicator.baseline.fiscalYear);
  }
  for (const programme of programmes(view)) {
    for (const key of Object.keys(programme.budgets)) all.push(Number(key));
  }
  for (const figure of figures(view)) all.push(figure.fiscalYear);
  for (const engagement of view.engagements()) {
    const fy = fiscalYearOf(engagement.date);
    if (fy !== undefined) all.push(fy);
  }
  return { targets, all: [...all, ...targets] };
}

/** The years the range control offers: from the first year anything was recorded to the last target or today's year. */
export function selectableSpan(view: NetworkView, today: string): YearRange {
  const current = currentFiscalYear(today);
  const { all } = yearsOfRecords(view);
  return { first: Math.min(current, ...all), last: Math.max(current, ...all) };
}

/**
 * The years shown at first: the years the indicators have targets for, through the current
 * fiscal year (or the last target, if later). Without targets: the budget years, else this year.
 */
export function defaultRange(view: NetworkView, today: string): YearRange {
  const current = currentFiscalYear(today);
  const { targets } = yearsOfRecords(view);
  const budgets = programmes(view).flatMap((p) => Object.keys(p.budgets).map(Number));
  const years = targets.length > 0 ? targets : budgets;
  if (years.length === 0) return { first: current, last: current };
  return { first: Math.min(...years), last: Math.max(current, ...years) };
}

/** A range put in order and inside the span. */
export function clampRange(range: YearRange, span: YearRange): YearRange {
  const clamp = (fy: number) => Math.min(span.last, Math.max(span.first, fy));
  const a = clamp(range.first);
  const b = clamp(range.last);
  return a <= b ? { first: a, last: b } : { first: b, last: a };
}

/** The policy sheet for a range of years, computed from the records; years not ended by `today` are pending. */
export function sheetFor(view: NetworkView, range: YearRange, today: string): PolicyReport {
  return report(view, { fiscalYears: fiscalYearsBetween(range.first, range.last), asOfDate: today });
}

/** A sheet word (県民指標, 目標値…) in a language. */
export function word(key: keyof typeof policySheetWords, lang: Lang): string {
  return policySheetWords[key][lang];
}

/** A count with its unit as the sheet writes it: `15社`, `3件`; `15 companies`, `3 cases`. */
export function countText(value: number, unit: IndicatorUnit, lang: Lang): string {
  return lang === 'ja' ? `${value}${unit}` : `${value} ${unitNames[unit].en}`;
}

/** A unit's name: `社` / `companies`. */
export function unitText(unit: IndicatorUnit, lang: Lang): string {
  return unitNames[unit][lang];
}

/** An amount in thousand yen with thousands separators (`13,474`), as the sheet writes it; `-` for none. */
export function amountText(amount: number | undefined, decimals = 0): string {
  if (amount === undefined) return '-';
  return amount.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** The achievement ratio as the prefecture writes it: `0.95`, `1.17`. */
export function achievementText(achievement: number | undefined): string {
  return achievement === undefined ? '' : achievement.toFixed(2);
}

/** Indicators grouped as the sheet does: outcome (県民指標) first, then activity (活動指標). */
export function groupByKind(rows: readonly IndicatorRow[]): { kind: IndicatorKind; rows: IndicatorRow[] }[] {
  return (['outcome', 'activity'] as const)
    .map((kind) => ({ kind, rows: rows.filter((r) => r.kind === kind) }))
    .filter((g) => g.rows.length > 0);
}

/** The names of the basic programmes (基本事業) by code, from the programmes that carry them. */
export function basicProgrammeNames(view: NetworkView): Map<string, BilingualName> {
  const names = new Map<string, BilingualName>();
  for (const p of programmes(view)) {
    if (!names.has(p.basicProgramme.code)) names.set(p.basicProgramme.code, p.basicProgramme.name);
  }
  return names;
}

/**
 * How the actual of a year reads:
 * - `not-started`: the year has not begun on `today`, there is no actual yet;
 * - `pending`: the year is under way, the figure is so far;
 * - `manual`: a figure typed in from before Musubi;
 * - `computed`: counted from the records.
 */
export type ActualKind = 'not-started' | 'pending' | 'manual' | 'computed';

export function actualKind(year: IndicatorYear, today: string): ActualKind {
  if (year.source === 'manual') return 'manual';
  if (fiscalYearRange(year.fiscalYear).start > today) return 'not-started';
  return year.status === 'pending' ? 'pending' : 'computed';
}

export interface ChartPoint {
  fiscalYear: FiscalYear;
  label: string;
  target: number | null;
  actual: number | null;
}

/** Target against actual per year, for the chart; a year not yet begun has no actual. */
export function chartPoints(
  row: IndicatorRow,
  today: string,
  label: (fy: FiscalYear) => string,
): ChartPoint[] {
  return row.years.map((y) => ({
    fiscalYear: y.fiscalYear,
    label: label(y.fiscalYear),
    target: y.target ?? null,
    actual: actualKind(y, today) === 'not-started' ? null : y.actual,
  }));
}

/** Budget totals per year: `undefined` where no programme had a budget (the sheet's `-`), not 0. */
export function budgetTotals(sheet: PolicyReport): { fiscalYear: FiscalYear; amount?: number }[] {
  return sheet.budgetTotals.map((t) => {
    const any = sheet.budget.some((row) =>
      row.budgets.some((b) => b.fiscalYear === t.fiscalYear && b.amount !== undefined),
    );
    return any ? t : { fiscalYear: t.fiscalYear };
  });
}

/** The year the cost table starts on: the last shown year with a budget, else the last shown year. */
export function defaultCostYear(sheet: PolicyReport): FiscalYear | undefined {
  const withBudget = budgetTotals(sheet).filter((t) => t.amount !== undefined);
  return withBudget.at(-1)?.fiscalYear ?? sheet.fiscalYears.at(-1);
}

/** Each programme's budget, engagements and cost per engagement in a year, with the year's totals. */
export function costTable(view: NetworkView, fy: FiscalYear) {
  const rows = programmeCosts(view, fy).map((cost) => ({
    ...cost,
    basicProgramme: programmes(view).find((p) => p.id === cost.programme)?.basicProgramme,
  }));
  const budget = rows.reduce((sum, r) => sum + (r.budget ?? 0), 0);
  const engagements = rows.reduce((sum, r) => sum + r.engagements, 0);
  const anyBudget = rows.some((r) => r.budget !== undefined);
  const illustrative = rows.reduce((sum, r) => sum + (r.illustrative ?? 0), 0);
  const total: { budget?: number; engagements: number; costPerEngagement?: number; illustrative?: number } = {
    engagements,
  };
  if (anyBudget) total.budget = budget;
  if (illustrative > 0) total.illustrative = illustrative;
  if (anyBudget && engagements > 0) total.costPerEngagement = Math.round((budget / engagements) * 10) / 10;
  return { rows, total };
}

/** A file name for the sheet of a range: `policy-sheet-FY2016-FY2026.md`. */
export function sheetFileName(range: YearRange, extension: 'md' | 'xlsx'): string {
  return `policy-sheet-FY${range.first}-FY${range.last}.${extension}`;
}
