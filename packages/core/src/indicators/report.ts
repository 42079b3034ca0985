import type { Id } from '../model/ids.js';
import type { BasicProgramme, Indicator, IndicatorKind, IndicatorUnit } from '../model/indicators.js';
import type { BilingualName } from '../model/names.js';
import { type FiscalYear, fiscalYearRange } from '../time/fiscal-year.js';
import type { NetworkView } from '../views/view.js';
import { anyEngagementTagged, evaluateMeasure, measureRecords, programmeYearCounts } from './measure.js';
import { figures, indicators, programmes } from './records.js';

/** Where an indicator's actual (実績値) comes from. */
export type ActualSource = 'computed' | 'manual';

/**
 * - `achieved`: the actual reached the target; `not-achieved`: it did not;
 * - `no-target`: no target was set for that year; `pending`: the fiscal year has not ended on the
 *   report's `asOfDate`, so its actual is only a figure so far.
 */
export type IndicatorStatus = 'achieved' | 'not-achieved' | 'no-target' | 'pending';

export interface IndicatorYear {
  fiscalYear: FiscalYear;
  target?: number;
  /**
   * 実績値: the manual figure where one was recorded for the year, otherwise the computed count. A
   * cumulative total after a manual figure builds on it: the figure plus what the records add since.
   */
  actual: number;
  source: ActualSource;
  /** The manual figure a computed cumulative total builds on (the latest one before this year). */
  base?: { fiscalYear: FiscalYear; value: number };
  /** actual / target rounded to 2 decimals, as the sheet writes it (0.95); absent without a target or while pending. */
  achievement?: number;
  status: IndicatorStatus;
  /**
   * How many of the records a computed actual counts are illustrative (tagged with the report's
   * `illustrativeTag`: an engagement so tagged, or an entity so tagged or counted through such an
   * engagement). Absent when none is, and for a manual figure. Such an actual is not a real figure,
   * and every view of the sheet must say so.
   */
  illustrative?: number;
}

export interface IndicatorRow {
  id: Id;
  name: BilingualName;
  unit: IndicatorUnit;
  kind: IndicatorKind;
  basicProgramme?: string;
  cumulative: boolean;
  baseline?: { fiscalYear: FiscalYear; value?: number };
  years: IndicatorYear[];
}

export interface BudgetRow {
  id: Id;
  name: BilingualName;
  basicProgramme: BasicProgramme;
  /** Thousand yen per fiscal year; absent where the programme had no budget (`-`). */
  budgets: { fiscalYear: FiscalYear; amount?: number }[];
  /** The first fiscal year the programme has a budget in (of all its years, not only the report's). */
  firstFiscalYear?: FiscalYear;
}

/** The policy sheet: indicators by fiscal year and the budget table. */
export interface PolicyReport {
  fiscalYears: FiscalYear[];
  asOfDate?: string;
  indicators: IndicatorRow[];
  budget: BudgetRow[];
  /** Budget totals per fiscal year, thousand yen. */
  budgetTotals: { fiscalYear: FiscalYear; amount: number }[];
  /** Per fiscal year, each programme's budget, engagements and cost per engagement (see `programmeCosts`). */
  costs: { fiscalYear: FiscalYear; programmes: ProgrammeCost[] }[];
  /** Whether any actual, or any engagement counted in `costs`, is illustrative (see `IndicatorYear.illustrative`). */
  illustrative: boolean;
}

export interface ReportOptions {
  fiscalYears: readonly FiscalYear[];
  /** Years that have not ended on this day (YYYY-MM-DD) are `pending`. Without it, no year is pending. */
  asOfDate?: string;
  /** The tag that marks records as illustrative, not real; default `illustrative`. */
  illustrativeTag?: string;
}

/** The tag that marks a record as illustrative (an example, not a fact), as the example network uses it. */
export const ILLUSTRATIVE_TAG = 'illustrative';

/** Whether the view holds any record tagged `tag` that a measure can count (an engagement or an entity). */
function holdsTagged(view: NetworkView, tag: string): boolean {
  return anyEngagementTagged(view, tag) || view.entities().some((e) => e.tags.includes(tag));
}

/** How many of the records counted for a fiscal year are tagged `tag` (see `IndicatorYear.illustrative`). */
function taggedCount(view: NetworkView, indicator: Indicator, fy: FiscalYear, tag: string): number {
  const counted = measureRecords(view, indicator.measure, fy);
  const tagged = (id: Id) => view.engagement(id)?.tags.includes(tag) === true;
  if (indicator.measure.count === 'engagements') return counted.engagements.filter(tagged).length;
  return counted.entities.filter(
    (c) => view.entity(c.entity)?.tags.includes(tag) === true || c.engagements.some(tagged),
  ).length;
}

/** Adds to each computed year how many of its counted records are illustrative. */
function markIllustrative(view: NetworkView, indicator: Indicator, years: IndicatorYear[], tag: string) {
  return years.map((y) => {
    if (y.source === 'manual' || y.actual === 0) return y;
    let n = taggedCount(view, indicator, y.fiscalYear, tag);
    // after a manual figure, only what the records add since it counts
    if (y.base !== undefined) n -= taggedCount(view, indicator, y.base.fiscalYear, tag);
    return n > 0 ? { ...y, illustrative: n } : y;
  });
}

function yearOf(
  indicator: Indicator,
  fy: FiscalYear,
  actualOf: (fy: FiscalYear) => { actual: number; source: ActualSource; base?: IndicatorYear['base'] },
  asOfDate?: string,
): IndicatorYear {
  const target = indicator.targets[String(fy)];
  const { actual, source, base: carried } = actualOf(fy);
  const base = {
    fiscalYear: fy,
    actual,
    source,
    ...(carried === undefined ? {} : { base: carried }),
    ...(target === undefined ? {} : { target }),
  };
  if (asOfDate !== undefined && asOfDate <= fiscalYearRange(fy).end && source !== 'manual') {
    return { ...base, status: 'pending' };
  }
  if (target === undefined) return { ...base, status: 'no-target' };
  const achievement = target === 0 ? (actual > 0 ? 1 : 0) : Math.round((actual / target) * 100) / 100;
  return { ...base, achievement, status: actual >= target ? 'achieved' : 'not-achieved' };
}

/**
 * The actual of each fiscal year of an indicator. A manual figure stands for its year. For a
 * cumulative measure it also stands for everything up to its year (a figure from before Musubi
 * was used): a later year is that figure plus what the records add after it, i.e. the computed
 * total of the year minus the computed total of the figure's year.
 */
function actuals(view: NetworkView, indicator: Indicator, fiscalYears: readonly FiscalYear[]) {
  const manual = new Map(figures(view, indicator.id).map((f) => [f.fiscalYear, f.value]));
  const cumulative = indicator.measure.aggregate === 'cumulative';
  const since = indicator.measure.since ?? Number.NEGATIVE_INFINITY;
  const baseYear = (fy: FiscalYear): FiscalYear | undefined => {
    if (!cumulative) return undefined;
    let found: FiscalYear | undefined;
    for (const y of manual.keys()) if (y < fy && y >= since && (found === undefined || y > found)) found = y;
    return found;
  };
  const needed = new Set(fiscalYears);
  for (const fy of fiscalYears) {
    const b = baseYear(fy);
    if (b !== undefined) needed.add(b);
  }
  const computed = evaluateMeasure(
    view,
    indicator.measure,
    [...needed].sort((a, b) => a - b),
  );
  return (fy: FiscalYear): { actual: number; source: ActualSource; base?: IndicatorYear['base'] } => {
    const figure = manual.get(fy);
    if (figure !== undefined) return { actual: figure, source: 'manual' };
    const count = computed.get(fy) ?? 0;
    const b = baseYear(fy);
    if (b === undefined) return { actual: count, source: 'computed' };
    const value = manual.get(b) ?? 0;
    return {
      actual: value + count - (computed.get(b) ?? 0),
      source: 'computed',
      base: { fiscalYear: b, value },
    };
  };
}

/**
 * Computes the policy sheet for fiscal years: per indicator and year the target, the actual
 * (computed from the records, or a manual figure recorded for that year, flagged `manual`; a
 * cumulative total after a manual figure builds on it), the
 * achievement ratio and a status; and the budget per programme. Each computed actual says how
 * many of the records it counts are illustrative (tagged `illustrative`), so that no view of the
 * sheet passes an example off as a real figure.
 *
 * @example
 * const sheet = report(network, { fiscalYears: [2016, 2017, 2018, 2019], asOfDate: '2019-07-01' });
 */
export function report(view: NetworkView, options: ReportOptions): PolicyReport {
  const fiscalYears = [...options.fiscalYears].sort((a, b) => a - b);
  const tag = options.illustrativeTag ?? ILLUSTRATIVE_TAG;
  const anyTagged = holdsTagged(view, tag);
  const rows: IndicatorRow[] = indicators(view).map((indicator) => {
    const actualOf = actuals(view, indicator, fiscalYears);
    const years = fiscalYears.map((fy) => yearOf(indicator, fy, actualOf, options.asOfDate));
    return {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      kind: indicator.kind,
      ...(indicator.basicProgramme === undefined ? {} : { basicProgramme: indicator.basicProgramme }),
      cumulative: indicator.measure.aggregate === 'cumulative',
      ...(indicator.baseline === undefined ? {} : { baseline: indicator.baseline }),
      years: anyTagged ? markIllustrative(view, indicator, years, tag) : years,
    };
  });
  const budget = budgetByFiscalYear(view, fiscalYears);
  const costs = costsByFiscalYear(view, fiscalYears, tag);
  return {
    fiscalYears,
    ...(options.asOfDate === undefined ? {} : { asOfDate: options.asOfDate }),
    indicators: rows,
    illustrative:
      rows.some((r) => r.years.some((y) => y.illustrative !== undefined)) ||
      costs.some((c) => c.programmes.some((p) => p.illustrative !== undefined)),
    budget,
    costs,
    budgetTotals: fiscalYears.map((fy) => ({
      fiscalYear: fy,
      amount: budget.reduce(
        (sum, row) => sum + (row.budgets.find((b) => b.fiscalYear === fy)?.amount ?? 0),
        0,
      ),
    })),
  };
}

/** The budget of every programme for the given fiscal years (thousand yen; absent = no budget). */
export function budgetByFiscalYear(view: NetworkView, fiscalYears: readonly FiscalYear[]): BudgetRow[] {
  return programmes(view).map((p) => {
    const first = Object.keys(p.budgets)
      .map(Number)
      .sort((a, b) => a - b)[0];
    return {
      id: p.id,
      name: p.name,
      basicProgramme: p.basicProgramme,
      budgets: fiscalYears.map((fy) => {
        const amount = p.budgets[String(fy)];
        return amount === undefined ? { fiscalYear: fy } : { fiscalYear: fy, amount };
      }),
      ...(first === undefined ? {} : { firstFiscalYear: first }),
    };
  });
}

export interface ProgrammeCost {
  programme: Id;
  name: BilingualName;
  /** Thousand yen; absent without a budget that year. */
  budget?: number;
  engagements: number;
  /** Budget per engagement, thousand yen, rounded to 1 decimal; absent without a budget or engagements. */
  costPerEngagement?: number;
  /** How many of the engagements are illustrative (tagged `illustrative`); absent when none is. */
  illustrative?: number;
}

/**
 * For a fiscal year: each programme's budget, the engagements recorded under it, the cost per
 * engagement, and how many of those engagements are illustrative.
 */
export function programmeCosts(
  view: NetworkView,
  fy: FiscalYear,
  illustrativeTag: string = ILLUSTRATIVE_TAG,
): ProgrammeCost[] {
  return costsByFiscalYear(view, [fy], illustrativeTag)[0]?.programmes ?? [];
}

/**
 * {@link programmeCosts} of several fiscal years, counted in one pass over the engagement columns
 * (`programmeYearCounts`): the engagements of each programme listed and filtered once per fiscal
 * year took 27 s a report at a million engagements (30 years, four programmes), 3.5 s at 200,000.
 */
function costsByFiscalYear(
  view: NetworkView,
  fiscalYears: readonly FiscalYear[],
  illustrativeTag: string,
): { fiscalYear: FiscalYear; programmes: ProgrammeCost[] }[] {
  const counted = programmeYearCounts(view, illustrativeTag);
  const perProgramme = programmes(view).map((p) => ({ p, counts: counted.get(p.id) }));
  return fiscalYears.map((fy) => ({
    fiscalYear: fy,
    programmes: perProgramme.map(({ p, counts }) => {
      const [count, illustrative] = counts?.get(fy) ?? [0, 0];
      const budget = p.budgets[String(fy)];
      const row: ProgrammeCost = { programme: p.id, name: p.name, engagements: count };
      if (budget !== undefined) row.budget = budget;
      if (budget !== undefined && count > 0) row.costPerEngagement = Math.round((budget / count) * 10) / 10;
      if (illustrative > 0) row.illustrative = illustrative;
      return row;
    }),
  }));
}
