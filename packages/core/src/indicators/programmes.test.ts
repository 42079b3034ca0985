import { describe, expect, it } from 'vitest';
import { isMusubiError } from '../errors.js';
import { createNetwork, type Network } from '../network/network.js';
import { addProgramme, programmes, removeProgramme, updateProgramme } from './records.js';
import { budgetByFiscalYear, programmeCosts } from './report.js';

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
});
