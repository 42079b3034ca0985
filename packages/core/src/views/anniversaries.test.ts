import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upcomingAnniversaries } from './anniversaries.js';
import { prefectureAndPartners } from './fixtures/partners.js';

/** The prefecture and its partners, and a friendship that ended in 2000. */
function network() {
  const n = prefectureAndPartners();
  n.addEntity({ id: 'old', kind: 'region', name: { en: 'Old' }, country: 'US' });
  n.addLink({
    id: 'ended',
    kind: 'friendship',
    source: 'mie',
    target: 'old',
    events: [
      { type: 'signed', date: '1983' },
      { type: 'ended', date: '2000' },
    ],
  });
  return n;
}

describe('upcoming anniversaries', () => {
  it('finds the 50th of a sister affiliation and the 10th of an MOU in the next twelve months', () => {
    const found = upcomingAnniversaries(network(), { from: '2023-04-01' });
    expect(found.map((a) => [a.link.id, a.date, a.years, a.major])).toEqual([
      ['mou', '2023-11', 10, true],
      ['sister', '2023-11-07', 50, true],
    ]);
  });

  it('leaves out years that are not a multiple of five and ties that have ended', () => {
    expect(upcomingAnniversaries(network(), { from: '2025-01-01' })).toEqual([]);
    // 2033: the 60th and the 20th, but not the 50th of the friendship that ended in 2000
    expect(upcomingAnniversaries(network(), { from: '2033-01-01' }).map((a) => a.link.id)).toEqual([
      'mou',
      'sister',
    ]);
  });

  it('names the other end of the tie when asked for one entity', () => {
    const found = upcomingAnniversaries(network(), { from: '2018-01-01', entity: 'boi' });
    expect(found.map((a) => [a.other, a.years, a.major])).toEqual([['mie', 5, false]]);
  });

  it('only returns anniversaries inside the window, every one a positive multiple of five years', () => {
    const n = network();
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const from = `${year}-${String(month).padStart(2, '0')}-01`;
        for (const a of upcomingAnniversaries(n, { from })) {
          expect(a.years % 5).toBe(0);
          expect(a.years).toBeGreaterThan(0);
          expect(a.date.slice(0, 4) >= from.slice(0, 4)).toBe(true);
        }
      }),
    );
  });
});
