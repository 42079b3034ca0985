import type { Collection, StoredRecord } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import {
  foldForSearch,
  isJapanese,
  matchesInPieces,
  matchScore,
  postKeys,
  type SearchIndex,
} from '../indexes/search.js';
import { dayNumber, isPlainDay, type ValidTimeIndex, validTimeIndex } from '../indexes/valid-time-index.js';
import { sortByDate } from '../indexes/valid-time-spans.js';
import { type CountryGroup, isInGroup } from '../model/countries.js';
import type { Id } from '../model/ids.js';
import { plainInput } from '../model/input.js';
import type { EngagementType, EntityKind, LinkKind } from '../model/kinds.js';
import type { BilingualName } from '../model/names.js';
import type { Engagement, Entity, Link, LinkEvent } from '../model/records.js';
import { dayOf, engagementDay, linkStatusOn, sortedEvents } from '../model/valid-time.js';
import type { NetworkGraph, NetworkState } from '../projection/state.js';
import { earliestDay, latestDay } from '../time/partial-date.js';
import { projectAsOf } from './as-of.js';
import { readonlyGraph } from './readonly-graph.js';

export interface EntityFilter {
  kind?: EntityKind | readonly EntityKind[];
  country?: string | readonly string[];
  /** Entities of countries in a group (`asean`, `g7`). */
  group?: CountryGroup;
  tag?: string;
}

export interface LinkFilter {
  kind?: LinkKind | readonly LinkKind[];
  /** Links that touch this entity (either end). */
  entity?: Id;
  source?: Id;
  target?: Id;
  /** Links active on this date (a partial date means its last day). */
  activeOn?: string;
  tag?: string;
}

export interface EngagementFilter {
  type?: EngagementType | readonly EngagementType[];
  /** Engagements this entity took part in. */
  entity?: Id;
  programme?: Id;
  /** First day on or after this date (partial dates: their first day). */
  from?: string;
  /** First day on or before this date (partial dates: their last day). */
  to?: string;
  tag?: string;
}

export interface NeighborFilter {
  linkKind?: LinkKind | readonly LinkKind[];
  entityKind?: EntityKind | readonly EntityKind[];
  direction?: 'in' | 'out' | 'both';
}

/** One dated thing in an entity's history. */
export type TimelineItem =
  | {
      readonly kind: 'link-event';
      readonly date: string;
      readonly link: Link;
      readonly event: LinkEvent;
      /** The entity at the other end of the link. */
      readonly other: Id;
    }
  | { readonly kind: 'engagement'; readonly date: string; readonly engagement: Engagement }
  | {
      readonly kind: 'entity';
      readonly date: string;
      readonly event: 'since' | 'until';
      readonly entity: Entity;
    };

/** A person's post at an entity over a period (from a `role` link). */
export interface RoleHolding {
  readonly link: Link;
  readonly person: Id;
  readonly entity: Id;
  readonly title: BilingualName | undefined;
  /** First day in post, if known. */
  readonly from: string | undefined;
  /** Last day in post, if the post has ended. */
  readonly to: string | undefined;
}

export interface SearchOptions {
  kind?: EntityKind | readonly EntityKind[];
  limit?: number;
}

function oneOf<T>(value: T, wanted: T | readonly T[] | undefined): boolean {
  if (wanted === undefined) return true;
  return Array.isArray(wanted) ? (wanted as readonly T[]).includes(value) : value === wanted;
}

function entityPasses(e: Entity, filter: EntityFilter): boolean {
  if (!oneOf(e.kind, filter.kind)) return false;
  if (filter.country !== undefined && (e.country === undefined || !oneOf(e.country, filter.country)))
    return false;
  if (filter.group !== undefined && (e.country === undefined || !isInGroup(e.country, filter.group)))
    return false;
  return filter.tag === undefined || e.tags.includes(filter.tag);
}

/** A post from a `role` link: from its first start, to its end if its last event ends it. */
function roleHolding(link: Link): RoleHolding {
  const events = sortedEvents(link.events);
  const start =
    events.find((e) => e.type === 'signed') ??
    events.find((e) => e.type === 'revised' || e.type === 'renewed');
  const last = events[events.length - 1];
  return {
    link,
    person: link.source,
    entity: link.target,
    title: link.title,
    from: start === undefined ? undefined : earliestDay(start.date),
    to: last?.type === 'ended' ? latestDay(last.date) : undefined,
  };
}

/** Posts oldest first (a stable sort: posts from the same day stay in graph order). */
function byStart(holdings: RoleHolding[]): RoleHolding[] {
  return holdings.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
}

/** How well a folded query matches an entity's keys: its own (3, 2, 1), then a person's posts (1), then those in pieces (0.5). */
function scoreOf(
  index: SearchIndex,
  id: Id,
  query: string,
  pieces: boolean,
  postsOf: ((id: Id) => string[]) | undefined,
): number {
  const own = index.keys.get(id) ?? [];
  const score = matchScore(query, own);
  if (score > 0) return score;
  // the index holds every post ever held; a view of a day asks for the posts held then
  const posts = index.posts.has(id) && postsOf !== undefined ? postsOf(id) : index.posts.get(id);
  // only a person's posts are matched in pieces (a name and a post run together: タイ大使)
  if (posts === undefined) return 0;
  const all = [...own, ...posts];
  if (matchScore(query, all) > 0) return 1;
  return pieces && matchesInPieces(query, all) ? 0.5 : 0;
}

/**
 * `search` over a state's entities; `keep` says which entities a view of a day holds, `postsOf`
 * gives a person's post keys on a view's day.
 */
function searchIn(
  state: NetworkState,
  text: string,
  options: SearchOptions,
  keep?: (id: Id) => boolean,
  postsOf?: (id: Id) => string[],
): Entity[] {
  if (typeof text !== 'string') throw new MusubiError('VALIDATION', 'search() takes text');
  const query = foldForSearch(text);
  if (query === '') return [];
  const limit = options.limit ?? 50;
  const index = state.searchIndex();
  const candidates = index.candidates(query);
  const scored: { entity: Entity; score: number; order: number }[] = [];
  const consider = (id: Id, entity: Entity, pieces = true) => {
    if (!oneOf(entity.kind, options.kind)) return;
    const score = scoreOf(index, id, query, pieces, postsOf);
    if (score > 0) scored.push({ entity, score, order: index.orderOf(id) });
  };
  const g = state.graph;
  const each = (visit: (id: Id, entity: Entity) => void) => {
    if (keep === undefined) g.forEachNode(visit);
    else
      g.forEachNode((id, entity) => {
        if (keep(id)) visit(id, entity);
      });
  };
  if (candidates === undefined) each((id, entity) => consider(id, entity));
  else if (keep !== undefined) {
    for (const id of candidates) if (g.hasNode(id) && keep(id)) consider(id, g.getNodeAttributes(id));
  }
  // only the candidates of the trigram index, when the query is long enough to narrow
  else for (const id of candidates) if (g.hasNode(id)) consider(id, g.getNodeAttributes(id));
  // a Japanese query's pieces need not be in any one key, so the trigrams cannot narrow them: the
  // other people with posts are scanned for pieces when the candidates left room
  if (candidates !== undefined && scored.length < limit && isJapanese(query)) {
    const missed = (id: Id) => !candidates.has(id) && index.posts.has(id);
    if (keep !== undefined) each((id, entity) => missed(id) && consider(id, entity));
    else for (const id of index.posts.keys()) if (missed(id)) consider(id, g.getNodeAttributes(id));
  }
  // best first; equally good matches in the order the entities were added (the graph's order)
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.entity);
}

/** `day`: the last day of `filter.activeOn`, if given. */
function linkPasses(l: Link, filter: LinkFilter, day: string | undefined): boolean {
  if (!oneOf(l.kind, filter.kind)) return false;
  if (filter.source !== undefined && l.source !== filter.source) return false;
  if (filter.target !== undefined && l.target !== filter.target) return false;
  if (filter.tag !== undefined && !l.tags.includes(filter.tag)) return false;
  return day === undefined || linkStatusOn(l, day) !== 'inactive';
}

/** The filter's conditions on the engagement itself (not its dates). */
function engagementPasses(e: Engagement, filter: EngagementFilter): boolean {
  if (!oneOf(e.type, filter.type)) return false;
  if (filter.programme !== undefined && e.programme !== filter.programme) return false;
  return filter.tag === undefined || e.tags.includes(filter.tag);
}

/** The timeline of an entity of a state (see `NetworkView.timeline`). */
function timelineOf(state: NetworkState, id: Id): readonly TimelineItem[] {
  const entity = state.get<Entity>('entity', id);
  if (!entity) return [];
  const items: TimelineItem[] = [];
  if (entity.since !== undefined)
    items.push(frozen({ kind: 'entity', date: entity.since, event: 'since', entity }));
  if (entity.until !== undefined)
    items.push(frozen({ kind: 'entity', date: entity.until, event: 'until', entity }));
  state.graph.forEachEdge(id, (_, link, source, target) => {
    const other = source === id ? target : source;
    for (const event of link.events)
      items.push(frozen({ kind: 'link-event', date: event.date, link, event, other }));
  });
  // in the order recorded: the one sort below puts them in date order as `engagements` would
  for (const engagementId of state.referringIds('entity', id, 'engagement')) {
    const engagement = state.get<Engagement>('engagement', engagementId) as Engagement;
    items.push(frozen({ kind: 'engagement', date: engagement.date, engagement }));
  }
  // a stable sort keeps link events of one link in their recorded order on equal dates
  return sortByDate(items, (item) => item.date);
}

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

  /** Links matching the filter. */
  links(filter: LinkFilter = {}): Link[] {
    const g = this.state.graph;
    const day = filter.activeOn === undefined ? undefined : latestDay(filter.activeOn);
    const out: Link[] = [];
    const visit = (_: string, l: Link) => {
      if (linkPasses(l, filter, day)) out.push(l);
    };
    if (filter.entity !== undefined) {
      if (g.hasNode(filter.entity)) g.forEachEdge(filter.entity, visit);
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
      candidates = this.#idsToRecords<Engagement>(
        'engagement',
        this.state.referringIds('entity', filter.entity, 'engagement'),
      );
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

  /** The entities linked to `id`, each once. */
  neighbors(id: Id, filter: NeighborFilter = {}): Entity[] {
    filter = plainInput(filter, 'neighbors filter');
    const g = this.state.graph;
    if (!g.hasNode(id)) return [];
    const out: Entity[] = [];
    const direction = filter.direction ?? 'both';
    if (filter.linkKind === undefined) {
      // each neighbour once, from graphology's adjacency (one entry per neighbour, not per link)
      const visitNeighbor = (_: string, e: Entity) => {
        if (oneOf(e.kind, filter.entityKind)) out.push(e);
      };
      if (direction === 'out') g.forEachOutNeighbor(id, visitNeighbor);
      else if (direction === 'in') g.forEachInNeighbor(id, visitNeighbor);
      else g.forEachNeighbor(id, visitNeighbor);
      return out;
    }
    const seen = new Set<Id>();
    const visit = (_: string, l: Link, source: string, target: string) => {
      if (!oneOf(l.kind, filter.linkKind)) return;
      const other = source === id ? target : source;
      if (seen.has(other)) return;
      const e = g.getNodeAttributes(other);
      if (!oneOf(e.kind, filter.entityKind)) return;
      seen.add(other);
      out.push(e);
    };
    if (direction === 'out') g.forEachOutEdge(id, visit);
    else if (direction === 'in') g.forEachInEdge(id, visit);
    else g.forEachEdge(id, visit);
    return out;
  }

  /**
   * Every dated event that touches an entity (link events, engagements, roles, its own dates), in
   * order. The items are frozen; the timeline of an entity is kept until a write touches it.
   */
  timeline(id: Id): TimelineItem[] {
    const state = this.state;
    return state.answerAbout(id, 'timeline', () => timelineOf(state, id)).slice();
  }

  /**
   * The posts held at an entity, or by a person, oldest first: the line of ambassadors of an
   * embassy, or one person's career. On an `asOf` view, only the posts held on that date.
   */
  roles(id: Id): RoleHolding[] {
    const g = this.state.graph;
    if (!g.hasNode(id)) return [];
    const out: RoleHolding[] = [];
    g.forEachEdge(id, (_, link) => {
      if (link.kind === 'role') out.push(roleHolding(link));
    });
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

/** `asOf` of the state `source` gives (it may change, as a network's projection does). */
function asOfView(source: () => NetworkState, day: string): NetworkView {
  // a Date past year 9999 (`+010000-01-01`) compares as a string only: the projection handles it
  return isPlainDay(day) ? new AsOfView(source, day) : new NetworkView(projectAsOf(source(), day));
}

/** Freezes a record made here (what it holds is frozen already), keeping its type. */
function frozen<T>(value: T): T {
  return Object.freeze(value) as T;
}

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
 * The network on one day of valid time, read lazily: every method answers what it answers on
 * `new NetworkView(projectAsOf(state, day))`, from the state filtered by its valid-time index,
 * without building that projection. What is not worth answering lazily (the graph, `state` for code
 * that reads it, an `asOf` of this view) builds the projection once per version of the state.
 */
class AsOfView extends NetworkView {
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
      const events = link.events.filter((e) => earliestDay(e.date) <= this.#day);
      cut = events.length === link.events.length ? link : frozen({ ...link, events: frozen(events) });
      r.cutLinks.set(position, cut);
    }
    return cut;
  }

  /** The engagement at `position` (its slot in the index), with only the participants there on the day. */
  #cutEngagement(r: Reading, index: ValidTimeIndex, position: number): Engagement {
    const engagement = index.engagementRecords[position] as Engagement;
    if (index.engagementMayCut[position] === 0) return engagement;
    let cut = r.cutEngagements.get(position);
    if (cut === undefined) {
      const participants = engagement.participants.filter((p) => this.#hasEntity(index, p.entity));
      cut =
        participants.length === engagement.participants.length
          ? engagement
          : frozen({ ...engagement, participants: frozen(participants) });
      r.cutEngagements.set(position, cut);
    }
    return cut;
  }

  /**
   * The links at an entity that are there on the day (their slots), in the order the
   * projection's graph lists them: its in-links, then its out-links.
   */
  #incident(state: NetworkState, index: ValidTimeIndex, id: Id, direction: 'in' | 'out' | 'both'): number[] {
    const e = index.entityAt.get(id);
    const out: number[] = [];
    if (e === undefined || !index.hasEntity(e, this.#dayNumber)) return out;
    if (direction !== 'out') index.linksAt(state, id, true, this.#dayNumber, out);
    if (direction !== 'in') index.linksAt(state, id, false, this.#dayNumber, out);
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
    const { state, index, r } = this.#indexed();
    const day = filter.activeOn === undefined ? undefined : latestDay(filter.activeOn);
    const out: Link[] = [];
    if (filter.entity !== undefined) {
      for (const position of this.#incident(state, index, filter.entity, 'both')) {
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
      positions =
        e !== undefined && index.hasEntity(e, day) ? index.engagementsAt(state, filter.entity, day) : [];
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
    const { state, index } = this.#indexed();
    const seen = new Set<Id>();
    const out: Entity[] = [];
    for (const position of this.#incident(state, index, id, filter.direction ?? 'both')) {
      const link = index.linkRecords[position] as Link;
      if (!oneOf(link.kind, filter.linkKind)) continue;
      const other = link.source === id ? link.target : link.source;
      if (seen.has(other)) continue;
      const e = state.graph.getNodeAttributes(other);
      if (!oneOf(e.kind, filter.entityKind)) continue;
      seen.add(other);
      out.push(e);
    }
    return out;
  }

  override timeline(id: Id): TimelineItem[] {
    const entity = this.entity(id);
    if (!entity) return [];
    const { state, index, r } = this.#indexed();
    const items: TimelineItem[] = [];
    if (entity.since !== undefined)
      items.push({ kind: 'entity', date: entity.since, event: 'since', entity });
    if (entity.until !== undefined)
      items.push({ kind: 'entity', date: entity.until, event: 'until', entity });
    for (const position of this.#incident(state, index, id, 'both')) {
      const cut = this.#cutLink(r, index, position, index.linkRecords[position] as Link);
      const other = cut.source === id ? cut.target : cut.source;
      for (const event of cut.events)
        items.push({ kind: 'link-event', date: event.date, link: cut, event, other });
    }
    for (const engagement of this.engagements({ entity: id })) {
      items.push({ kind: 'engagement', date: engagement.date, engagement });
    }
    return sortByDate(items, (item) => item.date);
  }

  override roles(id: Id): RoleHolding[] {
    const { state, index, r } = this.#indexed();
    const out: RoleHolding[] = [];
    for (const position of this.#incident(state, index, id, 'both')) {
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
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((days[mid] as number) < day) low = mid + 1;
    else high = mid;
  }
  return low;
}
