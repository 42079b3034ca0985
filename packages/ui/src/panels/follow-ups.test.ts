import { createNetwork } from '@musubi/core';
import { describe, expect, it } from 'vitest';
import { followUpsToDo, isOverdue } from './follow-ups.js';

function meeting() {
  const network = createNetwork({ author: 'test', now: () => new Date('2026-11-01T00:00:00Z') });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie' }, country: 'JP' });
  network.recordEngagement({
    id: 'meeting',
    type: 'business-meeting',
    title: { ja: '商談会', en: 'Business meeting' },
    date: '2026-10-15',
    participants: [{ entity: 'mie', role: 'host' }],
    followUps: [
      { id: 'later', text: 'Send the samples', due: '2026-12-20' },
      { id: 'undated', text: 'Keep in touch' },
      { id: 'late', text: 'Check the results', due: '2026-11-30' },
      { id: 'done', text: 'Send thanks', due: '2026-10-20', done: true },
      { id: 'month', text: 'Report by month end', due: '2026-11' },
    ],
  });
  return network.engagements({ entity: 'mie' });
}

describe('follow-ups to do', () => {
  it('keeps an overdue follow-up that is not done, marked overdue, the earliest due first', () => {
    const list = followUpsToDo(meeting(), '2026-12-01');
    expect(list.map((f) => [f.followUp.id, f.overdue])).toEqual([
      ['month', true],
      ['late', true],
      ['later', false],
      ['undated', false],
    ]);
  });

  it('calls a due month or year overdue only once it has wholly passed', () => {
    const due = (d: string) => ({ id: 'f', text: 'x', due: d, done: false });
    expect(isOverdue(due('2026-11'), '2026-11-30')).toBe(false);
    expect(isOverdue(due('2026-11'), '2026-12-01')).toBe(true);
    expect(isOverdue(due('2026'), '2026-12-31')).toBe(false);
    expect(isOverdue(due('2026'), '2027-01-01')).toBe(true);
    expect(isOverdue(due('2026-11-30'), '2026-11-30')).toBe(false);
    expect(isOverdue({ ...due('2020-01-01'), done: true }, '2026-11-30')).toBe(false);
    expect(isOverdue({ id: 'f', text: 'x', done: false }, '2026-11-30')).toBe(false);
  });

  it('lists nothing once every follow-up is done', () => {
    expect(followUpsToDo(meeting(), '2030-01-01').some((f) => f.followUp.id === 'done')).toBe(false);
  });
});
