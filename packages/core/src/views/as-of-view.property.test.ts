import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { type Collection, collections } from '../changes/change.js';
import { replaceCollectionForTests } from '../changes/references.js';
import { isMusubiError } from '../errors.js';
import { dayNumber, ValidTimeIndex, validTimeIndex } from '../indexes/valid-time-index.js';
import { IdSchema } from '../model/ids.js';
import { engagementTypes, entityKinds, linkEventTypes, linkKinds } from '../model/kinds.js';
import type { Entity, Link } from '../model/records.js';
import { dayOf } from '../model/valid-time.js';
import { createNetwork, type Network } from '../network/network.js';
import type { NetworkState } from '../projection/state.js';
import { comparePartialDates, earliestDay, latestDay } from '../time/partial-date.js';
import { projectAsOf } from './as-of.js';
import { NetworkView, type TimelineItem } from './view.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20101930), numRuns: 150 };

// records beside the graph that refer to entities, links, engagements and to each other (in this
// file only: each test file has its own registry)
const optionalId = z.optional(IdSchema);
replaceCollectionForTests('programme', {
  schema: z.strictObject({ id: IdSchema, partner: optionalId }),
  idPrefix: 'prg',
  what: 'programme',
  references: (r) => {
    const { partner } = r as { partner?: string };
    return partner === undefined ? [] : [{ collection: 'entity', id: partner, path: ['partner'] }];
  },
});
replaceCollectionForTests('indicator', {
  schema: z.strictObject({ id: IdSchema, programme: optionalId, link: optionalId }),
  idPrefix: 'ind',
  what: 'indicator',
  references: (r) => {
    const { programme, link } = r as { programme?: string; link?: string };
    return [
      ...(programme === undefined
        ? []
        : [{ collection: 'programme' as const, id: programme, path: ['programme'] }]),
      ...(link === undefined ? [] : [{ collection: 'link' as const, id: link, path: ['link'] }]),
    ];
  },
});
replaceCollectionForTests('figure', {
  schema: z.strictObject({ id: IdSchema, indicator: optionalId, engagement: optionalId, entity: optionalId }),
  idPrefix: 'fig',
  what: 'figure',
  references: (r) => {
    const { indicator, engagement, entity } = r as {
      indicator?: string;
      engagement?: string;
      entity?: string;
    };
    return [
      ...(indicator === undefined
        ? []
        : [{ collection: 'indicator' as const, id: indicator, path: ['indicator'] }]),
      ...(engagement === undefined
        ? []
        : [{ collection: 'engagement' as const, id: engagement, path: ['engagement'] }]),
      ...(entity === undefined ? [] : [{ collection: 'entity' as const, id: entity, path: ['entity'] }]),
    ];
  },
});

// ── random networks ────────────────────────────────────────────────────────────────────────────

/** A partial date between 1950 and 2030, known to the year, month or day. */
const partialDate = fc
  .tuple(
    // a few years often, so that `2010`, `2010-01` and `2010-01-01` (the same first day) meet
    fc.oneof(fc.integer({ min: 1950, max: 2030 }), fc.constantFrom(1990, 2010)),
    fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(1)),
    fc.oneof(fc.integer({ min: 0, max: 31 }), fc.constant(1)),
  )
  .map(([y, m, d]) => {
    if (m === 0) return String(y);
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (d === 0) return month;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${month}-${String(Math.min(d, last)).padStart(2, '0')}`;
  });

/** The days asked: partial dates (their last day) and Dates (their UTC day). */
const asked = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: partialDate },
    {
      weight: 1,
      arbitrary: fc.date({ min: new Date('1945-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
    },
  ),
  { minLength: 1, maxLength: 4 },
);

/** Entity ids: some look like array indices, which objects (and so graphology) list first. */
const entityIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', '7', '10', '2', '0'];
const names = ['三重県', 'São Paulo', 'Embassy', 'Ｍｉｅ', 'mie council', 'BOI'];
const pick = fc.nat({ max: 40 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Mostly undefined (`fc.option` gives its nil one time in `freq`). */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const addEntity = fc.record({
  op: fc.constant('addEntity' as const),
  id: fc.nat({ max: entityIds.length - 1 }),
  // persons often, so that role links can start at one
  kind: fc.oneof(fc.constant('person' as const), fc.constantFrom(...entityKinds)),
  name: fc.nat({ max: names.length - 1 }),
  since: maybe(partialDate),
  until: rarely(partialDate),
});

const event = fc.record({ type: fc.constantFrom(...linkEventTypes), date: partialDate });

const operation = fc.oneof(
  { weight: 3, arbitrary: addEntity },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('updateEntity' as const),
      at: pick,
      since: fc.option(partialDate, { nil: null }),
      until: rarely(fc.option(partialDate, { nil: null })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('removeEntity' as const), at: pick, cascade: fc.boolean() }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      op: fc.constant('addLink' as const),
      kind: fc.oneof(
        { weight: 1, arbitrary: fc.constant('role' as const) },
        { weight: 3, arbitrary: fc.constantFrom(...linkKinds) },
      ),
      from: pick,
      to: pick,
      // any events: none, only an end, renewed after ended, several starts…
      events: fc.array(event, { maxLength: 4 }),
      sorted: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('addLinkEvent' as const), at: pick, event }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeLink' as const), at: pick }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('recordEngagement' as const),
      type: fc.constantFrom(...engagementTypes),
      date: partialDate,
      with: fc.array(pick, { minLength: 1, maxLength: 4 }),
      programme: maybe(pick),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('updateEngagement' as const),
      at: pick,
      date: maybe(partialDate),
      with: maybe(fc.array(pick, { minLength: 1, maxLength: 3 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEngagement' as const), at: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('programme' as const), partner: maybe(pick) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('indicator' as const),
      programme: maybe(pick),
      link: maybe(pick),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('figure' as const),
      indicator: maybe(pick),
      engagement: rarely(pick),
      entity: maybe(pick),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('redo' as const) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const operations = fc
  .tuple(
    fc.array(addEntity, { minLength: 3, maxLength: 10, size: 'max' }),
    fc.array(operation, { minLength: 10, maxLength: 80, size: 'max' }),
  )
  .map(([first, then]) => [...first, ...then]);

function at<T extends { id: string }>(list: readonly T[], i: number): string {
  return list.length === 0 ? 'ghost' : (list[i % list.length] as T).id;
}

/** A record of the list if it has any, else none. */
function maybeAt<T extends { id: string }>(list: readonly T[], i: number | undefined): string | undefined {
  return i === undefined || list.length === 0 ? undefined : (list[i % list.length] as T).id;
}

/** Runs one operation; many are refused (a role link from a company, an event before signing…). */
function run(n: Network, o: Operation): void {
  const entities = n.entities();
  const entity = (i: number) => at(entities, i);
  switch (o.op) {
    case 'addEntity':
      n.addEntity({
        id: entityIds[o.id] as string,
        kind: o.kind,
        name: { en: names[o.name] as string },
        ...(o.since === undefined ? {} : { since: o.since }),
        ...(o.until === undefined ? {} : { until: o.until }),
      });
      return;
    case 'updateEntity':
      n.updateEntity(entity(o.at), { since: o.since, until: o.until });
      return;
    case 'removeEntity':
      n.removeEntity(entity(o.at), { cascade: o.cascade });
      return;
    case 'addLink': {
      // one signed event at most; mostly in date order, so that few are refused for an event
      // before the signing
      let signed = false;
      const events = o.events.map((e) => {
        const type = e.type === 'signed' && signed ? ('renewed' as const) : e.type;
        signed ||= type === 'signed';
        return { type, date: e.date };
      });
      if (o.sorted) events.sort((a, b) => comparePartialDates(a.date, b.date));
      // the target is another entity than the source whenever there are two
      const target = entity(o.from + 1 + (o.to % Math.max(1, entities.length - 1)));
      n.addLink({ kind: o.kind, source: entity(o.from), target, events });
      return;
    }
    case 'addLinkEvent':
      n.addLinkEvent(at(n.links(), o.at), o.event);
      return;
    case 'removeLink':
      n.removeLink(at(n.links(), o.at));
      return;
    case 'recordEngagement': {
      const programme = maybeAt(n.records('programme'), o.programme);
      n.recordEngagement({
        type: o.type,
        title: { ja: '記録' },
        date: o.date,
        participants: [...new Set(o.with.map(entity))].map((id) => ({ entity: id })),
        ...(programme === undefined ? {} : { programme }),
      });
      return;
    }
    case 'updateEngagement':
      n.updateEngagement(at(n.engagements(), o.at), {
        ...(o.date === undefined ? {} : { date: o.date }),
        ...(o.with === undefined
          ? {}
          : { participants: [...new Set(o.with.map(entity))].map((id) => ({ entity: id })) }),
      });
      return;
    case 'removeEngagement':
      n.removeEngagement(at(n.engagements(), o.at));
      return;
    case 'programme':
      n.putRecord('programme', o.partner === undefined ? {} : { partner: entity(o.partner) });
      return;
    case 'indicator': {
      const programme = maybeAt(n.records('programme'), o.programme);
      const link = maybeAt(n.links(), o.link);
      n.putRecord('indicator', {
        ...(programme === undefined ? {} : { programme }),
        ...(link === undefined ? {} : { link }),
      });
      return;
    }
    case 'figure': {
      const indicator = maybeAt(n.records('indicator'), o.indicator);
      const engagement = maybeAt(n.engagements(), o.engagement);
      n.putRecord('figure', {
        ...(indicator === undefined ? {} : { indicator }),
        ...(engagement === undefined ? {} : { engagement }),
        ...(o.entity === undefined ? {} : { entity: entity(o.entity) }),
      });
      return;
    }
    case 'undo':
      n.undo();
      return;
    case 'redo':
      n.redo();
      return;
  }
}

function build(ops: readonly Operation[]): Network {
  const n = createNetwork({ author: 'property' });
  for (const o of ops) {
    try {
      run(n, o);
    } catch (error) {
      if (!isMusubiError(error)) throw error;
    }
  }
  return n;
}

/**
 * Days where answers change: the first and last day of every date in the network, and the days
 * just before and after them (as `YYYY-MM-DD`).
 */
function edgeDays(n: Network): string[] {
  const dates = new Set<string>();
  for (const e of n.entities()) for (const d of [e.since, e.until]) if (d !== undefined) dates.add(d);
  for (const l of n.links()) for (const e of l.events) dates.add(e.date);
  for (const e of n.engagements()) dates.add(e.date);
  const days = new Set<string>();
  const shift = (day: string, by: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  for (const d of dates) {
    const first = earliestDay(d);
    const last = latestDay(d);
    for (const day of [first, last, shift(first, -1), shift(last, 1)]) days.add(day);
  }
  return [...days];
}

function stateOf(view: NetworkView): NetworkState {
  return (view as unknown as { state: NetworkState }).state;
}

/** What `asOf(date)` must answer: a view of the projection. */
function oracle(state: NetworkState, date: string | Date): NetworkView {
  return new NetworkView(projectAsOf(state, dayOf(date)));
}

// ── every public read, on the lazy view and on the projection ──────────────────────────────────

/** `probes`: days to use in filters as well (bounds of `from`, `to`, `activeOn`). */
function expectSameAnswers(
  view: NetworkView,
  expected: NetworkView,
  live: NetworkView,
  probes: string[] = [],
): void {
  const ids = (c: Collection) => [...live.records(c).map((r) => r.id), 'ghost'];
  expect(view.counts()).toEqual(expected.counts());
  expect(view.entities()).toEqual(expected.entities());
  expect(view.entities({ kind: ['person', 'region'] })).toEqual(
    expected.entities({ kind: ['person', 'region'] }),
  );
  expect(view.links()).toEqual(expected.links());
  for (const filter of [
    { activeOn: '2000-06' },
    { kind: ['role', 'mou'] as const },
    { source: 'a', target: '7' },
  ]) {
    expect(view.links(filter)).toEqual(expected.links(filter));
  }
  expect(view.engagements()).toEqual(expected.engagements());
  for (const day of probes) {
    for (const filter of [{ from: day }, { to: day }, { from: day, to: day }, { entity: 'a', from: day }]) {
      expect(view.engagements(filter)).toEqual(expected.engagements(filter));
    }
    expect(view.links({ activeOn: day })).toEqual(expected.links({ activeOn: day }));
  }
  for (const filter of [
    { from: '1990', to: '2010-06' },
    { to: '1975-05-05' },
    { from: '2001-02-03' },
    { type: ['seminar', 'event'] as const },
  ]) {
    expect(view.engagements(filter)).toEqual(expected.engagements(filter));
  }
  for (const c of collections) {
    expect(view.records(c)).toEqual(expected.records(c));
    for (const id of ids(c)) expect(view.record(c, id)).toEqual(expected.record(c, id));
  }
  for (const id of ids('programme')) {
    expect(view.engagements({ programme: id })).toEqual(expected.engagements({ programme: id }));
  }
  for (const id of ids('entity')) {
    expect(view.entity(id)).toEqual(expected.entity(id));
    expect(view.links({ entity: id })).toEqual(expected.links({ entity: id }));
    expect(view.links({ entity: id, kind: 'role' })).toEqual(expected.links({ entity: id, kind: 'role' }));
    expect(view.engagements({ entity: id })).toEqual(expected.engagements({ entity: id }));
    expect(view.engagements({ entity: id, to: '2000' })).toEqual(
      expected.engagements({ entity: id, to: '2000' }),
    );
    expect(view.neighbors(id)).toEqual(expected.neighbors(id));
    expect(view.neighbors(id, { direction: 'in' })).toEqual(expected.neighbors(id, { direction: 'in' }));
    const out = { direction: 'out', linkKind: ['role', 'partner'], entityKind: 'person' } as const;
    expect(view.neighbors(id, out)).toEqual(expected.neighbors(id, out));
    expect(view.timeline(id)).toEqual(expected.timeline(id));
    expect(view.roles(id)).toEqual(expected.roles(id));
  }
  for (const id of ids('link')) expect(view.link(id)).toEqual(expected.link(id));
  for (const id of ids('engagement')) expect(view.engagement(id)).toEqual(expected.engagement(id));
  for (const text of ['mie', 'São', 'ｅｍｂａｓｓｙ', 'council', '7', 'x']) {
    expect(view.search(text)).toEqual(expected.search(text));
    expect(view.search(text, { limit: 1, kind: 'person' })).toEqual(
      expected.search(text, { limit: 1, kind: 'person' }),
    );
  }
}

/** An entity's timeline from its links and engagements, sorted by `comparePartialDates` (stable). */
function timelineByHand(n: Network, id: string): TimelineItem[] {
  const entity = n.entity(id) as Entity;
  const items: TimelineItem[] = [];
  if (entity.since !== undefined) items.push({ kind: 'entity', date: entity.since, event: 'since', entity });
  if (entity.until !== undefined) items.push({ kind: 'entity', date: entity.until, event: 'until', entity });
  for (const link of linksMadeAt(n, id)) {
    const other = link.source === id ? link.target : link.source;
    for (const event of link.events) items.push({ kind: 'link-event', date: event.date, link, event, other });
  }
  for (const engagement of n.engagements({ entity: id }))
    items.push({ kind: 'engagement', date: engagement.date, engagement });
  return items.sort((a, b) => comparePartialDates(a.date, b.date));
}

/**
 * An entity's links in the order they were made: the graph lists all its edges in the order they
 * were added (an update keeps an edge's place), whatever the ends.
 */
function linksMadeAt(n: Network, id: string): Link[] {
  return n.graph.mapEdges((_, link: Link) => link).filter((link) => link.source === id || link.target === id);
}

/** The entities at the other end of an entity's links, each once, at its first link in the order they were made. */
function neighborsByHand(n: Network, id: string, direction: 'in' | 'out' | 'both'): Entity[] {
  const seen = new Set<string>();
  const out: Entity[] = [];
  for (const link of linksMadeAt(n, id)) {
    if (direction === 'in' ? link.target !== id : direction === 'out' ? link.source !== id : false) continue;
    const other = link.source === id ? link.target : link.source;
    if (seen.has(other)) continue;
    seen.add(other);
    out.push(n.entity(other) as Entity);
  }
  return out;
}

describe('the lazy asOf view (property tests)', () => {
  it('answers every read as a view of projectAsOf does', () => {
    fc.assert(
      fc.property(
        operations,
        asked,
        fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
        (ops, days, picks) => {
          const n = build(ops);
          const edges = edgeDays(n);
          const onEdges = edges.length === 0 ? [] : picks.map((i) => edges[i % edges.length] as string);
          for (const date of [...days, ...onEdges])
            expectSameAnswers(n.asOf(date), oracle(stateOf(n), date), n, onEdges);
        },
      ),
      runs,
    );
  });

  it('holds the same records as projectAsOf on every day where something starts or ends', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const n = build(ops);
        for (const day of edgeDays(n)) {
          const view = n.asOf(day);
          const expected = oracle(stateOf(n), day);
          expect(view.counts()).toEqual(expected.counts());
          expect(view.entities()).toEqual(expected.entities());
          expect(view.links()).toEqual(expected.links());
          expect(view.engagements()).toEqual(expected.engagements());
          for (const c of ['programme', 'indicator', 'figure'] as const)
            expect(view.records(c)).toEqual(expected.records(c));
        }
      }),
      runs,
    );
  });

  it('returns the same frozen records on every read, and the live ones when nothing is cut; frozen timeline items', () => {
    fc.assert(
      fc.property(operations, partialDate, (ops, date) => {
        const n = build(ops);
        const view = n.asOf(date);
        for (const link of view.links()) {
          expect(view.link(link.id)).toBe(link);
          expect(Object.isFrozen(link) && Object.isFrozen(link.events)).toBe(true);
          if (link.events.length === n.link(link.id)?.events.length) expect(link).toBe(n.link(link.id));
        }
        for (const engagement of view.engagements()) {
          expect(view.engagement(engagement.id)).toBe(engagement);
          expect(Object.isFrozen(engagement) && Object.isFrozen(engagement.participants)).toBe(true);
          const live = n.engagement(engagement.id);
          if (engagement.participants.length === live?.participants.length) expect(engagement).toBe(live);
        }
        // a timeline's items are frozen, as the network's own are (the views' docs say so)
        for (const entity of view.entities())
          for (const item of view.timeline(entity.id)) expect(Object.isFrozen(item)).toBe(true);
      }),
      runs,
    );
  });

  it('stays exact when its index takes in every write, one by one', () => {
    fc.assert(
      fc.property(operations, fc.array(partialDate, { minLength: 1, maxLength: 3 }), (ops, days) => {
        const n = createNetwork({ author: 'property' });
        const views = days.map((day) => n.asOf(day));
        for (const o of ops) {
          try {
            run(n, o);
          } catch (error) {
            if (!isMusubiError(error)) throw error;
          }
          views.forEach((view, i) => {
            const expected = oracle(stateOf(n), days[i] as string);
            expect(view.counts()).toEqual(expected.counts());
            expect(view.links()).toEqual(expected.links());
            expect(view.engagements()).toEqual(expected.engagements());
            // lookups by id, whose places are handed on from build to build
            for (const link of n.links()) expect(view.link(link.id)).toEqual(expected.link(link.id));
            for (const e of n.engagements()) expect(view.engagement(e.id)).toEqual(expected.engagement(e.id));
            for (const e of n.entities()) {
              expect(view.timeline(e.id)).toEqual(expected.timeline(e.id));
              expect(view.engagements({ entity: e.id })).toEqual(expected.engagements({ entity: e.id }));
            }
          });
        }
      }),
      { ...runs, numRuns: 80 },
    );
  });

  it('answers every read as a fresh projection does, after any writes interleaved with reads', () => {
    // steps: a write, a transaction of several writes (refused ones left out), or reads of a day
    const step = fc.oneof(
      { weight: 4, arbitrary: operation.map((o) => ({ write: [o] })) },
      {
        weight: 1,
        arbitrary: fc.array(operation, { minLength: 2, maxLength: 8 }).map((ops) => ({ write: ops })),
      },
      { weight: 2, arbitrary: partialDate.map((day) => ({ read: day })) },
    );
    fc.assert(
      fc.property(operations, fc.array(step, { minLength: 4, maxLength: 30 }), (ops, steps) => {
        const n = build(ops);
        const index = validTimeIndex(stateOf(n));
        for (const s of steps) {
          if ('read' in s) {
            expectSameAnswers(n.asOf(s.read), oracle(stateOf(n), s.read), n);
            // the live network's answers kept per entity (timelines) follow the writes too
            for (const e of n.entities()) {
              expect(n.timeline(e.id)).toEqual(timelineByHand(n, e.id));
              for (const direction of ['in', 'out', 'both'] as const)
                expect(n.neighbors(e.id, { direction })).toEqual(neighborsByHand(n, e.id, direction));
            }
            continue;
          }
          const refused = (error: unknown) => {
            if (!isMusubiError(error)) throw error;
          };
          if (s.write.length === 1) {
            try {
              run(n, s.write[0] as Operation);
            } catch (error) {
              refused(error);
            }
          } else {
            n.transaction(() => {
              for (const o of s.write) {
                try {
                  run(n, o);
                } catch (error) {
                  refused(error);
                }
              }
            });
          }
        }
        expectSameAnswers(n.asOf('2000-06-30'), oracle(stateOf(n), '2000-06-30'), n);
        // the index was kept up to date, not built again
        expect(validTimeIndex(stateOf(n))).toBe(index);
      }),
      { ...runs, numRuns: 60 },
    );
  });

  it('follows writes made after it was taken', () => {
    fc.assert(
      fc.property(
        operations,
        fc.array(operation, { minLength: 1, maxLength: 6 }),
        partialDate,
        (ops, more, date) => {
          const n = build(ops);
          const view = n.asOf(date);
          view.counts();
          view.graph;
          for (const o of more) {
            try {
              run(n, o);
            } catch (error) {
              if (!isMusubiError(error)) throw error;
            }
            expect(view.counts()).toEqual(oracle(stateOf(n), date).counts());
          }
          expectSameAnswers(view, oracle(stateOf(n), date), n);
          expect(view.graph.order).toBe(view.counts().entities);
        },
      ),
      { ...runs, numRuns: 60 },
    );
  });

  it('gives the projection of the projection for an asOf of an asOf view, and the projection as its graph', () => {
    fc.assert(
      fc.property(operations, partialDate, partialDate, (ops, first, second) => {
        const n = build(ops);
        const view = n.asOf(first);
        const expected = new NetworkView(projectAsOf(projectAsOf(stateOf(n), dayOf(first)), dayOf(second)));
        expectSameAnswers(view.asOf(second), expected, n);
        const projection = oracle(stateOf(n), first).graph;
        expect(view.graph.nodes()).toEqual(projection.nodes());
        expect(view.graph.edges()).toEqual(projection.edges());
        expect(view.graph.mapEdges((_, link) => link)).toEqual(projection.mapEdges((_, link) => link));
      }),
      { ...runs, numRuns: 60 },
    );
  });
});

describe('the lazy asOf view', () => {
  it('hands a day past year 9999 to the projection', () => {
    const n = createNetwork();
    n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, since: '1871' });
    const far = new Date('+010000-01-01T00:00:00Z');
    expect(n.asOf(far).counts()).toEqual(oracle(stateOf(n), far).counts());
  });

  it('leaves out an engagement whose programme is left out', () => {
    const n = createNetwork();
    n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, since: '1871' });
    n.addEntity({ id: 'sp', kind: 'region', name: { en: 'São Paulo' }, since: '1973' });
    const programme = n.putRecord('programme', { partner: 'sp' });
    n.recordEngagement({
      id: 'visit',
      type: 'courtesy-visit',
      title: { en: 'Visit' },
      date: '1960',
      participants: [{ entity: 'mie' }],
      programme: programme.id,
    });
    expect(n.asOf('1970').engagements()).toEqual([]);
    expect(n.asOf('1970').counts()).toEqual({ entities: 1, links: 0, engagements: 0 });
    expect(n.asOf('1974').engagement('visit')).toBe(n.engagement('visit'));
  });
});

describe('the valid-time index', () => {
  it('keeps each entity’s engagements in date order through writes, undos and redos, as a build from scratch lists them', () => {
    const last = dayNumber('9999-12-31');
    /** Each entity's engagements as the index lists them (ids, in its order), and whether that is date order. */
    const listed = (index: ValidTimeIndex, ids: readonly string[]) =>
      ids.map((id) => {
        const at = index.entityAt.get(id);
        const slots = at === undefined ? [] : index.engagementsAt(at, last);
        const inOrder = slots.every(
          (slot, k) => k === 0 || index.compareDates(slots[k - 1] as number, slot) < 0,
        );
        return { id, inOrder, engagements: slots.map((slot) => index.engagementRecords[slot]?.id) };
      });
    fc.assert(
      fc.property(operations, (ops) => {
        const n = createNetwork({ author: 'property' });
        n.asOf('2000').counts();
        for (const o of ops) {
          try {
            run(n, o);
          } catch (error) {
            if (!isMusubiError(error)) throw error;
          }
          const ids = n.entities().map((e) => e.id);
          // the index kept since the first asOf, which took in each write
          const kept = validTimeIndex(stateOf(n));
          const fresh = new ValidTimeIndex(stateOf(n));
          const keptLists = listed(kept, ids);
          for (const list of keptLists) expect(list.inOrder).toBe(true);
          // the same engagements; the same order but among those of one date key (a build from
          // scratch numbers the engagements otherwise: ties are in the order of that numbering)
          const byDate = (lists: ReturnType<typeof listed>) =>
            lists.map((l) => ({
              id: l.id,
              engagements: l.engagements.map((e) => {
                const record = n.engagement(e as string);
                return `${record?.date}`;
              }),
              set: [...l.engagements].sort(),
            }));
          expect(byDate(keptLists)).toEqual(byDate(listed(fresh, ids)));
        }
      }),
      { ...runs, numRuns: 80 },
    );
  });

  it('takes in a transaction of many writes as a build from scratch would', () => {
    const n = createNetwork({ author: 'index' });
    for (const id of ['a', 'b', 'c', 'd'])
      n.addEntity({ id, kind: 'organization', name: { en: id }, ...(id === 'a' ? { since: '1990' } : {}) });
    const day = (i: number) => `${1980 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}`;
    const ids: string[] = [];
    for (let i = 0; i < 100; i++)
      ids.push(
        n.recordEngagement({
          type: 'seminar',
          title: { en: `s${i}` },
          date: day(i * 7),
          participants: [{ entity: ['a', 'b', 'c', 'd'][i % 4] as string }],
        }).id,
      );
    const index = validTimeIndex(stateOf(n));
    expect(n.asOf('2000').counts()).toEqual(oracle(stateOf(n), '2000').counts());
    n.transaction(() => {
      for (let i = 0; i < 80; i++) n.updateEngagement(ids[i] as string, { date: day(i * 13 + 5) });
      for (let i = 80; i < 100; i++) n.removeEngagement(ids[i] as string);
      for (let i = 0; i < 90; i++)
        n.recordEngagement({
          type: 'event',
          title: { en: `e${i}` },
          date: day(i * 11 + 3),
          participants: [{ entity: 'b' }, { entity: 'c' }],
        });
      n.updateEntity('b', { since: '2001' });
    });
    for (const date of ['1985', '2000-06', '2001', '2010-12-31', '2030'])
      expectSameAnswers(n.asOf(date), oracle(stateOf(n), date), n, ['1999', '2005-05']);
    expect(validTimeIndex(stateOf(n))).toBe(index);
  });
});
