import { dateKeyOrNaN } from '../indexes/valid-time-spans.js';
import type { Id } from '../model/ids.js';
import type { Entity, Link, LinkEvent } from '../model/records.js';

/**
 * What the state keeps of one entity that has links. Read it before the next write, which changes
 * it.
 */
export interface LinksEntry {
  /** The entity's number among those that have links: its id and record in `LinksByEntity`. */
  readonly slot: number;
  /** Its links, in and out, in the order they were made (an update keeps a link's place). */
  links: Link[];
  /**
   * For each of `links`, the slot of the entity at its other end times 2, plus 1 when this entity
   * is the link's source.
   */
  ends: number[];
  /**
   * The events of `links`, link after link, each link's in its own order: {@link EVENT_ROW} values
   * each, the link's place in `links`, the event, the `dateKey` of its date (NaN: a date `dateKey`
   * refuses) and the date.
   */
  events: unknown[];
}

/** How many values of `LinksEntry.events` one event takes. */
export const EVENT_ROW = 4;

/**
 * The links of each entity as lists in the order they were made, with what a hub's first timeline
 * and first neighbours read of them: the other end as a number, each link's events with the keys
 * of their dates. A hub's links are made over the whole life of a log, so their records lie all
 * over the heap: reading each link, its events and their dates cost a hub's first timeline at
 * scale L 20–40 ms, and looking each neighbour up in the graph cost its first neighbours 10–20 ms.
 * Kept here, they are read as lists.
 *
 * An entity gets a slot with its first link and gives it back (for a later one) when its last
 * link is removed: while it has links it cannot be removed, and its record here is kept by
 * `entityWritten`.
 */
export class LinksByEntity {
  readonly #entries = new Map<Id, LinksEntry>();
  /** The ids of the entities with links by their slots (undefined: a slot free): read, never write. */
  readonly ids: (Id | undefined)[] = [];
  readonly #records: (Entity | undefined)[] = [];
  readonly #freeSlots: number[] = [];
  /** The entity's record as the state holds it. */
  readonly #entity: (id: Id) => Entity;

  constructor(entity: (id: Id) => Entity) {
    this.#entity = entity;
  }

  entry(id: Id): LinksEntry | undefined {
    return this.#entries.get(id);
  }

  /** A link just stored (created). */
  created(link: Link): void {
    const source = this.#entryOf(link.source);
    const target = this.#entryOf(link.target);
    const rows = eventRows(link);
    add(source, link, target.slot * 2 + 1, rows);
    add(target, link, source.slot * 2, rows);
  }

  /** A link updated (`link` replaces `was`, its ends unchanged): it keeps its place. */
  updated(was: Link, link: Link): void {
    const rows = eventRows(link);
    // (the state holds `was`: it is in the lists of both its ends)
    for (const end of [link.source, link.target]) {
      const entry = this.#entries.get(end) as LinksEntry;
      const at = entry.links.lastIndexOf(was);
      entry.links[at] = link;
      replaceRows(entry.events, at, rows, 0);
    }
  }

  /** A link removed (the state held it). */
  removed(link: Link): void {
    for (const end of [link.source, link.target]) {
      const entry = this.#entries.get(end) as LinksEntry;
      const at = entry.links.lastIndexOf(link);
      if (entry.links.length === 1) {
        this.#entries.delete(end);
        this.ids[entry.slot] = undefined;
        this.#records[entry.slot] = undefined;
        this.#freeSlots.push(entry.slot);
        continue;
      }
      entry.links.splice(at, 1);
      entry.ends.splice(at, 1);
      // (the links after it move up one place)
      replaceRows(entry.events, at, [], -1);
    }
  }

  /** An entity's record updated: kept for its neighbours' reads (an entity created has no links yet). */
  entityWritten(entity: Entity): void {
    const entry = this.#entries.get(entity.id);
    if (entry !== undefined) this.#records[entry.slot] = entity;
  }

  /**
   * Each entity linked to `id` once, at its first link (links in the order they were made),
   * through links in the `direction` asked and that `passes` (all without it).
   */
  neighbors(id: Id, direction: 'in' | 'out' | 'both', passes?: (link: Link) => boolean): Entity[] {
    const out: Entity[] = [];
    const entry = this.#entries.get(id);
    if (entry === undefined) return out;
    const met = new Set<number>();
    const { links, ends } = entry;
    for (let k = 0; k < ends.length; k++) {
      const end = ends[k] as number;
      // (the low bit: `id` is the link's source)
      if (direction === 'in' ? (end & 1) === 1 : direction === 'out' && (end & 1) === 0) continue;
      if (passes !== undefined && !passes(links[k] as Link)) continue;
      const slot = end >> 1;
      if (met.has(slot)) continue;
      met.add(slot);
      out.push(this.#records[slot] as Entity);
    }
    return out;
  }

  /** Each entity's lists as long as they are, without room to grow (see `NetworkState.trim`). */
  trim(): void {
    for (const entry of this.#entries.values()) {
      entry.links = entry.links.slice();
      entry.ends = entry.ends.slice();
      entry.events = entry.events.slice();
    }
  }

  #entryOf(id: Id): LinksEntry {
    let entry = this.#entries.get(id);
    if (entry === undefined) {
      const slot = this.#freeSlots.pop() ?? this.ids.length;
      this.ids[slot] = id;
      this.#records[slot] = this.#entity(id);
      entry = { slot, links: [], ends: [], events: [] };
      this.#entries.set(id, entry);
    }
    return entry;
  }
}

/** Puts a link last in an entity's entry, with its events (`rows`: event, key, date for each). */
function add(entry: LinksEntry, link: Link, end: number, rows: readonly unknown[]): void {
  const at = entry.links.length;
  entry.links.push(link);
  entry.ends.push(end);
  const events = entry.events;
  for (let r = 0; r < rows.length; r += EVENT_ROW - 1) events.push(at, rows[r], rows[r + 1], rows[r + 2]);
}

/** The events of a link, each as the event, the key of its date and the date (the key read once for both ends). */
function eventRows(link: Link): unknown[] {
  const rows = scratchRows;
  rows.length = 0;
  // (the state may be handed anything: what the schema refuses is refused when read)
  for (const event of Array.isArray(link.events) ? link.events : []) {
    const date = (event as LinkEvent | null)?.date;
    rows.push(event, dateKeyOrNaN(date), date);
  }
  return rows;
}

const scratchRows: unknown[] = [];

/**
 * Puts `rows` (event, key, date for each) in place of the rows of the link at `at`, and moves the
 * links after it by `by` places: its rows and those after them taken off (a link written is most
 * often the last one), its new rows put on, then the others again.
 */
function replaceRows(events: unknown[], at: number, rows: readonly unknown[], by: number): void {
  const after = events.splice(firstRow(events, at) * EVENT_ROW);
  for (let r = 0; r < rows.length; r += EVENT_ROW - 1) events.push(at, rows[r], rows[r + 1], rows[r + 2]);
  for (let i = firstRow(after, at + 1) * EVENT_ROW; i < after.length; i += EVENT_ROW)
    events.push((after[i] as number) + by, after[i + 1], after[i + 2], after[i + 3]);
}

/** The first row of `events` whose link is at `place` or later (the rows are in the order of their links). */
function firstRow(events: readonly unknown[], place: number): number {
  let lo = 0;
  let hi = events.length / EVENT_ROW;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid * EVENT_ROW] as number) < place) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
