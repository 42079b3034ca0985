import { describe, expect, it } from 'vitest';
import type { Change } from '../changes/change.js';
import type { Engagement, Link } from '../model/records.js';
import { createNetwork, type Network } from '../network/network.js';

/** A clock that moves one hour per change from 2019-04-01. */
function hourlyClock(): () => Date {
  let hour = 0;
  return () => new Date(Date.UTC(2019, 3, 1, hour++));
}

/** A small network with two engagements of the same participants and a link updated later. */
function written(): Network {
  const network = createNetwork({ author: 'international-affairs', now: hourlyClock() });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  network.addEntity({ id: 'th-embassy', kind: 'mission', name: { en: 'Royal Thai Embassy' }, country: 'TH' });
  network.addLink({
    id: 'represents',
    kind: 'represents',
    source: 'th-embassy',
    target: 'mie',
    events: [{ id: 'ev1', type: 'signed', date: '2015-04' }],
  });
  for (const [id, date] of [
    ['visit-1', '2019-05-10'],
    ['visit-2', '2020-06-11'],
  ] as const) {
    network.recordEngagement({
      id,
      type: 'courtesy-visit',
      title: { ja: '大使表敬', en: 'Courtesy visit by the ambassador' },
      date,
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'th-embassy', role: 'participant' },
      ],
    });
  }
  network.addLinkEvent('represents', { id: 'ev2', type: 'revised', date: '2018-07' });
  network.removeEngagement('visit-1');
  return network;
}

/** The log as a store hands it back: parsed from its JSON text, every object its own copy. */
function reread(network: Network): Change[] {
  return JSON.parse(JSON.stringify(network.log())) as Change[];
}

describe('records a network stores share what they repeat', () => {
  it('a replayed log is the same JSON text, change for change, and so are its records', () => {
    const network = written();
    const replayed = createNetwork({ log: reread(network) });
    expect(JSON.stringify(replayed.log())).toBe(JSON.stringify(network.log()));
    expect(JSON.stringify(replayed.engagements())).toBe(JSON.stringify(network.engagements()));
    expect(JSON.stringify(replayed.links())).toBe(JSON.stringify(network.links()));
  });

  it('participants of the same entity and role are one frozen object, and empty lists one frozen array', () => {
    const network = written();
    network.recordEngagement({
      id: 'visit-3',
      type: 'seminar',
      title: { ja: 'セミナー', en: 'Seminar' },
      date: '2021-07-01',
      participants: [{ entity: 'th-embassy', role: 'participant' }],
    });
    const two = network.engagement('visit-2') as Engagement;
    const three = network.engagement('visit-3') as Engagement;
    expect(three.participants[0]).toBe(two.participants[1]);
    expect(Object.isFrozen(three.participants[0])).toBe(true);
    expect(three.tags).toBe(two.tags);
    expect(three.topics).toBe(two.followUps);
    expect(Object.isFrozen(three.tags)).toBe(true);
  });

  it('a participant written with its keys in another order, or with more of them, is kept as it came', () => {
    const network = written();
    const log = reread(network);
    const created = log.find((c) => c.operation === 'recordEngagement')?.effects[0] as unknown as {
      record: { participants: unknown[] };
    };
    created.record.participants = [
      { role: 'host', entity: 'mie' },
      { entity: 'th-embassy', role: 'participant', note: 'kept' },
    ];
    const text = JSON.stringify(log);
    const replayed = createNetwork({ log });
    expect(JSON.stringify(replayed.log())).toBe(text);
    const stored = replayed.log().find((c) => c.operation === 'recordEngagement')?.effects[0] as unknown as {
      record: Engagement;
    };
    expect(stored.record.participants.map((p) => Object.keys(p))).toEqual([
      ['role', 'entity'],
      ['entity', 'role', 'note'],
    ]);
  });

  it("an update's before and a removal's record read from a log are the record the network stored", () => {
    const replayed = createNetwork({ log: reread(written()) });
    const log = replayed.log();
    const linkCreated = log[2]?.effects[0] as unknown as { record: Link };
    const linkUpdated = log.find((c) => c.operation === 'addLinkEvent')?.effects[0] as unknown as {
      before: Link;
    };
    expect(linkUpdated.before).toBe(linkCreated.record);
    const visitCreated = log[3]?.effects[0] as unknown as { record: Engagement };
    const visitRemoved = log.find((c) => c.operation === 'removeEngagement')?.effects[0] as unknown as {
      record: Engagement;
    };
    expect(visitRemoved.record).toBe(visitCreated.record);
  });

  it('a before whose JSON text differs from the stored record (keys in another order) stays as it came', () => {
    const log = reread(written());
    const update = log.find((c) => c.operation === 'addLinkEvent')?.effects[0] as unknown as { before: Link };
    const { id, ...rest } = update.before;
    (update as { before: unknown }).before = { ...rest, id };
    const text = JSON.stringify(log);
    const replayed = createNetwork({ log });
    expect(JSON.stringify(replayed.log())).toBe(text);
    const linkCreated = replayed.log()[2] as Change;
    const kept = replayed.log().find((c) => c.operation === 'addLinkEvent')?.effects[0] as unknown as {
      before: Link;
    };
    expect(kept.before).not.toBe((linkCreated.effects[0] as unknown as { record: Link }).record);
    expect(Object.keys(kept.before).at(-1)).toBe('id');
  });
});
