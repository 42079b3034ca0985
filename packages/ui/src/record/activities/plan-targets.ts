/**
 * What the indicator form writes: an indicator's baseline (現状値) and targets (目標値) per fiscal
 * year (`updateIndicator`), and manual figures (`recordFigure`): an indicator's value for a year
 * from before Musubi was used, which the report shows instead of the computed one. Checked with
 * the core's schemas and the form's own rules, each issue under its field, before any write.
 */
import type { Network } from '@musubi/core';
import {
  type Figure,
  figureFor,
  type Indicator,
  recordFigure,
  updateIndicator,
} from '@musubi/core/indicators';
import { FigureInputSchema, IndicatorSchema } from '@musubi/core/schemas';
import {
  addIssue,
  type FieldIssues,
  mapIssues,
  optionalText,
  ownIssue,
  type Plan,
  parseAmount,
} from '../../forms/field-issues.js';
import { type AmountRow, readAmounts } from './plan-programme.js';

export interface TargetValues {
  /** The baseline's fiscal year; empty for no baseline. */
  baselineYear: string;
  /** The baseline's value where known; may be empty. */
  baselineValue: string;
  targets: AmountRow[];
}

export interface FigureValues {
  fiscalYear: string;
  value: string;
  note: string;
}

export const emptyFigure: FigureValues = { fiscalYear: '', value: '', note: '' };

export function targetValuesOf(indicator: Indicator): TargetValues {
  return {
    baselineYear: indicator.baseline === undefined ? '' : String(indicator.baseline.fiscalYear),
    baselineValue: indicator.baseline?.value === undefined ? '' : String(indicator.baseline.value),
    targets: Object.entries(indicator.targets)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fiscalYear, amount]) => ({ fiscalYear, amount: String(amount) })),
  };
}

/** A fiscal year typed in a field, or an issue under `field`. */
function readFiscalYear(text: string, field: string, issues: FieldIssues): number | undefined {
  const v = text.normalize('NFKC').trim();
  const fy = Number(v);
  if (!/^\d{4}$/.test(v) || fy < 1900 || fy > 2999) {
    addIssue(issues, field, ownIssue(field, 'form.error.fiscalYear', 'a fiscal year'));
    return undefined;
  }
  return fy;
}

function readNumber(text: string, field: string, issues: FieldIssues): number | undefined {
  const value = parseAmount(text);
  if (value === undefined) {
    addIssue(issues, field, ownIssue(field, 'activities.error.notANumber', 'not a number'));
  }
  return value;
}

/** Checks the baseline and targets and plans `updateIndicator` for them. */
export function planTargets(network: Network, indicatorId: string, values: TargetValues): Plan<Indicator> {
  const issues: FieldIssues = {};
  const before = network.record<Indicator>('indicator', indicatorId);
  if (before === undefined) {
    addIssue(issues, 'indicator', ownIssue('indicator', 'activities.error.chooseIndicator', 'no indicator'));
    return { ok: false, issues };
  }
  let baseline: { fiscalYear: number; value?: number } | undefined;
  const yearText = values.baselineYear.trim();
  const valueText = values.baselineValue.trim();
  if (yearText !== '' || valueText !== '') {
    const fiscalYear = readFiscalYear(yearText, 'baselineYear', issues);
    const value = valueText === '' ? undefined : readNumber(valueText, 'baselineValue', issues);
    if (fiscalYear !== undefined) baseline = { fiscalYear, ...(value === undefined ? {} : { value }) };
  }
  const { amounts, rowOfYear } = readAmounts(values.targets, 'targets', issues);
  const parsed = IndicatorSchema.safeParse({ ...before, baseline, targets: amounts });
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, ([head, sub]) => {
      if (head === 'baseline') return sub === 'value' ? 'baselineValue' : 'baselineYear';
      if (head === 'targets') {
        const row = rowOfYear.get(String(sub));
        return row === undefined ? 'targets' : `targets.${row}.amount`;
      }
      return 'form';
    });
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return { ok: true, write: () => updateIndicator(network, indicatorId, { baseline, targets: amounts }) };
}

/**
 * Checks a manual figure and plans `recordFigure`; a figure already recorded for that indicator
 * and year is replaced (one figure per year).
 */
export function planFigure(network: Network, indicatorId: string, values: FigureValues): Plan<Figure> {
  const issues: FieldIssues = {};
  if (network.record('indicator', indicatorId) === undefined) {
    addIssue(issues, 'indicator', ownIssue('indicator', 'activities.error.chooseIndicator', 'no indicator'));
  }
  const fiscalYear = readFiscalYear(values.fiscalYear, 'fiscalYear', issues);
  let value: number | undefined;
  if (values.value.trim() === '') {
    addIssue(issues, 'value', { path: ['value'], code: 'invalid_type', message: 'received undefined' });
  } else value = readNumber(values.value, 'value', issues);
  const note = optionalText(values.note);
  const existing = fiscalYear === undefined ? undefined : figureFor(network, indicatorId, fiscalYear);
  const input = {
    ...(existing === undefined ? {} : { id: existing.id }),
    indicator: indicatorId,
    fiscalYear: fiscalYear ?? 2000,
    value: value ?? 0,
    ...(note === undefined ? {} : { note }),
  };
  const parsed = FigureInputSchema.safeParse(input);
  if (!parsed.success) {
    mapIssues(parsed.error.issues, issues, ([head]) =>
      head === 'value' || head === 'note' || head === 'fiscalYear' ? head : 'form',
    );
  }
  if (Object.keys(issues).length > 0) return { ok: false, issues };
  return { ok: true, write: () => recordFigure(network, input) };
}
