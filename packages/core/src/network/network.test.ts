import { describe, expect, it } from 'vitest';
import { isMusubiError, type MusubiError } from '../errors.js';
import type { NetworkState } from '../projection/state.js';
import { createNetwork, type Network } from './network.js';

/** The error a call throws (fails the test when it does not throw a MusubiError). */
function refusal(f: () => unknown): MusubiError {
  try {
    f();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

function prefecture(): Network {
  const network = createNetwork({ author: 'suzuki' });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'sao-paulo',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo State' },
    country: 'BR',
  });
  network.addEntity({
    id: 'th-embassy',
    kind: 'mission',
    name: { ja: '駐日タイ王国大使館', en: 'Royal Thai Embassy' },
    country: 'TH',
  });
  network.addEntity({ id: 'amb-a', kind: 'person', name: { en: 'Ambassador A' }, tags: ['illustrative'] });
  return network;
}

describe('addEntity', () => {
  it('stores the entity with defaults and returns it', () => {
    const network = prefecture();
    const boi = network.addEntity({
      kind: 'government',
      name: { ja: 'タイ投資委員会', en: 'Thailand BOI' },
      country: 'TH',
    });
    expect(boi.id).toMatch(/^ent_/);
    expect(boi).toEqual({
      id: boi.id,
      kind: 'government',
      name: { ja: 'タイ投資委員会', en: 'Thailand BOI' },
      country: 'TH',
      aliases: [],
      tags: [],
    });
    expect(network.entity(boi.id)).toBe(boi);
  });

  it('keeps a given id and records the change with its author and operation', () => {
    const network = createNetwork({ author: 'tanaka', now: () => new Date('2019-04-01T09:00:00Z') });
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    const [change] = network.log();
    expect(change).toMatchObject({
      seq: 1,
      author: 'tanaka',
      operation: 'addEntity',
      recordedAt: '2019-04-01T09:00:00.000Z',
    });
    expect(change?.effects).toEqual([
      { type: 'create', collection: 'entity', record: network.entity('mie') },
    ]);
  });

  it('records later changes under a new author, and refuses a blank or multi-line one', () => {
    const network = createNetwork({ author: 'tanaka' });
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    network.setAuthor(' suzuki ');
    network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    expect(network.log().map((c) => c.author)).toEqual(['tanaka', 'suzuki']);
    for (const bad of ['', '   ', 'a\nb', 'x'.repeat(101)]) {
      expect(() => network.setAuthor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
    expect(network.author).toBe('suzuki');
  });

  it('returns frozen records that cannot be changed behind the log', () => {
    const network = prefecture();
    const mie = network.entity('mie');
    expect(Object.isFrozen(mie)).toBe(true);
    expect(Object.isFrozen(mie?.name)).toBe(true);
    expect(Object.isFrozen(mie?.tags)).toBe(true);
    expect(Object.isFrozen(network.log()[0])).toBe(true);
  });

  it('refuses a second entity with the same id (CONFLICT)', () => {
    const network = prefecture();
    const error = refusal(() => network.addEntity({ id: 'mie', kind: 'region', name: { en: 'Other' } }));
    expect(error.code).toBe('CONFLICT');
    expect(error.path).toEqual(['id']);
  });
});

describe('updateEntity', () => {
  it('changes the given fields, clears fields set to null and leaves the rest', () => {
    const network = prefecture();
    network.updateEntity('sao-paulo', {
      notes: 'sister since 1973',
      coordinates: { lat: -23.5, lng: -46.6 },
    });
    const after = network.updateEntity('sao-paulo', { coordinates: null, tags: ['sister'] });
    expect(after.coordinates).toBeUndefined();
    expect(after.notes).toBe('sister since 1973');
    expect(after.tags).toEqual(['sister']);
    expect(after.name).toEqual({ ja: 'サンパウロ州', en: 'São Paulo State' });
    expect(network.log().at(-1)?.effects[0]).toMatchObject({ type: 'update', collection: 'entity' });
  });

  it('refuses an unknown id (NOT_FOUND) and a patch that breaks the record (VALIDATION)', () => {
    const network = prefecture();
    expect(refusal(() => network.updateEntity('nowhere', { notes: 'x' })).code).toBe('NOT_FOUND');
    const error = refusal(() => network.updateEntity('mie', { since: '2000', until: '1999' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.path).toEqual(['until']);
  });

  it('refuses to turn a person who holds a role into something else', () => {
    const network = prefecture();
    network.addLink({
      kind: 'role',
      source: 'amb-a',
      target: 'th-embassy',
      events: [{ type: 'signed', date: '2019-04' }],
    });
    const error = refusal(() => network.updateEntity('amb-a', { kind: 'organization' }));
    expect(error.code).toBe('REFERENCE');
    expect(error.path).toEqual(['kind']);
  });
});

describe('removeEntity', () => {
  function withTies(): Network {
    const network = prefecture();
    network.addLink({
      id: 'sister',
      kind: 'sister',
      source: 'mie',
      target: 'sao-paulo',
      events: [{ type: 'signed', date: '1973-11-07' }],
    });
    network.recordEngagement({
      id: 'visit',
      type: 'courtesy-visit',
      title: { en: 'Courtesy visit' },
      date: '2019-06-01',
      participants: [
        { entity: 'sao-paulo', role: 'visitor' },
        { entity: 'mie', role: 'host' },
      ],
    });
    network.recordEngagement({
      id: 'solo',
      type: 'seminar',
      title: { en: 'Seminar' },
      date: '2019-07-01',
      participants: [{ entity: 'sao-paulo' }],
    });
    return network;
  }

  it('removes an entity nothing refers to', () => {
    const network = prefecture();
    expect(network.removeEntity('amb-a').id).toBe('amb-a');
    expect(network.entity('amb-a')).toBeUndefined();
  });

  it('refuses with REFERENCE naming the links and engagements that still refer to it', () => {
    const network = withTies();
    const before = network.log().length;
    const error = refusal(() => network.removeEntity('sao-paulo'));
    expect(error.code).toBe('REFERENCE');
    expect(error.message).toContain('link sister');
    expect(error.message).toContain('engagement visit');
    expect(error.message).toContain('engagement solo');
    expect(error.details.referencedBy).toEqual(
      expect.arrayContaining([
        { collection: 'link', id: 'sister' },
        { collection: 'engagement', id: 'visit' },
        { collection: 'engagement', id: 'solo' },
      ]),
    );
    expect(network.entity('sao-paulo')).toBeDefined();
    expect(network.log()).toHaveLength(before);
  });

  it('with cascade, removes its links and its place in engagements in one change', () => {
    const network = withTies();
    network.removeEntity('sao-paulo', { cascade: true });
    expect(network.entity('sao-paulo')).toBeUndefined();
    expect(network.link('sister')).toBeUndefined();
    expect(network.engagement('visit')?.participants).toEqual([{ entity: 'mie', role: 'host' }]);
    expect(network.engagement('solo')).toBeUndefined();
    expect(network.log().at(-1)?.operation).toBe('removeEntity');
    network.undo();
    expect(network.link('sister')).toBeDefined();
    expect(network.engagement('solo')).toBeDefined();
    expect(network.engagement('visit')?.participants).toHaveLength(2);
  });

  it('refuses an unknown id', () => {
    expect(refusal(() => prefecture().removeEntity('nowhere')).code).toBe('NOT_FOUND');
  });
});

describe('links', () => {
  it('adds a link with its dated events, generating event ids', () => {
    const network = prefecture();
    const link = network.addLink({
      kind: 'sister',
      source: 'mie',
      target: 'sao-paulo',
      title: { ja: '姉妹提携', en: 'Sister affiliation' },
      events: [{ type: 'signed', date: '1973-11-07' }],
    });
    expect(link.id).toMatch(/^lnk_/);
    expect(link.events[0]?.id).toMatch(/^evt_/);
    expect(network.graph.hasEdge(link.id)).toBe(true);
    expect(network.graph.source(link.id)).toBe('mie');
  });

  it('adds and removes events, and refuses an event id twice or a missing one', () => {
    const network = prefecture();
    network.addLink({
      id: 'mou',
      kind: 'mou',
      source: 'mie',
      target: 'th-embassy',
      events: [{ id: 'e1', type: 'signed', date: '2013-11' }],
    });
    const revised = network.addLinkEvent('mou', {
      id: 'e2',
      type: 'revised',
      date: '2018-07',
      note: 'food processing',
    });
    expect(revised.events.map((e) => e.type)).toEqual(['signed', 'revised']);
    expect(refusal(() => network.addLinkEvent('mou', { id: 'e2', type: 'renewed', date: '2019' })).code).toBe(
      'CONFLICT',
    );
    expect(network.removeLinkEvent('mou', 'e2').events).toHaveLength(1);
    expect(refusal(() => network.removeLinkEvent('mou', 'e2')).code).toBe('NOT_FOUND');
    expect(refusal(() => network.addLinkEvent('nowhere', { type: 'revised', date: '2019' })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('updates title, tags and notes, but never the ends', () => {
    const network = prefecture();
    network.addLink({ id: 's', kind: 'sister', source: 'mie', target: 'sao-paulo' });
    expect(network.updateLink('s', { notes: 'CLAIR 1001', tags: ['public'] })).toMatchObject({
      notes: 'CLAIR 1001',
      tags: ['public'],
    });
    expect(network.updateLink('s', { notes: null }).notes).toBeUndefined();
    const error = refusal(() => network.updateLink('s', { target: 'th-embassy' } as never));
    expect(error.code).toBe('VALIDATION');
  });

  it('removes a link with its history', () => {
    const network = prefecture();
    network.addLink({ id: 's', kind: 'sister', source: 'mie', target: 'sao-paulo' });
    expect(network.removeLink('s').id).toBe('s');
    expect(network.links()).toEqual([]);
    expect(refusal(() => network.removeLink('s')).code).toBe('NOT_FOUND');
  });
});

describe('engagements', () => {
  it('records, updates and removes an engagement', () => {
    const network = prefecture();
    const visit = network.recordEngagement({
      type: 'courtesy-visit',
      title: { ja: '大使表敬訪問', en: "Ambassador's courtesy visit" },
      date: '2019-06-10',
      participants: [
        { entity: 'amb-a', role: 'visitor' },
        { entity: 'mie', role: 'host' },
      ],
      followUps: [{ text: 'Send thanks', due: '2019-06-20' }],
    });
    expect(visit.id).toMatch(/^eng_/);
    expect(visit.followUps[0]).toMatchObject({ text: 'Send thanks', done: false });
    expect(visit.followUps[0]?.id).toMatch(/^fup_/);
    const updated = network.updateEngagement(visit.id, { endDate: '2019-06-11', notes: 'went well' });
    expect(updated).toMatchObject({ endDate: '2019-06-11', notes: 'went well', date: '2019-06-10' });
    expect(network.updateEngagement(visit.id, { endDate: null }).endDate).toBeUndefined();
    expect(network.removeEngagement(visit.id).id).toBe(visit.id);
    expect(network.engagement(visit.id)).toBeUndefined();
    expect(refusal(() => network.removeEngagement(visit.id)).code).toBe('NOT_FOUND');
  });

  it('refuses a participant that does not exist, naming where', () => {
    const network = prefecture();
    const error = refusal(() =>
      network.recordEngagement({
        type: 'seminar',
        title: { en: 'S' },
        date: '2019',
        participants: [{ entity: 'mie' }, { entity: 'ghost' }],
      }),
    );
    expect(error.code).toBe('REFERENCE');
    expect(error.path).toEqual(['participants', 1, 'entity']);
  });
});

describe('putRecord and removeRecord', () => {
  it('refuse entities, links and engagements, which have their own methods', () => {
    const network = prefecture();
    for (const collection of ['entity', 'link', 'engagement'] as const) {
      expect(
        refusal(() => network.putRecord(collection, { id: 'mie', kind: 'self', name: { en: 'x' } })).code,
      ).toBe('VALIDATION');
    }
    expect(refusal(() => network.removeRecord('entity', 'mie')).code).toBe('VALIDATION');
    network.addLink({ id: 's', kind: 'sister', source: 'mie', target: 'sao-paulo' });
    expect(refusal(() => network.removeRecord('link', 's')).code).toBe('VALIDATION');
    expect(network.entity('mie')).toBeDefined();
    expect(network.link('s')).toBeDefined();
  });
});

describe('a network that takes a log or a snapshot in', () => {
  /** The timeline the state keeps for `id`, or undefined when it would be made now (and is not). */
  const kept = (network: Network, id: string) => {
    const state = (network as unknown as { state: NetworkState }).state;
    const notKept = new Error('not kept');
    try {
      return state.answerAbout(id, 'timeline', () => {
        throw notKept;
      });
    } catch (error) {
      if (error === notKept) return undefined;
      throw error;
    }
  };

  it('makes and keeps the timelines of its busiest entities, which then take writes in', () => {
    const network = prefecture();
    // 4,096 engagements make São Paulo busy; the embassy takes part in 2,048 of them
    for (let i = 0; i < 4096; i++) {
      network.recordEngagement({
        type: 'business-meeting',
        title: { en: `Meeting ${i}` },
        date: `20${String(10 + (i % 10))}-0${1 + (i % 9)}-15`,
        participants: [{ entity: 'sao-paulo' }, ...(i % 2 === 0 ? [{ entity: 'th-embassy' }] : [])],
      });
    }
    const timeline = network.timeline('sao-paulo');
    for (const opened of [
      createNetwork({ log: network.log() }),
      createNetwork({ snapshot: network.snapshot() }),
    ]) {
      expect(kept(opened, 'sao-paulo')).toEqual(timeline);
      expect(kept(opened, 'th-embassy')).toBeUndefined();
      const visit = opened.recordEngagement({
        type: 'courtesy-visit',
        title: { en: 'A visit' },
        date: '2015-05-15',
        participants: [{ entity: 'sao-paulo' }],
      });
      // (as made again from the records)
      expect(opened.timeline('sao-paulo')).toEqual(
        createNetwork({ snapshot: opened.snapshot() }).timeline('sao-paulo'),
      );
      expect(
        opened
          .timeline('sao-paulo')
          .filter((item) => item.kind === 'engagement' && item.engagement === visit),
      ).toHaveLength(1);
    }
  });

  it('still opens when a busiest entity’s timeline cannot be made: the timeline says why when asked', () => {
    const network = prefecture();
    for (let i = 0; i < 4096; i++) {
      network.recordEngagement({
        type: 'business-meeting',
        title: { en: `Meeting ${i}` },
        date: '2019-02-01',
        participants: [{ entity: 'sao-paulo' }],
      });
    }
    // a log written by another tool: an impossible date the replay takes in, the sort by date refuses
    const log = structuredClone(network.log());
    const change = log[10] as unknown as { effects: { record: { date: string } }[] };
    (change.effects[0] as { record: { date: string } }).record.date = '2019-02-30';
    const opened = createNetwork({ log });
    expect(opened.counts().engagements).toBe(4096);
    expect(kept(opened, 'sao-paulo')).toBeUndefined();
    expect(() => opened.timeline('sao-paulo')).toThrow('2019-02-30');
  });
});
