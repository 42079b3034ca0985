/**
 * The policy sheet's programmes (主な事業) with their FY2018 and FY2019 budgets, and its three
 * indicators with their targets, as printed in the prefecture's FY2019 policy sheet (施策331).
 */
import type { Network } from '@musubi/core';
import { addIndicator, addProgramme } from '@musubi/core/indicators';

const SEED = 'Source: Mie Prefecture FY2019 policy sheet (施策331, 平成31年度).';
const exchange = { code: '33101', name: { ja: '国際交流の推進', en: 'Promoting international exchange' } };
const expansion = {
  code: '33102',
  name: { ja: '海外事業展開の推進', en: 'Promoting business expansion abroad' },
};

/** Engagement types that are joint work with partners (not a mere courtesy call). */
const jointWork = [
  'mission-sent',
  'mission-received',
  'seminar',
  'business-meeting',
  'exhibition',
  'training',
  'event',
  'signing',
] as const;

/** Adds the four programmes and the three indicators of the sheet. */
export function addPolicy(network: Network): void {
  addProgramme(network, {
    id: 'prg-network',
    name: { ja: '国際ネットワーク強化推進事業', en: 'International network strengthening programme' },
    basicProgramme: exchange,
    budgets: { '2018': 3753, '2019': 2970 },
    notes: SEED,
  });
  addProgramme(network, {
    id: 'prg-intl-week',
    name: { ja: '国際ウィーク等推進事業', en: 'International Week and related programme' },
    basicProgramme: exchange,
    budgets: { '2018': 5523, '2019': 13474 },
    notes: SEED,
  });
  addProgramme(network, {
    id: 'prg-sme',
    name: { ja: '県内中小企業国際展開促進事業', en: 'Programme for local SMEs going international' },
    basicProgramme: expansion,
    budgets: { '2018': 5644, '2019': 5076 },
    notes: SEED,
  });
  addProgramme(network, {
    id: 'prg-thai-hr',
    name: {
      ja: '三重・タイ産業人材育成協力事業',
      en: 'Mie–Thailand industrial human resources cooperation programme',
    },
    basicProgramme: expansion,
    budgets: { '2019': 9000 },
    tags: ['new'],
    notes: `New in FY2019 ((新) in the sheet). ${SEED}`,
  });

  addIndicator(network, {
    id: 'ind-joint-initiatives',
    name: {
      ja: '海外の政府・自治体等との連携取組件数（累計）',
      en: 'Joint initiatives with overseas governments (cumulative)',
    },
    unit: '件',
    kind: 'outcome',
    measure: {
      aggregate: 'cumulative',
      since: 2016,
      count: 'engagements',
      filter: { engagementTypes: [...jointWork], entityKinds: ['region', 'government'] },
    },
    baseline: { fiscalYear: 2015 },
    targets: { '2016': 30, '2017': 60, '2018': 90, '2019': 120 },
    notes: `Targets: ${SEED} The sheet prints no actuals for this indicator; what Musubi computes here comes from the illustrative engagements of the example, not from real records.`,
  });
  addIndicator(network, {
    id: 'ind-newly-international',
    name: {
      ja: '県内市町、関係団体等が新たに国際展開に取り組んだ件数（累計）',
      en: 'Municipalities and bodies newly going international (cumulative)',
    },
    unit: '件',
    kind: 'activity',
    basicProgramme: '33101',
    measure: {
      aggregate: 'cumulative',
      since: 2016,
      count: 'distinct-entities',
      filter: {
        engagementTypes: [...jointWork],
        entityKinds: ['municipality', 'organization'],
        countries: ['JP'],
        participantRole: ['participant'],
        firstTimeOnly: true,
      },
    },
    baseline: { fiscalYear: 2015 },
    targets: { '2016': 3, '2017': 6, '2018': 9, '2019': 12 },
    notes: `Targets and FY2016–FY2017 actuals (3, 6): ${SEED}`,
  });
  addIndicator(network, {
    id: 'ind-companies-supported',
    name: {
      ja: '海外事業展開に取り組む企業数（県が支援または関与した県内中小企業等）（累計）',
      en: 'Local SMEs expanding abroad with the prefecture’s support (cumulative)',
    },
    unit: '社',
    kind: 'activity',
    basicProgramme: '33102',
    measure: {
      aggregate: 'cumulative',
      since: 2016,
      count: 'distinct-entities',
      filter: { entityKinds: ['company'], countries: ['JP'] },
    },
    baseline: { fiscalYear: 2015 },
    targets: { '2016': 15, '2017': 30, '2018': 47, '2019': 64 },
    notes: `Targets and FY2016–FY2017 actuals (15, 35): ${SEED}`,
  });
}
