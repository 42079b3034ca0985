import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../changes/change.js';
import { isMusubiError } from '../errors.js';
import { dateKey } from '../indexes/valid-time-spans.js';
import type { Entity, Link, LinkEvent } from '../model/records.js';
import { EVENT_ROW } from './links-by-entity.js';
import { NetworkState } from './state.js';

/**
 * What the state keeps of each entity's links (`links-by-entity.ts`) against a model that keeps
 * only the order links were made in: whatever links and entities were created, updated and
 * removed (and the lists trimmed between), an entity's links, their other ends, their events with
 * the keys of their dates, its neighbours in each direction and the slots given back and taken
 * again stay what the records say.
 */

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261203), numRuns: 300 };

const ENTITIES = ['a', 'b', 'c', 'd', 'e'];
const DATES = ['2018-07', '2018-07-12', '2019', '2001-02-03', '2018-07-12', 'not a date'];

const events = fc.array(
  fc.record({ type: fc.constantFrom('signed', 'revised', 'ended'), date: fc.nat({ max: DATES.length - 1 }) }),
  { maxLength: 3 },
);
const operation = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('entity' as const), at: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), at: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unentity' as const), at: fc.nat({ max: 4 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('link' as const),
      id: fc.nat({ max: 7 }),
      source: fc.nat({ max: 4 }),
      target: fc.nat({ max: 4 }),
      events,
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('events' as const), id: fc.nat({ max: 7 }), events }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unlink' as const), id: fc.nat({ max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('trim' as const) }) },
);
type Op =
  | { op: 'entity' | 'rename' | 'unentity'; at: number }
  | { op: 'link'; id: number; source: number; target: number; events: EventOp[] }
  | { op: 'events'; id: number; events: EventOp[] }
  | { op: 'unlink'; id: number }
  | { op: 'trim' };
type EventOp = { type: string; date: number };

const entityId = (at: number) => ENTITIES[at] as string;
const eventsOf = (ops: readonly EventOp[]): LinkEvent[] =>
  ops.map((e, i) => ({ id: `ev${i + 1}`, type: e.type, date: DATES[e.date] as string }) as LinkEvent);
const keyOf = (date: string) => {
  try {
    return dateKey(date);
  } catch {
    return Number.NaN;
  }
};

function run(ops: readonly Op[]): void {
  const state = new NetworkState();
  /** The model: each entity's links (ids) in the order they were made. */
  const made = new Map<string, string[]>();
  const write = (effect: Effect) => {
    try {
      state.apply(effect);
      return true;
    } catch (error) {
      // a removal of what is still linked: nothing changed
      expect(isMusubiError(error)).toBe(true);
      return false;
    }
  };
  for (const op of ops) {
    if (op.op === 'trim') state.trim();
    else if ('at' in op) {
      const id = entityId(op.at);
      const existing = state.get<Entity>('entity', id);
      const record = {
        id,
        kind: 'organization',
        name: { en: `${id} ${state.version}` },
        aliases: [],
        tags: [],
      };
      if (op.op === 'entity' && existing === undefined)
        write({ type: 'create', collection: 'entity', record: record as Entity });
      if (op.op === 'rename' && existing !== undefined)
        write({ type: 'update', collection: 'entity', before: existing, after: record as Entity });
      if (op.op === 'unentity' && existing !== undefined)
        write({ type: 'delete', collection: 'entity', record: existing });
    } else {
      const id = `lnk-${op.id}`;
      const existing = state.get<Link>('link', id);
      if (op.op === 'link' && existing === undefined) {
        const source = entityId(op.source);
        const target = entityId(op.target);
        const record = { id, kind: 'friendship', source, target, events: eventsOf(op.events), tags: [] };
        if (write({ type: 'create', collection: 'link', record: record as Link }))
          for (const end of [source, target]) made.set(end, [...(made.get(end) ?? []), id]);
      } else if (op.op === 'events' && existing !== undefined) {
        write({
          type: 'update',
          collection: 'link',
          before: existing,
          after: { ...existing, events: eventsOf(op.events) } as Link,
        });
      } else if (op.op === 'unlink' && existing !== undefined) {
        if (write({ type: 'delete', collection: 'link', record: existing }))
          for (const end of [existing.source, existing.target]) {
            const left = (made.get(end) ?? []).filter((l) => l !== id);
            if (left.length > 0) made.set(end, left);
            else made.delete(end);
          }
      }
    }
    check(state, made);
  }
}

function check(state: NetworkState, made: ReadonlyMap<string, string[]>): void {
  const ids = state.linksAt.ids;
  const slots = new Set<number>();
  for (const id of ENTITIES) {
    const order = made.get(id) ?? [];
    const entry = state.linksAt.entry(id);
    expect(state.linksOf(id).map((l) => l.id)).toEqual(order);
    if (order.length === 0) {
      expect(entry).toBeUndefined();
      expect(state.linksAt.neighbors(id, 'both')).toEqual([]);
      continue;
    }
    if (entry === undefined) throw new Error(`no entry for ${id}`);
    // a slot of its own, which names it
    expect(slots.has(entry.slot)).toBe(false);
    slots.add(entry.slot);
    expect(ids[entry.slot]).toBe(id);
    const links = order.map((l) => state.get<Link>('link', l) as Link);
    // the records themselves, their other ends and directions
    expect(entry.links.length).toBe(links.length);
    links.forEach((link, k) => {
      expect(entry.links[k]).toBe(link);
      const end = entry.ends[k] as number;
      expect(ids[end >> 1]).toBe(link.source === id ? link.target : link.source);
      expect(end & 1).toBe(link.source === id ? 1 : 0);
    });
    // each link's events, link after link, with the keys of their dates
    const rows: unknown[] = [];
    for (const [k, link] of links.entries())
      for (const event of link.events) rows.push(k, event, keyOf(event.date), event.date);
    expect(entry.events.length % EVENT_ROW).toBe(0);
    expect(entry.events).toEqual(rows);
    for (let r = 0; r < rows.length; r += EVENT_ROW) expect(entry.events[r + 1]).toBe(rows[r + 1]);
    // each neighbour once, at its first link in the direction, as its record is now
    for (const direction of ['in', 'out', 'both'] as const) {
      const expected: Entity[] = [];
      for (const link of links) {
        if (direction === 'in' ? link.target !== id : direction === 'out' && link.source !== id) continue;
        const other = state.get<Entity>('entity', link.source === id ? link.target : link.source) as Entity;
        if (!expected.includes(other)) expected.push(other);
      }
      const got = state.linksAt.neighbors(id, direction);
      expect(got.length).toBe(expected.length);
      for (const [i, entity] of got.entries()) expect(entity).toBe(expected[i]);
    }
  }
}

describe("the state's lists of each entity's links", () => {
  it('hold the links in the order made, their other ends, events and date keys, and the neighbours', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80, size: 'max' }), (ops) => run(ops as Op[])),
      runs,
    );
  });

  it('give a slot back when an entity loses its last link, and hand it to the next entity linked', () => {
    run([
      { op: 'entity', at: 0 },
      { op: 'entity', at: 1 },
      { op: 'entity', at: 2 },
      { op: 'link', id: 0, source: 0, target: 1, events: [{ type: 'signed', date: 1 }] },
      { op: 'unlink', id: 0 },
      { op: 'unentity', at: 0 },
      { op: 'link', id: 1, source: 2, target: 1, events: [] },
      { op: 'rename', at: 1 },
      { op: 'trim' },
      {
        op: 'events',
        id: 1,
        events: [
          { type: 'signed', date: 5 },
          { type: 'ended', date: 2 },
        ],
      },
    ]);
  });

  it('take a link whose events are not a list (which the schemas refuse) all or nothing, with no rows', () => {
    const state = new NetworkState();
    for (const id of ['a', 'b'])
      state.apply({
        type: 'create',
        collection: 'entity',
        record: { id, kind: 'organization', name: { en: id }, aliases: [], tags: [] } as unknown as Entity,
      });
    const record = { id: 'lnk-0', kind: 'friendship', source: 'a', target: 'b', events: 'signed', tags: [] };
    try {
      state.apply({ type: 'create', collection: 'link', record: record as unknown as Link });
    } catch {
      // refused: nothing of it anywhere
    }
    const taken = state.has('link', 'lnk-0');
    expect(state.graph.size).toBe(taken ? 1 : 0);
    for (const id of ['a', 'b']) {
      expect(state.linksOf(id).map((l) => l.id)).toEqual(taken ? ['lnk-0'] : []);
      expect(state.linksAt.entry(id)?.events ?? []).toEqual([]);
    }
  });
});
