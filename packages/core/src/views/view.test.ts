import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { replaceCollectionForTests } from '../changes/references.js';
import { isMusubiError } from '../errors.js';
import { IdSchema } from '../model/ids.js';
import { createNetwork, type Network } from '../network/network.js';
import { prefectureAndPartners } from './fixtures/partners.js';

/** A small network: the prefecture, two partners, an embassy with two successive ambassadors. */
function network(): Network {
  const n = prefectureAndPartners();
  n.addEntity({ id: 'emb', kind: 'mission', name: { en: 'Royal Thai Embassy' }, country: 'TH' });
  n.addEntity({ id: 'amb-a', kind: 'person', name: { en: 'Ambassador A' }, tags: ['illustrative'] });
  n.addEntity({ id: 'amb-b', kind: 'person', name: { en: 'Ambassador B' }, tags: ['illustrative'] });
  n.addLink({ id: 'represents', kind: 'represents', source: 'emb', target: 'boi' });
  n.addLink({
    id: 'role-a',
    kind: 'role',
    source: 'amb-a',
    target: 'emb',
    title: { ja: '特命全権大使', en: 'Ambassador' },
    events: [
      { type: 'signed', date: '2016-10' },
      { type: 'ended', date: '2019-03' },
    ],
  });
  n.addLink({
    id: 'role-b',
    kind: 'role',
    source: 'amb-b',
    target: 'emb',
    title: { ja: '特命全権大使', en: 'Ambassador' },
    events: [{ type: 'signed', date: '2019-04' }],
  });
  n.recordEngagement({
    id: 'visit-b',
    type: 'courtesy-visit',
    title: { en: 'Courtesy visit' },
    date: '2019-06-10',
    participants: [
      { entity: 'amb-b', role: 'visitor' },
      { entity: 'mie', role: 'host' },
    ],
    tags: ['illustrative'],
  });
  n.recordEngagement({
    id: 'seminar',
    type: 'seminar',
    title: { en: 'Investment seminar' },
    date: '2018-07',
    participants: [{ entity: 'boi' }, { entity: 'mie' }],
  });
  return n;
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

describe('entities', () => {
  it('lists all in insertion order, or those of a kind, country, group or tag', () => {
    const n = network();
    expect(ids(n.entities())).toEqual(['mie', 'sp', 'boi', 'emb', 'amb-a', 'amb-b']);
    expect(ids(n.entities({ kind: 'person' }))).toEqual(['amb-a', 'amb-b']);
    expect(ids(n.entities({ kind: ['self', 'region'] }))).toEqual(['mie', 'sp']);
    expect(ids(n.entities({ country: 'TH' }))).toEqual(['boi', 'emb']);
    expect(ids(n.entities({ country: ['BR', 'JP'] }))).toEqual(['mie', 'sp']);
    expect(ids(n.entities({ group: 'asean' }))).toEqual(['boi', 'emb']);
    expect(ids(n.entities({ group: 'g7' }))).toEqual(['mie']);
    expect(ids(n.entities({ tag: 'illustrative' }))).toEqual(['amb-a', 'amb-b']);
    expect(ids(n.entities({ kind: 'mission', country: 'BR' }))).toEqual([]);
    expect(n.entity('nowhere')).toBeUndefined();
  });
});

describe('links', () => {
  it('filters by kind, end, source, target and tag', () => {
    const n = network();
    expect(ids(n.links())).toEqual(['sister', 'mou', 'represents', 'role-a', 'role-b']);
    expect(ids(n.links({ kind: 'role' }))).toEqual(['role-a', 'role-b']);
    expect(ids(n.links({ kind: ['sister', 'mou'] }))).toEqual(['sister', 'mou']);
    expect(ids(n.links({ entity: 'boi' })).sort()).toEqual(['mou', 'represents']);
    expect(ids(n.links({ source: 'mie' }))).toEqual(['sister', 'mou']);
    expect(ids(n.links({ target: 'emb' }))).toEqual(['role-a', 'role-b']);
    expect(ids(n.links({ tag: 'industry' }))).toEqual(['mou']);
    expect(n.links({ entity: 'nowhere' })).toEqual([]);
    expect(n.link('mou')?.events).toHaveLength(2);
  });

  it('filters links active on a date; a partial date means its last day; undated links always count', () => {
    const n = network();
    expect(ids(n.links({ activeOn: '2012-12-31' }))).toEqual(['sister', 'represents']);
    expect(ids(n.links({ activeOn: '2013-10-31' }))).toEqual(['sister', 'represents']);
    expect(ids(n.links({ activeOn: '2013-11' }))).toEqual(['sister', 'mou', 'represents']);
    expect(ids(n.links({ activeOn: '2019-03-31', kind: 'role' }))).toEqual(['role-a']);
    expect(ids(n.links({ activeOn: '2019-04', kind: 'role' }))).toEqual(['role-b']);
  });

  it('refuses a filter date that is not a date', () => {
    const n = network();
    expect(() => n.links({ activeOn: '2019-02-30' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('engagements', () => {
  it('lists by date, filtered by type, entity, period and tag', () => {
    const n = network();
    expect(ids(n.engagements())).toEqual(['seminar', 'visit-b']);
    expect(ids(n.engagements({ type: 'courtesy-visit' }))).toEqual(['visit-b']);
    expect(ids(n.engagements({ type: ['seminar', 'courtesy-visit'] }))).toEqual(['seminar', 'visit-b']);
    expect(ids(n.engagements({ entity: 'boi' }))).toEqual(['seminar']);
    expect(ids(n.engagements({ entity: 'mie' }))).toEqual(['seminar', 'visit-b']);
    expect(ids(n.engagements({ from: '2019' }))).toEqual(['visit-b']);
    expect(ids(n.engagements({ to: '2018' }))).toEqual(['seminar']);
    expect(ids(n.engagements({ from: '2018-07-15', to: '2019-06' }))).toEqual(['visit-b']);
    expect(ids(n.engagements({ tag: 'illustrative' }))).toEqual(['visit-b']);
    expect(n.engagements({ programme: 'p1' })).toEqual([]);
    expect(n.engagement('seminar')?.type).toBe('seminar');
    expect(ids(n.records('engagement'))).toEqual(['visit-b', 'seminar']);
    expect(n.record('engagement', 'seminar')).toBe(n.engagement('seminar'));
  });
});

describe('engagements of a programme', () => {
  replaceCollectionForTests('programme', {
    schema: z.strictObject({ id: IdSchema, name: z.string() }),
    idPrefix: 'prg',
    what: 'programme',
  });

  it('lists the engagements that belong to a programme, and keeps the programme while they do', () => {
    const n = network();
    n.putRecord('programme', { id: 'p-33101', name: '国際ネットワーク強化推進事業' });
    n.updateEngagement('visit-b', { programme: 'p-33101' });
    expect(ids(n.engagements({ programme: 'p-33101' }))).toEqual(['visit-b']);
    expect(ids(n.engagements({ programme: 'p-33101', entity: 'boi' }))).toEqual([]);
    expect(() => n.removeRecord('programme', 'p-33101')).toThrow(
      expect.objectContaining({ code: 'REFERENCE' }),
    );
    n.updateEngagement('visit-b', { programme: null });
    expect(n.engagements({ programme: 'p-33101' })).toEqual([]);
    n.removeRecord('programme', 'p-33101');
    expect(n.records('programme')).toEqual([]);
  });
});

describe('neighbors', () => {
  it('returns each linked entity once, in either or one direction, filtered by kinds', () => {
    const n = network();
    n.addLink({ kind: 'partner', source: 'boi', target: 'mie' });
    expect(ids(n.neighbors('mie')).sort()).toEqual(['boi', 'sp']);
    expect(ids(n.neighbors('mie', { direction: 'out' }))).toEqual(['sp', 'boi']);
    expect(ids(n.neighbors('boi', { direction: 'out' }))).toEqual(['mie']);
    expect(ids(n.neighbors('boi', { direction: 'in' })).sort()).toEqual(['emb', 'mie']);
    expect(ids(n.neighbors('emb', { linkKind: 'role' }))).toEqual(['amb-a', 'amb-b']);
    expect(ids(n.neighbors('emb', { entityKind: 'government' }))).toEqual(['boi']);
    expect(ids(n.neighbors('mie', { linkKind: ['sister'] }))).toEqual(['sp']);
    expect(n.neighbors('nowhere')).toEqual([]);
  });
});

describe("the order of an entity's links", () => {
  it("is the order they were made, in and out together: an update keeps a link's place, one made again goes last", () => {
    const n = network();
    n.addEntity({ id: 'osaka', kind: 'municipality', name: { ja: '大阪市', en: 'Osaka' } });
    n.addLink({ id: 'l1', kind: 'partner', source: 'mie', target: 'boi' });
    n.addLink({ id: 'l2', kind: 'partner', source: 'osaka', target: 'mie' });
    n.addLink({
      id: 'l3',
      kind: 'partner',
      source: 'boi',
      target: 'mie',
      events: [{ type: 'signed', date: '2018-07' }],
    });
    const before = ids(n.links({ entity: 'mie' }));
    expect(before.slice(-3)).toEqual(['l1', 'l2', 'l3']);
    // neighbours each once, at their first link; in and out as asked
    expect(ids(n.neighbors('mie')).slice(-2)).toEqual(['boi', 'osaka']);
    expect(ids(n.neighbors('mie', { direction: 'in' }))).toEqual(['osaka', 'boi']);
    // an update keeps the place
    n.updateLink('l1', { tags: ['illustrative'] });
    expect(ids(n.links({ entity: 'mie' }))).toEqual(before);
    // removed and made again: last, and the neighbour it alone made first comes after the others
    n.removeLink('l2');
    n.addLink({ id: 'l2', kind: 'partner', source: 'osaka', target: 'mie' });
    expect(ids(n.links({ entity: 'mie' })).slice(-3)).toEqual(['l1', 'l3', 'l2']);
    expect(ids(n.neighbors('mie')).slice(-2)).toEqual(['boi', 'osaka']);
    // the same order on a day (the asOf view's index) and in the timeline's ties
    expect(ids(n.asOf('2030-01-01').links({ entity: 'mie' }))).toEqual(ids(n.links({ entity: 'mie' })));
    expect(ids(n.asOf('2030-01-01').neighbors('mie'))).toEqual(ids(n.neighbors('mie')));
    expect(n.asOf('2030-01-01').timeline('mie')).toEqual(n.timeline('mie'));
  });
});

describe('timeline', () => {
  it('puts every dated event that touches an entity in date order', () => {
    const n = network();
    const items = n.timeline('mie').map((item) => {
      if (item.kind === 'link-event') return `${item.date} ${item.link.id} ${item.event.type} ${item.other}`;
      if (item.kind === 'engagement') return `${item.date} ${item.engagement.id}`;
      return `${item.date} ${item.event}`;
    });
    expect(items).toEqual([
      '1871 since',
      '1973-11-07 sister signed sp',
      '2013-11 mou signed boi',
      '2018-07 mou revised boi',
      '2018-07 seminar',
      '2019-06-10 visit-b',
    ]);
  });

  it("shows a person's roles and visits, and is empty for an unknown id", () => {
    const n = network();
    expect(n.timeline('amb-b').map((i) => i.kind)).toEqual(['link-event', 'engagement']);
    expect(n.timeline('nowhere')).toEqual([]);
  });
});

describe('roles', () => {
  it('gives the line of ambassadors of an embassy, the old one keeping their period', () => {
    const n = network();
    const line = n.roles('emb');
    expect(line.map((r) => [r.person, r.from, r.to])).toEqual([
      ['amb-a', '2016-10-01', '2019-03-31'],
      ['amb-b', '2019-04-01', undefined],
    ]);
    expect(line[0]?.title).toEqual({ ja: '特命全権大使', en: 'Ambassador' });
    expect(n.roles('amb-a').map((r) => r.entity)).toEqual(['emb']);
    expect(n.roles('mie')).toEqual([]);
    expect(n.roles('nowhere')).toEqual([]);
  });

  it('on a date, shows who held the post then', () => {
    const n = network();
    expect(
      n
        .asOf('2018-01-01')
        .roles('emb')
        .map((r) => r.person),
    ).toEqual(['amb-a']);
    expect(
      n
        .asOf('2019-03-31')
        .roles('emb')
        .map((r) => r.person),
    ).toEqual(['amb-a']);
    expect(
      n
        .asOf('2019-04-01')
        .roles('emb')
        .map((r) => r.person),
    ).toEqual(['amb-b']);
    expect(n.asOf('2016-09-30').roles('emb')).toEqual([]);
  });

  it('a new ambassador does not erase the old one', () => {
    const n = network();
    n.addEntity({ id: 'amb-c', kind: 'person', name: { en: 'Ambassador C' } });
    n.addLinkEvent('role-b', { type: 'ended', date: '2022-03' });
    n.addLink({
      kind: 'role',
      source: 'amb-c',
      target: 'emb',
      events: [{ type: 'signed', date: '2022-04' }],
    });
    expect(n.roles('emb').map((r) => r.person)).toEqual(['amb-a', 'amb-b', 'amb-c']);
    expect(
      n
        .asOf('2020')
        .roles('emb')
        .map((r) => r.person),
    ).toEqual(['amb-b']);
  });
});

describe('counts, records and graph', () => {
  it('counts what the view holds', () => {
    expect(network().counts()).toEqual({ entities: 6, links: 5, engagements: 2 });
    expect(createNetwork().counts()).toEqual({ entities: 0, links: 0, engagements: 0 });
  });

  it('lists entities and links as records', () => {
    const n = network();
    expect(n.records('entity')).toEqual(n.entities());
    expect(n.records('link')).toEqual(n.links());
    expect(n.record('entity', 'mie')).toBe(n.entity('mie'));
    expect(n.records('programme')).toEqual([]);
  });

  it('exposes a graphology multigraph that readers can use but not change', () => {
    const n = network();
    const g = n.graph;
    expect(g.order).toBe(6);
    expect(g.size).toBe(5);
    expect(g.type).toBe('directed');
    expect(g.multi).toBe(true);
    expect(g.getNodeAttribute('mie', 'kind')).toBe('self');
    expect(g.outNeighbors('mie').sort()).toEqual(['boi', 'sp']);
    for (const mutate of [
      () => g.addNode('x'),
      () => g.dropNode('mie'),
      () => g.addDirectedEdge('mie', 'sp'),
      () => g.dropEdge('sister'),
      () => g.setNodeAttribute('mie', 'kind', 'region'),
      () => g.mergeEdgeAttributes('mou', { kind: 'sister' }),
      () => g.clear(),
    ]) {
      let code: string | undefined;
      try {
        mutate();
      } catch (error) {
        code = isMusubiError(error) ? error.code : 'other';
      }
      expect(code).toBe('READ_ONLY');
    }
    expect(n.counts()).toEqual({ entities: 6, links: 5, engagements: 2 });
    const copy = g.copy();
    copy.dropNode('amb-a');
    expect(copy.order).toBe(5);
    expect(n.graph.order).toBe(6);
  });

  it('keeps records frozen, so reading code cannot change them', () => {
    const n = network();
    const mou = n.link('mou');
    if (!mou) throw new Error('the fixture has a mou');
    expect(Object.isFrozen(mou)).toBe(true);
    expect(Object.isFrozen(mou.events)).toBe(true);
    expect(() => {
      (mou.events as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(n.engagement('seminar')?.participants[0])).toBe(true);
  });
});
