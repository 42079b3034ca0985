import { createNetwork, type Engagement, type ParticipantRole } from '@musubi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementTies, type Tie, tieKey, tiesOf } from './engagement-ties.js';

const network = createNetwork({ author: 'test' });
for (const [id, kind] of [
  ['mie', 'self'],
  ['c1', 'company'],
  ['c2', 'company'],
  ['emb', 'mission'],
  ['amb', 'person'],
] as const)
  network.addEntity({ id, kind, name: { en: id } });
const isSelf = (id: string) => network.entity(id)?.kind === 'self';

function engagement(participants: Engagement['participants'], date = '2019-05-01'): Engagement {
  return network.recordEngagement({ type: 'business-meeting', title: { en: 'm' }, date, participants });
}

describe('engagement ties', () => {
  it('ties the hosts to everyone else who took part', () => {
    const e = engagement([
      { entity: 'mie', role: 'host' },
      { entity: 'amb', role: 'visitor' },
      { entity: 'emb', role: 'visitor' },
    ]);
    expect(engagementTies(e, isSelf)).toEqual([
      ['mie', 'amb'],
      ['mie', 'emb'],
    ]);
  });

  it('takes the organisation itself as the hub when nobody hosted, else the first participant', () => {
    const withSelf = engagement([
      { entity: 'c1', role: 'participant' },
      { entity: 'mie', role: 'participant' },
    ]);
    expect(engagementTies(withSelf, isSelf)).toEqual([['mie', 'c1']]);
    const without = engagement([
      { entity: 'c1', role: 'participant' },
      { entity: 'c2', role: 'participant' },
    ]);
    expect(engagementTies(without, isSelf)).toEqual([['c1', 'c2']]);
    const alone = engagement([{ entity: 'c1', role: 'participant' }]);
    expect(engagementTies(alone, isSelf)).toEqual([]);
  });

  it('makes one tie per pair, counting its engagements', () => {
    const meetings = [1, 2, 3].map(() =>
      engagement([
        { entity: 'mie', role: 'organizer' },
        { entity: 'c1', role: 'participant' },
      ]),
    );
    meetings.push(
      engagement([
        { entity: 'mie', role: 'organizer' },
        { entity: 'c2', role: 'participant' },
      ]),
    );
    const ties = tiesOf(meetings, isSelf);
    expect(ties.size).toBe(2);
    expect(ties.get(tieKey('mie', 'c1'))).toEqual({ source: 'mie', target: 'c1', count: 3 });
    expect(ties.get(tieKey('mie', 'c2'))?.count).toBe(1);
  });
});

describe('the ties of many engagements', () => {
  it('are the pairs of each engagement, each pair once with how many engagements make it', () => {
    const ids = ['mie', 'c1', 'c2', 'emb', 'amb'];
    const participants = fc.uniqueArray(
      fc.record({
        entity: fc.constantFrom(...ids),
        role: fc.constantFrom<ParticipantRole>('host', 'visitor', 'organizer', 'participant'),
      }),
      { selector: (p) => p.entity, maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.array(participants, { maxLength: 12 }), (lists) => {
        const engagements = lists.map((participants) => ({ participants }) as unknown as Engagement);
        const expected = new Map<string, Tie>();
        for (const e of engagements) {
          for (const [hub, other] of engagementTies(e, isSelf)) {
            const tie = expected.get(tieKey(hub, other)) ?? { source: hub, target: other, count: 0 };
            tie.count += 1;
            expected.set(tieKey(hub, other), tie);
          }
        }
        expect(tiesOf(engagements, isSelf)).toEqual(expected);
      }),
    );
  });
});
