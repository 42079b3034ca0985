import { indicators, report } from '@musubi/core/indicators';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import type { FieldIssues } from '../../forms/field-issues.js';
import { issueMessage } from '../../forms/issue-message.js';
import { messages } from '../../i18n/i18n.js';
import { emptyIndicator, type IndicatorValues, planIndicator } from './plan-indicator.js';
import { planTargets } from './plan-targets.js';

const t =
  (lang: 'ja' | 'en') =>
  (key: string, vars: Record<string, string | number> = {}) =>
    (messages[lang] as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) =>
      String(vars[n]),
    ) ?? key;

function say(issues: FieldIssues, field: string, lang: 'ja' | 'en' = 'ja'): string | undefined {
  return issues[field]?.map((i) => issueMessage(i, lang, t(lang) as never)).join(' ');
}

const seminars: IndicatorValues = {
  ...emptyIndicator,
  nameJa: 'タイ向けセミナー・商談会の件数',
  nameEn: 'Seminars and business meetings for Thailand',
  basicProgramme: '33102',
  aggregate: 'per-year',
  engagementTypes: ['seminar', 'business-meeting'],
  programmes: ['prg-thai-hr', 'prg-sme'],
};

describe('planning a new indicator', () => {
  it('adds an indicator whose measure the report computes, and takes targets afterwards', () => {
    const network = buildMieNetwork();
    const plan = planIndicator(network, seminars);
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const indicator = plan.write(network);
    expect(indicators(network).map((i) => i.id)).toContain(indicator.id);
    expect(indicator.measure).toEqual({
      aggregate: 'per-year',
      count: 'engagements',
      filter: { engagementTypes: ['seminar', 'business-meeting'], programmes: ['prg-thai-hr', 'prg-sme'] },
    });
    const targets = planTargets(network, indicator.id, {
      baselineYear: '',
      baselineValue: '',
      targets: [{ fiscalYear: '2019', amount: '4' }],
    });
    if (!targets.ok) throw new Error(JSON.stringify(targets.issues));
    targets.write(network);
    const row = report(network, { fiscalYears: [2019] }).indicators.find((r) => r.id === indicator.id);
    expect(row?.years[0]?.target).toBe(4);
  });

  it('refuses an activity indicator without a basic programme, a bad start year, an unknown programme, and “first time only” on engagements', () => {
    const network = buildMieNetwork();
    const before = network.log().length;
    const plan = planIndicator(network, {
      ...seminars,
      nameJa: '',
      nameEn: '',
      basicProgramme: '',
      aggregate: 'cumulative',
      since: '16',
      programmes: ['prg-nope'],
      firstTimeOnly: true,
    });
    expect(network.log().length).toBe(before);
    if (plan.ok) throw new Error('should be refused');
    expect(say(plan.issues, 'basicProgramme')).toBe('入力してください');
    expect(say(plan.issues, 'since')).toBe('年度は西暦 4 桁で入力してください（例: 2019）');
    expect(say(plan.issues, 'programmes', 'en')).toBe('This programme does not exist');
    const again = planIndicator(network, { ...seminars, nameJa: '', nameEn: '', firstTimeOnly: true });
    if (again.ok) throw new Error('should be refused');
    expect(say(again.issues, 'name')).toBe('日本語名か英語名（または両方）を入力してください');
    expect(say(again.issues, 'firstTimeOnly', 'en')).toMatch(/Distinct participants/);
  });
});
