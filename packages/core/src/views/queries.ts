import type { StoredRecord } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import {
  foldForSearch,
  isJapanese,
  matchesInPieces,
  matchScore,
  type SearchIndex,
} from '../indexes/search.js';
import { partitionPoint } from '../indexes/sorted.js';
import { dateKey, keptKey, stableOrder } from '../indexes/valid-time-spans.js';
import { type CountryGroup, isInGroup } from '../model/countries.js';
import type { Id } from '../model/ids.js';
import type { EngagementType, EntityKind, LinkKind } from '../model/kinds.js';
import type { BilingualName } from '../model/names.js';
import type { Engagement, Entity, Link, LinkEvent } from '../model/records.js';
import { linkStatusOn, sortedEvents } from '../model/valid-time.js';
import { EVENT_ROW, type LinksEntry } from '../projection/links-by-entity.js';
import type { KeptWrite, NetworkState } from '../projection/state.js';
import { earliestDay, latestDay } from '../time/partial-date.js';

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

export function oneOf<T>(value: T, wanted: T | readonly T[] | undefined): boolean {
  if (wanted === undefined) return true;
  return Array.isArray(wanted) ? (wanted as readonly T[]).includes(value) : value === wanted;
}

export function entityPasses(e: Entity, filter: EntityFilter): boolean {
  if (!oneOf(e.kind, filter.kind)) return false;
  if (filter.country !== undefined && (e.country === undefined || !oneOf(e.country, filter.country)))
    return false;
  if (filter.group !== undefined && (e.country === undefined || !isInGroup(e.country, filter.group)))
    return false;
  return filter.tag === undefined || e.tags.includes(filter.tag);
}

/** A post from a `role` link: from its first start, to its end if its last event ends it. */
export function roleHolding(link: Link): RoleHolding {
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

/** Posts oldest first (a stable sort: posts from the same day stay in the order their links were made). */
export function byStart(holdings: RoleHolding[]): RoleHolding[] {
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
export function searchIn(
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
export function linkPasses(l: Link, filter: LinkFilter, day: string | undefined): boolean {
  if (!oneOf(l.kind, filter.kind)) return false;
  if (filter.source !== undefined && l.source !== filter.source) return false;
  if (filter.target !== undefined && l.target !== filter.target) return false;
  if (filter.tag !== undefined && !l.tags.includes(filter.tag)) return false;
  return day === undefined || linkStatusOn(l, day) !== 'inactive';
}

/** The filter's conditions on the engagement itself (not its dates). */
export function engagementPasses(e: Engagement, filter: EngagementFilter): boolean {
  if (!oneOf(e.type, filter.type)) return false;
  if (filter.programme !== undefined && e.programme !== filter.programme) return false;
  return filter.tag === undefined || e.tags.includes(filter.tag);
}

/** The timeline items of an entity's own dates (`since` before `until`). */
export function ownItems(entity: Entity): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const event of ['since', 'until'] as const) {
    const date = entity[event];
    if (date !== undefined) items.push(frozen({ kind: 'entity', date, event, entity }));
  }
  return items;
}

/** The timeline of an entity of a state (see `NetworkView.timeline`). */
export function timelineOf(state: NetworkState, id: Id): TimelineItem[] {
  const entity = state.get<Entity>('entity', id);
  if (!entity) return [];
  // the entity's own dates, its links' events (links in the order they were made, a link's events
  // in its order), its engagements in the order taken in: the order of equal dates. The state
  // keeps the keys of their dates and what the link events' items hold as lists: a hub's first
  // timeline sorts the keys, then makes each item in its place, and of the records (they lie all
  // over the heap) reads only each engagement's date
  const own = ownItems(entity);
  const entry = state.linksAt.entry(id);
  const ids = state.linksAt.ids;
  const rows = entry?.events ?? [];
  const engagements = state.engagementsOf(id);
  const known = state.engagementDateKeysOf(id);
  const keys = own.map((item) => dateKey(item.date));
  for (let r = 0; r < rows.length; r += EVENT_ROW)
    keys.push(keptKey(rows[r + 2] as number, rows[r + 3] as string));
  const m = keys.length;
  for (let i = 0; i < known.length; i++) {
    const key = known[i] as number;
    // (the record's date read only when its key is not kept)
    keys.push(key >= 0 ? key : dateKey((engagements[i] as Engagement).date));
  }
  const order = stableOrder(keys);
  const out: TimelineItem[] = new Array(keys.length);
  for (let k = 0; k < out.length; k++) {
    const at = order[k] as number;
    if (at < own.length) out[k] = own[at] as TimelineItem;
    else if (at < m) {
      const r = (at - own.length) * EVENT_ROW;
      const place = rows[r] as number;
      out[k] = Object.freeze({
        kind: 'link-event',
        date: rows[r + 3] as string,
        link: (entry as LinksEntry).links[place] as Link,
        event: rows[r + 1] as LinkEvent,
        other: ids[((entry as LinksEntry).ends[place] as number) >> 1] as Id,
      });
    } else {
      const engagement = engagements[at - m] as Engagement;
      out[k] = Object.freeze({ kind: 'engagement', date: engagement.date, engagement });
    }
  }
  return out;
}

/**
 * Takes a write into the kept timeline of entity `id` (see `NetworkState.answerAbout`), where
 * `timelineOf` would now put what it changed: the items of the entity's record, or of an engagement
 * or a link written, are taken out and the new ones put in (a neighbour's record is not in it).
 * Items of one date key stay in the order `timelineOf` gives them (its sort is stable): the
 * entity's own, then link events (links in the order they were made, events in a link's order), then
 * engagements in the order the state lists the entity's engagements; those orders are read from
 * the state only when the date key has other items of the kind. False when the timeline is not
 * what this expects (or the entity was created or removed): it is computed again.
 */
export function takeIntoTimeline(
  state: NetworkState,
  id: Id,
  items: TimelineItem[],
  write: KeptWrite,
): boolean {
  const { collection, type } = write;
  if (collection === 'entity') {
    // a neighbour's record is not in the timeline (only its id)
    if (write.record.id !== id) return true;
    if (type !== 'update') return false;
    putInEntity(items, write.record as Entity);
    return true;
  }
  if (collection !== 'link' && collection !== 'engagement') return true;
  const was = type === 'create' ? undefined : (write.before ?? write.record);
  const now = type === 'delete' ? undefined : write.record;
  if (collection === 'engagement') {
    const takesPart = (e: StoredRecord | undefined): e is Engagement =>
      e !== undefined && (e as Engagement).participants.some((p) => p.entity === id);
    if (takesPart(was) && !takeOutEngagement(items, was)) return false;
    if (takesPart(now)) putInEngagement(state, id, items, now);
    return true;
  }
  if (was !== undefined && !takeOutLink(items, was as Link)) return false;
  if (now !== undefined) putInLink(state, id, items, now as Link);
  return true;
}

/** The first place in `items` whose date key is above `key` (`orEqual`: at or above it). */
function placeOfKey(items: readonly TimelineItem[], key: number, orEqual = false): number {
  return partitionPoint(items.length, (i) => {
    const k = dateKey((items[i] as TimelineItem).date);
    return orEqual ? k < key : k <= key;
  });
}

function takeOutEngagement(items: TimelineItem[], engagement: Engagement): boolean {
  const key = dateKey(engagement.date);
  const end = placeOfKey(items, key);
  for (let i = placeOfKey(items, key, true); i < end; i++) {
    const item = items[i] as TimelineItem;
    if (item.kind === 'engagement' && item.engagement === engagement) {
      items.splice(i, 1);
      return true;
    }
  }
  return false;
}

/** Puts an engagement in after the items of its date key that come before it. */
function putInEngagement(state: NetworkState, id: Id, items: TimelineItem[], engagement: Engagement): void {
  const key = dateKey(engagement.date);
  let at = placeOfKey(items, key);
  const first = placeOfKey(items, key, true);
  // the engagements of the same key (last in it) that the state lists after this one
  const same = new Set<Id>();
  for (let i = at - 1; i >= first; i--) {
    const item = items[i] as TimelineItem;
    if (item.kind !== 'engagement') break;
    same.add(item.engagement.id);
  }
  if (same.size > 0) {
    let before = 0;
    for (const e of state.engagementsOf(id)) {
      if (e.id === engagement.id) break;
      if (same.has(e.id)) before++;
    }
    at -= same.size - before;
  }
  items.splice(at, 0, frozen({ kind: 'engagement', date: engagement.date, engagement }));
}

/** Puts in the entity's own dates, first among the items of their date keys (`since` before `until`). */
function putInEntity(items: TimelineItem[], entity: Entity): void {
  let o = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TimelineItem;
    if (item.kind !== 'entity') items[o++] = item;
  }
  items.length = o;
  for (const item of ownItems(entity)) {
    const key = dateKey(item.date);
    let at = placeOfKey(items, key, true);
    // (after the since of the same key)
    while (
      at < items.length &&
      (items[at] as TimelineItem).kind === 'entity' &&
      dateKey((items[at] as TimelineItem).date) === key
    )
      at++;
    items.splice(at, 0, item);
  }
}

/** Takes out the events of a link (its record as the timeline holds it). */
function takeOutLink(items: TimelineItem[], link: Link): boolean {
  let o = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TimelineItem;
    if (item.kind !== 'link-event' || item.link !== link) items[o++] = item;
  }
  const found = o < items.length || link.events.length === 0;
  items.length = o;
  return found;
}

/**
 * Puts in the events of a link, each after the items of its date key that come before it: the
 * entity's own, the events of links made before it (asked of the state only when there are such
 * events), its own events before it.
 */
function putInLink(state: NetworkState, id: Id, items: TimelineItem[], link: Link): void {
  const other = link.source === id ? link.target : link.source;
  let rank: Map<Id, number> | undefined;
  const rankOf = (linkId: Id) => {
    if (rank === undefined) {
      const ranks = new Map<Id, number>();
      for (const l of state.linksOf(id)) ranks.set(l.id, ranks.size);
      rank = ranks;
    }
    return rank.get(linkId) as number;
  };
  for (const event of link.events) {
    const key = dateKey(event.date);
    const end = placeOfKey(items, key);
    let at = placeOfKey(items, key, true);
    while (at < end) {
      const item = items[at] as TimelineItem;
      if (item.kind === 'engagement') break;
      if (item.kind === 'link-event' && item.link !== link && rankOf(item.link.id) > rankOf(link.id)) break;
      at++;
    }
    items.splice(at, 0, frozen({ kind: 'link-event', date: event.date, link, event, other }));
  }
}

/** Freezes a record made here (what it holds is frozen already), keeping its type. */
export function frozen<T>(value: T): T {
  return Object.freeze(value) as T;
}
