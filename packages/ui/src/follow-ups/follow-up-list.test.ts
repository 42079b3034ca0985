import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { engagementOwners, followUpList, groupOf, markDone } from './follow-up-list.js';

const today = '2026-12-01';

function network() {
  const n = buildSmallNetwork();
  n.setAuthor('tanaka');
  n.recordEngagement({
    id: 'call',
    type: 'courtesy-visit',
    title: { ja: '知事表敬' },
    date: '2026-11-20',
    participants: [
      { entity: 'mie', role: 'host' },
      { entity: 'ambassador-b', role: 'visitor' },
    ],
    followUps: [
      { id: 'late', text: '礼状を送る', due: '2026-11-27' },
      { id: 'soon', text: '資料を送る', due: '2026-12-05' },
      { id: 'next', text: '次回の日程', due: '2027-01' },
      { id: 'open', text: 'いつか' },
      { id: 'old', text: '名刺を整理', due: '2026-11-21', done: true },
    ],
  });
  return n;
}

describe('the follow-up list', () => {
  it('groups every follow-up as overdue, this week, later or done, with its engagement, partner and owner', () => {
    const list = followUpList(network(), today);
    const texts = (group: keyof typeof list) =>
      list[group].map((i) =>
        i.kind === 'follow-up' ? i.followUp.text : `anniversary ${i.anniversary.link.id}`,
      );
    expect(texts('overdue')).toEqual(['礼状を送る']);
    expect(texts('week')).toEqual(['資料を送る']);
    // soonest first, undated last
    expect(texts('later')).toEqual(['次回の日程', 'お礼状を送る / Send a letter of thanks', 'いつか']);
    expect(texts('done')).toEqual(['名刺を整理']);
    const late = list.overdue[0];
    if (late?.kind !== 'follow-up') throw new Error('expected a follow-up');
    expect([late.engagement.id, late.partners, late.owner]).toEqual(['call', ['ambassador-b'], 'tanaka']);
  });

  it('puts the coming anniversaries and renewals in the same list', () => {
    const list = followUpList(network(), '2028-11-01');
    const anniversaries = [...list.week, ...list.later].filter((i) => i.kind === 'anniversary');
    // São Paulo's 55th falls this week; the MOU signed 2013-11 turns 15 in November 2028: up for renewal
    expect(
      anniversaries.map(
        (i) => i.kind === 'anniversary' && [i.anniversary.link.id, i.anniversary.years, i.renewal],
      ),
    ).toEqual([
      ['mie-sao-paulo', 55, false],
      ['mie-boi-mou', 15, true],
    ]);
  });

  it('marks a follow-up done as one change, and it moves to done', () => {
    const n = network();
    const before = n.log().length;
    markDone(n, 'call', 'late');
    expect(n.log().length).toBe(before + 1);
    expect(
      groupOf(
        n.engagement('call')?.followUps.find((f) => f.id === 'late') ?? { id: 'x', text: 'x', done: false },
        today,
      ),
    ).toBe('done');
    expect(followUpList(n, today).overdue).toEqual([]);
    expect(() => markDone(n, 'nothing', 'late')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('knows who recorded each engagement', () => {
    expect(engagementOwners(network().log()).get('call')).toBe('tanaka');
  });
});
