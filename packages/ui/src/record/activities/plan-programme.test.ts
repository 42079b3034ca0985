import { programmes } from '@musubi/core/indicators';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { type FieldIssues, parseAmount } from '../../forms/field-issues.js';
import { issueMessage } from '../../forms/issue-message.js';
import { messages } from '../../i18n/i18n.js';
import { planEngagement } from './plan-engagement.js';
import {
  basicProgrammes,
  emptyProgramme,
  fiscalYearHint,
  fiscalYearInEras,
  type ProgrammeValues,
  planProgramme,
  programmeValuesOf,
  removeProgrammeOrSay,
} from './plan-programme.js';

const t =
  (lang: 'ja' | 'en') =>
  (key: string, vars: Record<string, string | number> = {}) =>
    (messages[lang] as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) =>
      String(vars[n]),
    ) ?? key;

function say(issues: FieldIssues, field: string, lang: 'ja' | 'en' = 'ja'): string | undefined {
  return issues[field]?.map((i) => issueMessage(i, lang, t(lang) as never)).join(' ');
}

function programme(patch: Partial<ProgrammeValues> = {}): ProgrammeValues {
  return {
    ...emptyProgramme(2020),
    basicCode: '33102',
    basicNameJa: '海外事業展開の推進',
    basicNameEn: 'Promoting business expansion abroad',
    nameJa: 'ASEAN 販路開拓事業',
    nameEn: 'ASEAN market development programme',
    budgets: [
      { fiscalYear: '2020', amount: '4,500' },
      { fiscalYear: '２０２１', amount: '５０００' },
    ],
    ...patch,
  };
}

function refused(values: ProgrammeValues, editing?: string): FieldIssues {
  const network = buildMieNetwork();
  const before = network.log().length;
  const plan = planProgramme(network, values, editing);
  expect(network.log().length).toBe(before);
  if (plan.ok) throw new Error('the plan should have been refused');
  return plan.issues;
}

describe('planning a programme', () => {
  it('adds a programme under a basic programme with budgets typed with separators and full-width digits', () => {
    const network = buildMieNetwork();
    const plan = planProgramme(network, programme());
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const p = plan.write(network);
    expect(network.record('programme', p.id)).toMatchObject({
      basicProgramme: { code: '33102' },
      budgets: { '2020': 4500, '2021': 5000 },
    });
    expect(p.notes).toBeUndefined();
    expect(network.log().at(-1)?.operation).toBe('addProgramme');
  });

  it('changes the FY2019 budget of a programme and keeps its tags', () => {
    const network = buildMieNetwork();
    const before = network.record<{ id: string; tags: string[] }>('programme', 'prg-thai-hr');
    const values = programmeValuesOf(programmes(network).find((p) => p.id === 'prg-thai-hr') as never);
    expect(values.budgets).toEqual([{ fiscalYear: '2019', amount: '9000' }]);
    values.budgets = [
      { fiscalYear: '2019', amount: '9500' },
      { fiscalYear: '2020', amount: '' },
    ];
    const plan = planProgramme(network, values, 'prg-thai-hr');
    if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
    const p = plan.write(network);
    expect(p.budgets).toEqual({ '2019': 9500 });
    expect(p.tags).toEqual(before?.tags);
    expect(network.log().at(-1)?.operation).toBe('updateProgramme');
  });

  it('refuses negative, fractional and non-numeric budgets, each under its row', () => {
    const issues = refused(
      programme({
        budgets: [
          { fiscalYear: '2019', amount: '-1' },
          { fiscalYear: '2020', amount: '12.5' },
          { fiscalYear: '2021', amount: 'abc' },
          { fiscalYear: '2022', amount: '<img src=x onerror=alert(1)>' },
        ],
      }),
    );
    expect(say(issues, 'budgets.0.amount')).toBe('0 以上の数を入力してください');
    expect(say(issues, 'budgets.1.amount')).toBe('整数で入力してください');
    expect(say(issues, 'budgets.2.amount')).toBe('数字で入力してください');
    expect(say(issues, 'budgets.3.amount', 'en')).toBe('Enter a number');
  });

  it('refuses a fiscal year that is not one, and a year given twice', () => {
    const issues = refused(
      programme({
        budgets: [
          { fiscalYear: '19', amount: '1' },
          { fiscalYear: '2019', amount: '2' },
          { fiscalYear: '2019', amount: '3' },
          { fiscalYear: '', amount: '4' },
        ],
      }),
    );
    expect(say(issues, 'budgets.0.fiscalYear')).toBe('年度は西暦 4 桁で入力してください（例: 2019）');
    expect(say(issues, 'budgets.2.fiscalYear', 'en')).toBe('FY2019 is entered twice');
    expect(issues['budgets.3.fiscalYear']).toBeDefined();
    expect(issues['budgets.1.fiscalYear']).toBeUndefined();
  });

  it('refuses a basic programme code that is not five digits and a programme without a name', () => {
    const issues = refused(programme({ basicCode: '3310', nameJa: '', nameEn: '' }));
    expect(say(issues, 'basicCode')).toBe('基本事業コードは 5 桁の数字です（例: 33101）');
    expect(say(issues, 'name')).toBe('日本語名か英語名（または両方）を入力してください');
  });

  it('says when the programme being changed is gone', () => {
    const issues = refused(programme(), 'prg-gone');
    expect(issues.form).toBeDefined();
  });

  it('offers the basic programmes in use, each once', () => {
    expect(basicProgrammes(buildMieNetwork()).map((b) => b.code)).toEqual(['33101', '33102']);
  });

  it('refuses to remove a programme that engagements refer to, naming them, and removes it once they are gone', () => {
    const network = buildMieNetwork();
    const add = planProgramme(network, programme());
    if (!add.ok) throw new Error('refused');
    const p = add.write(network);
    const meeting = planEngagement(network, {
      type: 'business-meeting',
      date: '2020-06-01',
      endDate: '',
      titleJa: '商談会',
      titleEn: '',
      participants: [{ entity: 'mie', role: 'host' }],
      programme: p.id,
      topics: '',
      tags: '',
      notes: '',
      followUps: [],
    });
    if (!meeting.ok) throw new Error('refused');
    const e = meeting.write(network);
    const before = network.log().length;
    const refusal = removeProgrammeOrSay(network, p.id, 'ja');
    expect(refusal.ok).toBe(false);
    expect(network.log().length).toBe(before);
    if (refusal.ok) return;
    expect(say(refusal.issues, 'form')).toBe(
      '1 件の記録がこの事業を参照しているため削除できません（商談会）。先にそれらの事業の指定を変更してください。',
    );
    network.removeEngagement(e.id);
    const removed = removeProgrammeOrSay(network, p.id, 'en');
    expect(removed.ok).toBe(true);
    expect(network.record('programme', p.id)).toBeUndefined();
  });
});

describe('fiscal years in the Japanese era', () => {
  it('names FY2019 in both eras, as the policy sheet and later documents do', () => {
    expect(fiscalYearInEras(2019, 'ja')).toBe('平成31年度／令和元年度');
    expect(fiscalYearInEras(2020, 'ja')).toBe('令和2年度');
    expect(fiscalYearInEras(2018, 'ja')).toBe('平成30年度');
    expect(fiscalYearInEras(2019, 'en')).toMatch(/^FY Heisei 31 \/ FY Reiwa 1$/);
  });

  it('gives a hint only for what is a fiscal year', () => {
    expect(fiscalYearHint('２０１９', 'ja')).toBe('平成31年度／令和元年度');
    expect(fiscalYearHint('19', 'ja')).toBeUndefined();
    expect(fiscalYearHint('<b>', 'ja')).toBeUndefined();
  });
});

describe('reading amounts', () => {
  it('reads numbers as people type them and nothing else', () => {
    expect(parseAmount('1,234')).toBe(1234);
    expect(parseAmount('１２３４')).toBe(1234);
    expect(parseAmount(' 5 076 ')).toBe(5076);
    expect(parseAmount('-3')).toBe(-3);
    expect(parseAmount('1e3')).toBeUndefined();
    expect(parseAmount('0x10')).toBeUndefined();
    expect(parseAmount('')).toBeUndefined();
    expect(parseAmount('Infinity')).toBeUndefined();
  });
});
