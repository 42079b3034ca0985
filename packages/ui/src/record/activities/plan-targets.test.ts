import { figureFor, figures, type Indicator, report } from '@musubi/core/indicators';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import type { FieldIssues } from '../../forms/field-issues.js';
import { issueMessage } from '../../forms/issue-message.js';
import { messages } from '../../i18n/i18n.js';
import { planFigure, planTargets, type TargetValues, targetValuesOf } from './plan-targets.js';

const t =
  (lang: 'ja' | 'en') =>
  (key: string, vars: Record<string, string | number> = {}) =>
    (messages[lang] as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) =>
      String(vars[n]),
    ) ?? key;

function say(issues: FieldIssues, field: string, lang: 'ja' | 'en' = 'ja'): string | undefined {
  return issues[field]?.map((i) => issueMessage(i, lang, t(lang) as never)).join(' ');
}

const SME = 'ind-companies-supported';

function current(): TargetValues {
  const network = buildMieNetwork();
  return targetValuesOf(network.record<Indicator>('indicator', SME) as Indicator);
}

describe('planning an indicator’s baseline and targets', () => {
  it('fills the form with the baseline and the targets in year order', () => {
    expect(current()).toEqual({
      baselineYear: '2015',
      baselineValue: '',
      targets: [
        { fiscalYear: '2016', amount: '15' },
        { fiscalYear: '2017', amount: '30' },
        { fiscalYear: '2018', amount: '47' },
        { fiscalYear: '2019', amount: '64' },
      ],
    });
  });

  it('sets a baseline value and a new FY2020 target, which the report then shows', () => {
    const network = buildMieNetwork();
    const values = current();
    values.baselineValue = '8';
    values.targets.push({ fiscalYear: '2020', amount: '80' });
    const plan = planTargets(network, SME, values);
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const changed = plan.write(network);
    expect(changed.baseline).toEqual({ fiscalYear: 2015, value: 8 });
    expect(changed.targets['2020']).toBe(80);
    expect(network.log().at(-1)?.operation).toBe('updateIndicator');
    const row = report(network, { fiscalYears: [2020] }).indicators.find((r) => r.id === SME);
    expect(row?.years.find((y) => y.fiscalYear === 2020)?.target).toBe(80);
  });

  it('refuses negative and non-numeric targets and a bad baseline year, writing nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const values = current();
    values.baselineYear = '15';
    values.targets[0] = { fiscalYear: '2016', amount: '-5' };
    values.targets[1] = { fiscalYear: '2017', amount: 'thirty' };
    values.targets[2] = { fiscalYear: '2016', amount: '1' };
    const plan = planTargets(network, SME, values);
    expect(network.log().length).toBe(before);
    if (plan.ok) throw new Error('should be refused');
    expect(say(plan.issues, 'baselineYear')).toBe('年度は西暦 4 桁で入力してください（例: 2019）');
    expect(say(plan.issues, 'targets.0.amount')).toBe('0 以上の数を入力してください');
    expect(say(plan.issues, 'targets.1.amount', 'en')).toBe('Enter a number');
    expect(say(plan.issues, 'targets.2.fiscalYear', 'en')).toBe('FY2016 is entered twice');
  });

  it('refuses an unknown indicator', () => {
    const plan = planTargets(buildMieNetwork(), 'ind-nope', current());
    expect(plan.ok).toBe(false);
  });
});

describe('planning a manual figure', () => {
  it('records a figure for a year before Musubi and replaces it when the year is given again', () => {
    const network = buildMieNetwork();
    const first = planFigure(network, SME, { fiscalYear: '2017', value: '35', note: 'FY2019 policy sheet' });
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    const figure = first.write(network);
    expect(figureFor(network, SME, 2017)).toMatchObject({ value: 35, note: 'FY2019 policy sheet' });
    const again = planFigure(network, SME, { fiscalYear: '2017', value: '36', note: '' });
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.write(network).id).toBe(figure.id);
    expect(figures(network, SME)).toHaveLength(1);
    expect(figureFor(network, SME, 2017)?.value).toBe(36);
  });

  it('refuses a missing value, a negative value and a bad year, writing nothing', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const empty = planFigure(network, SME, { fiscalYear: '2017', value: '', note: '' });
    const negative = planFigure(network, SME, { fiscalYear: '3017', value: '-1', note: '' });
    expect(network.log().length).toBe(before);
    if (empty.ok || negative.ok) throw new Error('should be refused');
    expect(say(empty.issues, 'value')).toBe('入力してください');
    expect(say(negative.issues, 'value')).toBe('0 以上の数を入力してください');
    expect(say(negative.issues, 'fiscalYear', 'en')).toBe('Enter the fiscal year as four digits (e.g. 2019)');
  });
});
