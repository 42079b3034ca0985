import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { createNetwork, type Network } from '../network/network.js';
import { dayIn } from '../time/days.arbitrary.js';
import { fiscalYearOf } from '../time/fiscal-year.js';
import { addProgramme, programmes, removeProgramme, updateProgramme } from './records.js';
import { budgetByFiscalYear, ILLUSTRATIVE_TAG, programmeCosts, report } from './report.js';

const exchange = { code: '33101', name: { ja: '国際交流の推進', en: 'Promoting international exchange' } };

function withProgramme(): Network {
  const n = createNetwork({ author: 'test' });
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, country: 'JP' });
  addProgramme(n, {
    id: 'network',
    name: { ja: '国際ネットワーク強化推進事業' },
    basicProgramme: exchange,
    budgets: { '2018': 3753, '2019': 2970 },
  });
  return n;
}

function visit(n: Network, date: string) {
  n.recordEngagement({
    type: 'courtesy-visit',
    title: { en: 'visit' },
    date,
    participants: [{ entity: 'mie' }],
    programme: 'network',
  });
}

describe('programmes', () => {
  it('gives the budget by fiscal year, absent where there was none', () => {
    const n = withProgramme();
    expect(budgetByFiscalYear(n, [2017, 2018, 2019])[0]?.budgets).toEqual([
      { fiscalYear: 2017 },
      { fiscalYear: 2018, amount: 3753 },
      { fiscalYear: 2019, amount: 2970 },
    ]);
  });

  it('counts engagements and the cost per engagement of a fiscal year', () => {
    const n = withProgramme();
    visit(n, '2018-05-01');
    visit(n, '2019-03-31');
    visit(n, '2019-04-01');
    expect(programmeCosts(n, 2018)).toEqual([
      {
        programme: 'network',
        name: { ja: '国際ネットワーク強化推進事業' },
        budget: 3753,
        engagements: 2,
        costPerEngagement: 1876.5,
      },
    ]);
    expect(programmeCosts(n, 2017)[0]).toEqual({
      programme: 'network',
      name: { ja: '国際ネットワーク強化推進事業' },
      engagements: 0,
    });
  });

  it('updates a programme as a whole and validates the result', () => {
    const n = withProgramme();
    updateProgramme(n, 'network', { budgets: { '2019': 3000 } });
    expect(programmes(n)[0]?.budgets).toEqual({ '2019': 3000 });
    try {
      updateProgramme(n, 'network', { budgets: { '2019': -1 } });
      expect.unreachable();
    } catch (error) {
      expect(isMusubiError(error) && error.code).toBe('VALIDATION');
      expect(isMusubiError(error) && error.path).toEqual(['budgets', '2019']);
    }
    expect(() => updateProgramme(n, 'nowhere', {})).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses a malformed basic programme code, saying where', () => {
    const n = createNetwork();
    expect(() =>
      addProgramme(n, { name: { en: 'x' }, basicProgramme: { code: '331', name: { en: 'x' } } }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION', path: ['basicProgramme', 'code'] }));
  });

  it('refuses to remove a programme while engagements belong to it', () => {
    const n = withProgramme();
    visit(n, '2018-05-01');
    expect(() => removeProgramme(n, 'network')).toThrow(expect.objectContaining({ code: 'REFERENCE' }));
    expect(programmes(n)).toHaveLength(1);
  });

  it('gives the costs of every fiscal year a report asks for as each year counted alone', () => {
    // the report counts each programme's engagements by fiscal year in one pass: the oracle filters
    // them year by year, as a reader of the definition would
    const date = dayIn(2015, 2021);
    const engagement = fc.record({
      // a year alone has no fiscal year and is counted in none
      date: fc.oneof(date, fc.integer({ min: 2015, max: 2021 }).map(String)),
      programme: fc.constantFrom('network', 'asean', undefined),
      illustrative: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(engagement, { maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: 2014, max: 2022 }), { minLength: 1, maxLength: 5 }),
        (engagements, fiscalYears) => {
          const n = withProgramme();
          addProgramme(n, {
            id: 'asean',
            name: { ja: 'ASEAN', en: 'ASEAN' },
            basicProgramme: exchange,
            budgets: { '2020': 1000 },
          });
          for (const e of engagements) {
            n.recordEngagement({
              type: 'courtesy-visit',
              title: { en: 'visit' },
              date: e.date,
              participants: [{ entity: 'mie' }],
              ...(e.programme === undefined ? {} : { programme: e.programme }),
              ...(e.illustrative ? { tags: [ILLUSTRATIVE_TAG] } : {}),
            });
          }
          const costs = report(n, { fiscalYears }).costs;
          const sorted = [...fiscalYears].sort((a, b) => a - b);
          expect(costs.map((c) => c.fiscalYear)).toEqual(sorted);
          for (const { fiscalYear, programmes: rows } of costs) {
            expect(rows).toEqual(programmeCosts(n, fiscalYear));
            for (const row of rows) {
              const counted = engagements.filter(
                (e) => e.programme === row.programme && fiscalYearOf(e.date) === fiscalYear,
              );
              expect(row.engagements).toBe(counted.length);
              expect(row.illustrative).toBe(counted.filter((e) => e.illustrative).length || undefined);
              const budget = programmes(n).find((p) => p.id === row.programme)?.budgets[String(fiscalYear)];
              expect(row.budget).toBe(budget);
              expect(row.costPerEngagement).toBe(
                budget !== undefined && counted.length > 0
                  ? Math.round((budget / counted.length) * 10) / 10
                  : undefined,
              );
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('marks a report illustrative only while an illustrative engagement is there', () => {
    const n = withProgramme();
    visit(n, '2019-05-01');
    const tagged = n.recordEngagement({
      type: 'courtesy-visit',
      title: { en: 'an example visit' },
      date: '2019-06-01',
      participants: [{ entity: 'mie' }],
      programme: 'network',
      tags: [ILLUSTRATIVE_TAG],
    });
    const first = report(n, { fiscalYears: [2019] });
    expect(first.illustrative).toBe(true);
    expect(first.costs[0]?.programmes[0]).toMatchObject({ engagements: 2, illustrative: 1 });
    // the tag taken off, then the engagement gone: the columns the first report built keep up
    n.updateEngagement(tagged.id, { tags: [] });
    expect(report(n, { fiscalYears: [2019] }).illustrative).toBe(false);
    n.updateEngagement(tagged.id, { tags: [ILLUSTRATIVE_TAG] });
    expect(report(n, { fiscalYears: [2019] }).illustrative).toBe(true);
    n.removeEngagement(tagged.id);
    const last = report(n, { fiscalYears: [2019] });
    expect(last.illustrative).toBe(false);
    expect(last.costs[0]?.programmes[0]).toEqual({
      programme: 'network',
      name: { ja: '国際ネットワーク強化推進事業' },
      budget: 2970,
      engagements: 1,
      costPerEngagement: 2970,
    });
  });
});
