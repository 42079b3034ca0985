import type { Collection, StoredRecord } from '../changes/change.js';
import { postKeys } from '../indexes/search.js';
import { partitionPoint } from '../indexes/sorted.js';
import { dayNumber, isPlainDay, type ValidTimeIndex, validTimeIndex } from '../indexes/valid-time-index.js';
import { dateKey, inKeyOrder, keptKey } from '../indexes/valid-time-spans.js';
import type { Id } from '../model/ids.js';
import type { Engagement, Entity, Link, LinkEvent } from '../model/records.js';
import { dayOf } from '../model/valid-time.js';
import { EVENT_ROW, type LinksEntry } from '../projection/links-by-entity.js';
import type { NetworkGraph, NetworkState } from '../projection/state.js';
import { earliestDay, latestDay } from '../time/partial-date.js';
import { projectAsOf } from './as-of.js';
import {
  byStart,
  type EngagementFilter,
  type EntityFilter,
  engagementPasses,
  entityPasses,
  frozen,
  type LinkFilter,
  linkPasses,
  type NeighborFilter,
  oneOf,
  ownItems,
  type RoleHolding,
  roleHolding,
  type SearchOptions,
  searchIn,
  type TimelineItem,
} from './queries.js';
import { readonlyGraph } from './readonly-graph.js';
import type { NetworkView } from './view.js';

/** What an `AsOfView` has derived from one version of its state. */
interface Reading {
  readonly state: NetworkState;
  readonly version: number;
  index: ValidTimeIndex | undefined;
  /** Links and engagements cut to the day, by position, so that each read returns the same object. */
  readonly cutLinks: Map<number, Link>;
  readonly cutEngagements: Map<number, Engagement>;
  projection: NetworkState | undefined;
  graph: NetworkGraph | undefined;
}

/**
 * The lazy `asOf` views, as subclasses of `Base` (the class of views, `NetworkView`): the function
 * that gives the view of a state on a day. `view.ts` calls it with its class, once; the class is
 * given rather than imported so that the two modules do not import each other.
 */
export function asOfViews(
  Base: typeof NetworkView,
): (source: () => NetworkState, day: string) => NetworkView {
  /**
   * The network on one day of valid time, read lazily: every method answers what it answers on
   * `new NetworkView(projectAsOf(state, day))`, from the state filtered by its valid-time index,
   * without building that projection. What is not worth answering lazily (the graph, `state` for code
   * that reads it, an `asOf` of this view) builds the projection once per version of the state.
   */
  class AsOfView extends Base {
    readonly #source: () => NetworkState;
    readonly #day: string;
    readonly #dayNumber: number;
    #reading: Reading | undefined;

    constructor(source: () => NetworkState, day: string) {
      super(source());
      this.#source = source;
      this.#day = day;
      this.#dayNumber = dayNumber(day);
    }

    /** The state now behind the view, and what has been derived from its current version. */
    #read(): Reading {
      const state = this.#source();
      const r = this.#reading;
      if (r !== undefined && r.state === state && r.version === state.version) return r;
      this.#reading = {
        state,
        version: state.version,
        index: undefined,
        cutLinks: new Map(),
        cutEngagements: new Map(),
        projection: undefined,
        graph: undefined,
      };
      return this.#reading;
    }

    #indexed(): { state: NetworkState; index: ValidTimeIndex; r: Reading } {
      const r = this.#read();
      r.index ??= validTimeIndex(r.state);
      return { state: r.state, index: r.index, r };
    }

    /** @internal the projection, built on first need for each version of the state. */
    protected override get state(): NetworkState {
      const r = this.#read();
      r.projection ??= projectAsOf(r.state, this.#day);
      return r.projection;
    }

    override get graph(): NetworkGraph {
      const r = this.#read();
      r.graph ??= readonlyGraph(this.state.graph);
      return r.graph;
    }

    #hasEntity(index: ValidTimeIndex, id: Id): boolean {
      const i = index.entityAt.get(id);
      return i !== undefined && index.hasEntity(i, this.#dayNumber);
    }

    /** The link at `position` (its slot in the index), with the events after the day cut off. */
    #cutLink(r: Reading, index: ValidTimeIndex, position: number, link: Link): Link {
      if (this.#dayNumber >= (index.linkLastEvent[position] as number)) return link;
      let cut = r.cutLinks.get(position);
      if (cut === undefined) {
        // (the last cut of the record, made by any view, if it was of this day: a link's cut is its
        // events up to the day, which nothing but the record says; a new view of the day, as after
        // each write, does not cut a hub's links again)
        const last = lastCuts.get(link);
        if (last?.[0] === this.#dayNumber) cut = last[1];
        else {
          const events = link.events.filter((e) => earliestDay(e.date) <= this.#day);
          cut = events.length === link.events.length ? link : frozen({ ...link, events: frozen(events) });
          lastCuts.set(link, [this.#dayNumber, cut]);
        }
        r.cutLinks.set(position, cut);
      }
      return cut;
    }

    /** The engagement at `position` (its slot in the index), with only the participants there on the day. */
    #cutEngagement(r: Reading, index: ValidTimeIndex, position: number): Engagement {
      const engagement = index.engagementRecords[position] as Engagement;
      // (most that may be cut on some day are whole on this one: no look-up, no copy)
      if (index.engagementMayCut[position] === 0 || index.participantsAllOn(position, this.#dayNumber))
        return engagement;
      let cut = r.cutEngagements.get(position);
      if (cut === undefined) {
        const participants = engagement.participants.filter((_, k) =>
          index.participantOn(position, k, this.#dayNumber),
        );
        cut =
          participants.length === engagement.participants.length
            ? engagement
            : frozen({ ...engagement, participants: frozen(participants) });
        r.cutEngagements.set(position, cut);
      }
      return cut;
    }

    /**
     * The links at an entity that are there on the day (their slots), in the order they were
     * made, as the projection lists them.
     */
    #incident(index: ValidTimeIndex, id: Id, direction: 'in' | 'out' | 'both'): number[] {
      const e = index.entityAt.get(id);
      const out: number[] = [];
      if (e === undefined || !index.hasEntity(e, this.#dayNumber)) return out;
      index.linksAt(e, direction, this.#dayNumber, out);
      return out;
    }

    override entity(id: Id): Entity | undefined {
      const { state, index } = this.#indexed();
      return this.#hasEntity(index, id) ? state.graph.getNodeAttributes(id) : undefined;
    }

    override entities(filter: EntityFilter = {}): Entity[] {
      const { index } = this.#indexed();
      // the index holds the records in graph order, as of the state's version
      const all = index.entityRecords;
      const out: Entity[] = [];
      for (let position = 0; position < all.length; position++) {
        const e = all[position];
        if (e !== undefined && index.hasEntity(position, this.#dayNumber) && entityPasses(e, filter))
          out.push(e);
      }
      return out;
    }

    override link(id: Id): Link | undefined {
      const { state, index, r } = this.#indexed();
      const position = index.linkAt.get(id);
      if (position === undefined || !index.links.has(position, this.#dayNumber)) return undefined;
      return this.#cutLink(r, index, position, state.graph.getEdgeAttributes(id));
    }

    override links(filter: LinkFilter = {}): Link[] {
      const { index, r } = this.#indexed();
      const day = filter.activeOn === undefined ? undefined : latestDay(filter.activeOn);
      const out: Link[] = [];
      if (filter.entity !== undefined) {
        for (const position of this.#incident(index, filter.entity, 'both')) {
          const cut = this.#cutLink(r, index, position, index.linkRecords[position] as Link);
          if (linkPasses(cut, filter, day)) out.push(cut);
        }
        return out;
      }
      const all = index.linkRecords;
      for (let position = 0; position < all.length; position++) {
        if (!index.links.has(position, this.#dayNumber)) continue;
        const cut = this.#cutLink(r, index, position, all[position] as Link);
        if (linkPasses(cut, filter, day)) out.push(cut);
      }
      return out;
    }

    override engagement(id: Id): Engagement | undefined {
      const { index, r } = this.#indexed();
      const position = index.engagementAt.get(id);
      if (position === undefined || !index.engagements.has(position, this.#dayNumber)) return undefined;
      return this.#cutEngagement(r, index, position);
    }

    override engagements(filter: EngagementFilter = {}): Engagement[] {
      const { state, index, r } = this.#indexed();
      const day = this.#dayNumber;
      const from = filter.from === undefined ? undefined : dayNumber(earliestDay(filter.from));
      const to = filter.to === undefined ? undefined : dayNumber(latestDay(filter.to));
      // slots in date order: the projection adds engagements in date order, so its own date
      // order (ties included) and its reverse references list them so
      let positions: Iterable<number>;
      if (filter.entity !== undefined) {
        // an engagement keeps every participant there on the day
        const e = index.entityAt.get(filter.entity);
        positions = e !== undefined && index.hasEntity(e, day) ? index.engagementsAt(e, day) : [];
      } else if (filter.programme !== undefined) {
        positions = index.engagementsOfProgramme(state, filter.programme, day);
      } else {
        // those begun by the day (and within from–to), found by binary search
        const last = to === undefined ? day : Math.min(day, to);
        positions = between(index.byDay, index.byDayDays, from, last, (p) => index.engagements.has(p, day));
      }
      const out: Engagement[] = [];
      for (const position of positions) {
        const e = this.#cutEngagement(r, index, position);
        if (!engagementPasses(e, filter)) continue;
        const eDay = index.engagementDay[position] as number;
        if (from !== undefined && eDay < from) continue;
        if (to !== undefined && eDay > to) continue;
        out.push(e);
      }
      return out;
    }

    override record<T extends StoredRecord>(collection: Collection, id: Id): T | undefined {
      if (collection === 'entity') return this.entity(id) as T | undefined;
      if (collection === 'link') return this.link(id) as T | undefined;
      if (collection === 'engagement') return this.engagement(id) as T | undefined;
      const { state, index } = this.#indexed();
      return index.hasOther(collection, id, this.#dayNumber) ? state.get<T>(collection, id) : undefined;
    }

    override records<T extends StoredRecord>(collection: Collection): T[] {
      if (collection === 'entity') return this.entities() as unknown as T[];
      if (collection === 'link') return this.links() as unknown as T[];
      if (collection === 'engagement') return this.engagements() as unknown as T[];
      const { state, index } = this.#indexed();
      const out: T[] = [];
      for (const record of state.records.get(collection)?.values() ?? []) {
        if (index.hasOther(collection, record.id, this.#dayNumber)) out.push(record as T);
      }
      return out;
    }

    override neighbors(id: Id, filter: NeighborFilter = {}): Entity[] {
      const { index } = this.#indexed();
      const out: Entity[] = [];
      const at = index.entityAt.get(id);
      if (at === undefined) return out;
      // each neighbour once, the first time its links come in the projection's order (entity slots
      // marked, not a set of ids)
      const mark = index.freshMark();
      for (const position of this.#incident(index, id, filter.direction ?? 'both')) {
        if (
          filter.linkKind !== undefined &&
          !oneOf((index.linkRecords[position] as Link).kind, filter.linkKind)
        )
          continue;
        const other = index.otherEnd(position, at);
        const e = index.entityRecords[other] as Entity;
        if (filter.entityKind !== undefined && !oneOf(e.kind, filter.entityKind)) continue;
        if (index.markOnce(other, mark)) out.push(e);
      }
      return out;
    }

    override timeline(id: Id): TimelineItem[] {
      const { state, index, r } = this.#indexed();
      const day = this.#dayNumber;
      const at = index.entityAt.get(id);
      if (at === undefined || !index.hasEntity(at, day)) return [];
      const entity = state.graph.getNodeAttributes(id);
      // the links there on the day, by their places in the state's list of the entity's links (both
      // in the order the links were made): the state's rows of their events, with the keys of
      // their dates, are read in order, not the records (a hub's lie all over the heap)
      const entry = state.linksAt.entry(id);
      const links = entry?.links ?? [];
      const rows = entry?.events ?? [];
      const slotAt: (number | undefined)[] = new Array(links.length);
      let place = 0;
      for (const slot of this.#incident(index, id, 'both')) {
        while (place < links.length && links[place] !== index.linkRecords[slot]) place++;
        // (not as the state lists them: the projection of the day answers)
        if (place === links.length) return super.timeline(id);
        slotAt[place++] = slot;
      }
      const items = ownItems(entity);
      const keys = items.map((item) => dateKey(item.date));
      for (let k = 0; k < rows.length; k += EVENT_ROW) {
        const slot = slotAt[rows[k] as number];
        if (slot === undefined) continue;
        const date = rows[k + 3] as string;
        const key = keptKey(rows[k + 2] as number, date);
        // an event after the day is not in the link as it was then (a key is its first day × 4,
        // plus 0–2)
        if (key >= (day + 1) * 4) continue;
        const link = this.#cutLink(r, index, slot, links[rows[k] as number] as Link);
        const event = rows[k + 1] as LinkEvent;
        const other = state.linksAt.ids[((entry as LinksEntry).ends[rows[k] as number] as number) >> 1] as Id;
        items.push(frozen({ kind: 'link-event', date, link, event, other }));
        keys.push(key);
      }
      // the engagements come in date order from the index: a stable sort puts each after the
      // items of its date above
      for (const slot of index.engagementsAt(at, day)) {
        const engagement = this.#cutEngagement(r, index, slot);
        items.push(frozen({ kind: 'engagement', date: engagement.date, engagement }));
        keys.push(index.engagementDateKey(slot));
      }
      return inKeyOrder(items, keys);
    }

    override roles(id: Id): RoleHolding[] {
      const { index, r } = this.#indexed();
      const out: RoleHolding[] = [];
      for (const position of this.#incident(index, id, 'both')) {
        const link = index.linkRecords[position] as Link;
        if (link.kind === 'role') out.push(roleHolding(this.#cutLink(r, index, position, link)));
      }
      return byStart(out);
    }

    override search(text: string, options: SearchOptions = {}): Entity[] {
      const { state, index } = this.#indexed();
      const postsOf = (id: Id) =>
        postKeys(
          this.roles(id)
            .filter((r) => r.person === id && state.graph.hasNode(r.entity))
            .map((r) => ({ title: r.title, at: state.graph.getNodeAttributes(r.entity) })),
        );
      return searchIn(state, text, options, (id) => this.#hasEntity(index, id), postsOf);
    }

    override asOf(date: string | Date): NetworkView {
      // the projection of the projection: on the projection this view stands for
      return asOfView(() => this.state, dayOf(date));
    }

    override counts(): { entities: number; links: number; engagements: number } {
      return this.#indexed().index.counts(this.#dayNumber);
    }
  }

  /** `asOf` of the state `source` gives (it may change, as a network's projection does). */
  function asOfView(source: () => NetworkState, day: string): NetworkView {
    // a Date past year 9999 (`+010000-01-01`) compares as a string only: the projection handles it
    return isPlainDay(day) ? new AsOfView(source, day) : new Base(projectAsOf(source(), day));
  }

  return asOfView;
}

/** The last cut of each link (its events up to a day) and its day, by whichever view made it. */
const lastCuts = new WeakMap<Link, [number, Link]>();

/** Slots of `order` whose `days` (sorted) are from the first ≥ `from` to the last ≤ `to`, where `keep` holds. */
function* between(
  order: Int32Array,
  days: Int32Array,
  from: number | undefined,
  to: number,
  keep: (slot: number) => boolean,
): Iterable<number> {
  const first = from === undefined ? 0 : countBelow(days, from);
  const end = countBelow(days, to + 1);
  for (let p = first; p < end; p++) {
    const slot = order[p] as number;
    if (keep(slot)) yield slot;
  }
}

/** How many of the sorted `days` are below `day`. */
function countBelow(days: Int32Array, day: number): number {
  return partitionPoint(days.length, (i) => (days[i] as number) < day);
}
