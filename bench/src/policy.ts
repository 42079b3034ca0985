import { engagementTypes } from '@musubi/core';
import type { Indicator, Programme } from '@musubi/core/indicators';

/** Engagement types that count as joint work with a partner (all but a courtesy call). */
const jointWork = engagementTypes.filter((t) => t !== 'courtesy-visit');

const exchange = { code: '33101', name: { ja: '国際交流の推進', en: 'Promoting international exchange' } };
const expansion = {
  code: '33102',
  name: { ja: '海外事業展開の推進', en: 'Promoting business expansion abroad' },
};

/**
 * The policy sheet's four programmes, with a budget in every fiscal year, and its three indicators
 * (the same measures as the prefecture's example network, examples/src/mie/policy.ts), with targets
 * in every fiscal year: what the indicator report computes over the generated engagements.
 */
export function policyRecords(
  firstFy: number,
  lastFy: number,
): { programmes: Programme[]; indicators: Indicator[] } {
  const years = Array.from({ length: lastFy - firstFy + 1 }, (_, i) => firstFy + i);
  const perYear = (value: (fy: number, i: number) => number) =>
    Object.fromEntries(years.map((fy, i) => [String(fy), value(fy, i)]));
  const programme = (
    id: string,
    ja: string,
    en: string,
    basic: typeof exchange,
    base: number,
  ): Programme => ({
    id,
    name: { ja, en },
    basicProgramme: basic,
    budgets: perYear((_, i) => base + 97 * i),
    tags: [],
  });
  const since = firstFy + 1;
  const indicator = (
    id: string,
    ja: string,
    en: string,
    rest: Pick<Indicator, 'unit' | 'kind' | 'measure'> & { basicProgramme?: string },
    step: number,
  ): Indicator => ({
    id,
    name: { ja, en },
    ...rest,
    baseline: { fiscalYear: firstFy },
    targets: perYear((_, i) => step * i),
    tags: [],
  });
  return {
    programmes: [
      programme(
        'prg-network',
        '国際ネットワーク強化推進事業',
        'International network strengthening programme',
        exchange,
        3753,
      ),
      programme(
        'prg-intl-week',
        '国際ウィーク等推進事業',
        'International Week and related programme',
        exchange,
        5523,
      ),
      programme(
        'prg-sme',
        '県内中小企業国際展開促進事業',
        'Programme for local SMEs going international',
        expansion,
        5644,
      ),
      programme(
        'prg-thai-hr',
        '三重・タイ産業人材育成協力事業',
        'Mie–Thailand industrial human resources programme',
        expansion,
        9000,
      ),
    ],
    indicators: [
      indicator(
        'ind-joint-initiatives',
        '海外の政府・自治体等との連携取組件数（累計）',
        'Joint initiatives with overseas governments (cumulative)',
        {
          unit: '件',
          kind: 'outcome',
          measure: {
            aggregate: 'cumulative',
            since,
            count: 'engagements',
            filter: { engagementTypes: [...jointWork], entityKinds: ['region', 'government'] },
          },
        },
        30,
      ),
      indicator(
        'ind-newly-international',
        '県内市町、関係団体等が新たに国際展開に取り組んだ件数（累計）',
        'Municipalities and bodies newly going international (cumulative)',
        {
          unit: '件',
          kind: 'activity',
          basicProgramme: '33101',
          measure: {
            aggregate: 'cumulative',
            since,
            count: 'distinct-entities',
            filter: {
              engagementTypes: [...jointWork],
              entityKinds: ['municipality', 'organization'],
              countries: ['JP'],
              participantRole: ['participant'],
              firstTimeOnly: true,
            },
          },
        },
        3,
      ),
      indicator(
        'ind-companies-supported',
        '海外事業展開に取り組む企業数（県が支援または関与した県内中小企業等）（累計）',
        'Local SMEs expanding abroad with the prefecture’s support (cumulative)',
        {
          unit: '社',
          kind: 'activity',
          basicProgramme: '33102',
          measure: {
            aggregate: 'cumulative',
            since,
            count: 'distinct-entities',
            filter: { entityKinds: ['company'], countries: ['JP'] },
          },
        },
        15,
      ),
    ],
  };
}
