import type { Collection, StoredRecord } from '../changes/change.js';
import { sortByDate } from '../indexes/valid-time-spans.js';
import type { Id } from '../model/ids.js';
import { plainInput } from '../model/input.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import { dayOf, engagementDay } from '../model/valid-time.js';
import type { NetworkGraph, NetworkState } from '../projection/state.js';
import { earliestDay, latestDay } from '../time/partial-date.js';
import { asOfViews } from './as-of-view.js';
import {
  byStart,
  type EngagementFilter,
  type EntityFilter,
  engagementPasses,
  entityPasses,
  type LinkFilter,
  linkPasses,
  type NeighborFilter,
  oneOf,
  type RoleHolding,
  roleHolding,
  type SearchOptions,
  searchIn,
  type TimelineItem,
  takeIntoTimeline,
  timelineOf,
} from './queries.js';
import { readonlyGraph } from './readonly-graph.js';

export type {
  EngagementFilter,
  EntityFilter,
  LinkFilter,
  NeighborFilter,
  RoleHolding,
  SearchOptions,
  TimelineItem,
} from './queries.js';

let stateOf: (view: NetworkView) => NetworkState;

/**
 * @internal The projection behind a view, read through its `state` getter (a view may build it
 * on demand). For core modules that compute from the state (indicators); not exported by the package.
 */
export function viewState(view: NetworkView): NetworkState {
  return stateOf(view);
}

/**
 * The read side of a network: the same methods on the live network and on every `asOf` view.
 * Reads never write; every record returned is frozen.
 */
export class NetworkView {
  readonly #state: NetworkState;
  #graph: NetworkGraph | undefined;

  constructor(state: NetworkState) {
    this.#state = state;
  }

  /**
   * @internal the projection behind this view. Every method reads it through this getter, never
   * through `#state`, so that a subclass (the lazy `asOf` view) can stand in its own.
   */
  protected get state(): NetworkState {
    return this.#state;
  }

  static {
    stateOf = (view) => view.state;
  }

  /** The graphology multigraph of the view: entities as nodes, links as edges. Read-only. */
  get graph(): NetworkGraph {
    this.#graph ??= readonlyGraph(this.state.graph);
    return this.#graph;
  }

  /** The entity with this id, or undefined. */
  entity(id: Id): Entity | undefined {
    return this.state.get<Entity>('entity', id);
  }

  /** Entities matching the filter, in insertion order. */
  entities(filter: EntityFilter = {}): Entity[] {
    const out: Entity[] = [];
    this.state.graph.forEachNode((_, e) => {
      if (entityPasses(e, filter)) out.push(e);
    });
    return out;
  }

  /** The link with this id, or undefined. */
  link(id: Id): Link | undefined {
    return this.state.get<Link>('link', id);
  }

  /** Links matching the filter, in the order they were made (an update keeps a link's place). */
  links(filter: LinkFilter = {}): Link[] {
    const g = this.state.graph;
    const day = filter.activeOn === undefined ? undefined : latestDay(filter.activeOn);
    const out: Link[] = [];
    const visit = (_: string, l: Link) => {
      if (linkPasses(l, filter, day)) out.push(l);
    };
    if (filter.entity !== undefined) {
      // (an entity's links in the order they were made, as the graph lists all links)
      for (const l of this.state.linksOf(filter.entity)) if (linkPasses(l, filter, day)) out.push(l);
    } else g.forEachEdge(visit);
    return out;
  }

  /** The engagement with this id, or undefined. */
  engagement(id: Id): Engagement | undefined {
    return this.state.get<Engagement>('engagement', id);
  }

  /** Engagements matching the filter, by date. */
  engagements(filter: EngagementFilter = {}): Engagement[] {
    let candidates: Iterable<Engagement>;
    if (filter.entity !== undefined) {
      candidates = this.state.engagementsOf(filter.entity);
    } else if (filter.programme !== undefined) {
      candidates = this.#idsToRecords<Engagement>(
        'engagement',
        this.state.referringIds('programme', filter.programme, 'engagement'),
      );
    } else candidates = this.state.engagementsByDay();
    const sorted = filter.entity === undefined && filter.programme === undefined;
    const from = filter.from === undefined ? undefined : earliestDay(filter.from);
    const to = filter.to === undefined ? undefined : latestDay(filter.to);
    const out: Engagement[] = [];
    for (const e of candidates) {
      if (!engagementPasses(e, filter)) continue;
      const day = engagementDay(e);
      if (from !== undefined && day < from) continue;
      if (to !== undefined && day > to) continue;
      out.push(e);
    }
    return sorted ? out : sortByDate(out, (e) => e.date);
  }

  *#idsToRecords<T extends StoredRecord>(collection: Collection, ids: Iterable<Id>): Iterable<T> {
    for (const id of ids) {
      const r = this.state.get<T>(collection, id);
      if (r) yield r;
    }
  }

  /** Any stored record by collection and id (programmes, indicators, figures…). */
  record<T extends StoredRecord>(collection: Collection, id: Id): T | undefined {
    return this.state.get<T>(collection, id);
  }

  /** All records of a collection. */
  records<T extends StoredRecord>(collection: Collection): T[] {
    if (collection === 'entity') return this.entities() as unknown as T[];
    if (collection === 'link') return this.links() as unknown as T[];
    return [...(this.state.records.get(collection)?.values() ?? [])] as T[];
  }

  /**
   * The entities linked to `id`, each once, at its first link (an entity's links in the order they
   * were made, as `links({ entity })` lists them). The state keeps each entity's links with the
   * number of the entity at the other end (`links-by-entity.ts`): a hub's thousands of neighbours
   * take a millisecond or two at scale L, so no answer is kept.
   */
  neighbors(id: Id, filter: NeighborFilter = {}): Entity[] {
    const { direction = 'both', linkKind, entityKind } = plainInput(filter, 'neighbors filter');
    const all = this.state.linksAt.neighbors(
      id,
      direction,
      linkKind === undefined ? undefined : (l) => oneOf(l.kind, linkKind),
    );
    return entityKind === undefined ? all : all.filter((e) => oneOf(e.kind, entityKind));
  }

  /**
   * Every dated event that touches an entity (link events, engagements, roles, its own dates), in
   * order. The items are frozen. The timeline of an entity is kept, and the writes to its record,
   * its links and its engagements are taken into it; a network that takes a log or a snapshot in
   * makes those of its busiest entities then (see `NetworkState.busiest`).
   */
  timeline(id: Id): TimelineItem[] {
    const state = this.state;
    return state
      .answerAbout(
        id,
        'timeline',
        () => timelineOf(state, id),
        (items, write) => takeIntoTimeline(state, id, items, write),
      )
      .slice();
  }

  /**
   * The posts held at an entity, or by a person, oldest first: the line of ambassadors of an
   * embassy, or one person's career. On an `asOf` view, only the posts held on that date.
   */
  roles(id: Id): RoleHolding[] {
    const out: RoleHolding[] = [];
    for (const link of this.state.linksOf(id)) if (link.kind === 'role') out.push(roleHolding(link));
    return byStart(out);
  }

  /**
   * Entities whose Japanese or English name, alias or id matches `text`, best first. Matching is
   * case- and width-insensitive (`ＢＯＩ` finds `BOI`) and treats katakana and hiragana alike.
   * People are also found by their posts: the post's title and the entity where it is held
   * (`network.search('タイ大使')` finds the ambassador at the Thai embassy), ranked after a match of
   * a name. Japanese text, written without spaces, matches a person with posts when it splits into
   * pieces of two characters or more that are each found (`タイ` in the embassy's name, `大使` in
   * the title).
   * On an `asOf` view, only the posts held on that day count.
   */
  search(text: string, options: SearchOptions = {}): Entity[] {
    return searchIn(this.state, text, plainInput(options, 'search options'));
  }

  /**
   * The network as it was in the world on `date` (valid time): links not yet signed or already
   * ended are absent, link histories stop at that date, people hold the posts they held then, and
   * only engagements up to that date are there. A partial date means its last day
   * (`asOf('2017')` is the network at the end of 2017). The result is read-only.
   *
   * The view is lazy: it answers from this view's own records through a valid-time index (the
   * days on which each record is there), so `counts()` takes microseconds and the other reads cost
   * about what they cost here. The index is built by the first `asOf` of a network (at 200,000
   * engagements: 1–2.5 s), then kept up to date: the first `asOf` after a write takes in the
   * writes made since, reading only the records written and those whose days they move. The view follows
   * later writes: it is the network as now recorded, on that date. Its `graph`, and an `asOf` of
   * it, build the whole projection on first use (as slow as one pass of every record through
   * `apply`).
   */
  asOf(date: string | Date): NetworkView {
    const state = this.state;
    return asOfView(() => state, dayOf(date));
  }

  /** How many records of each collection the view holds. */
  counts(): { entities: number; links: number; engagements: number } {
    return {
      entities: this.state.graph.order,
      links: this.state.graph.size,
      engagements: this.state.records.get('engagement')?.size ?? 0,
    };
  }
}

/** `asOf` of the state `source` gives: a lazy view of that day (`as-of-view.ts`). */
const asOfView = asOfViews(NetworkView);
