import { indicators, report } from '@musubi/core/indicators';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { countedRecords, shownParticipants } from './counted.js';

const mie = buildMieNetwork();
const years = [2015, 2016, 2017, 2018, 2019];

function size(id: string, fy: number): number {
  const counted = countedRecords(mie, id, fy);
  if (!counted) throw new Error(`no indicator ${id}`);
  return counted.count === 'engagements' ? counted.engagements.length : counted.entities.length;
}

describe('what an actual is made of', () => {
  it('lists exactly as many records as the report counts, for every indicator and year', () => {
    const sheet = report(mie, { fiscalYears: years });
    for (const row of sheet.indicators) {
      for (const y of row.years)
        expect(size(row.id, y.fiscalYear), `${row.id} ${y.fiscalYear}`).toBe(y.actual);
    }
  });

  it('names the 15 companies supported in FY2016 and the 35 by FY2017, each with an engagement that counts', () => {
    const counted = countedRecords(mie, 'ind-companies-supported', 2017);
    if (counted?.count !== 'distinct-entities') throw new Error('entities expected');
    expect(counted.entities).toHaveLength(35);
    expect(size('ind-companies-supported', 2016)).toBe(15);
    for (const { entity, engagements } of counted.entities) {
      expect(entity.kind).toBe('company');
      expect(engagements.length).toBeGreaterThan(0);
      expect(engagements.every((e) => e.participants.some((p) => p.entity === entity.id))).toBe(true);
    }
    // a company last seen in FY2013 is not among them
    expect(counted.entities.map((c) => c.entity.id)).not.toContain('company-04');
  });

  it('lists engagements for a count of engagements, and who took part besides the prefecture', () => {
    const counted = countedRecords(mie, 'ind-joint-initiatives', 2016);
    if (counted?.count !== 'engagements') throw new Error('engagements expected');
    expect(counted.engagements.length).toBe(5);
    const first = counted.engagements[0];
    if (!first) throw new Error('no engagement');
    const shown = shownParticipants(mie, first);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((e) => e.kind === 'self')).toBe(false);
  });

  it('follows a new engagement, and knows nothing of an unknown indicator', () => {
    const network = buildMieNetwork();
    network.recordEngagement({
      type: 'business-meeting',
      title: { en: 'Meeting' },
      date: '2019-06-01',
      participants: [{ entity: 'company-04', role: 'participant' }],
    });
    const counted = countedRecords(network, 'ind-companies-supported', 2019);
    if (counted?.count !== 'distinct-entities') throw new Error('entities expected');
    expect(counted.entities.map((c) => c.entity.id)).toContain('company-04');
    expect(countedRecords(network, 'nope', 2019)).toBeUndefined();
    expect(indicators(network)).toHaveLength(3);
  });
});
