import { MusubiError } from '../errors.js';
import type { Collection, StoredRecord } from '../history/change.js';
import { type CountryGroup, isInGroup } from '../model/countries.js';
import type { Id } from '../model/ids.js';
import type { EngagementType, EntityKind, LinkKind } from '../model/kinds.js';
import type { BilingualName } from '../model/names.js';
import type { Engagement, Entity, Link, LinkEvent } from '../model/records.js';
import { comparePartialDates, earliestDay, latestDay } from '../time/partial-date.js';
import { projectAsOf } from './as-of.js';
import { readonlyGraph } from './readonly-graph.js';
import { foldForSearch, matchScore } from './search.js';
import type { NetworkGraph, NetworkState } from './state.js';
import { dayOf, engagementDay, linkStatusOn, sortedEvents } from './valid-time.js';

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

  /** @internal the projection behind this view. */
  protected get state(): NetworkState {
    return this.#state;
  }

  static {
    stateOf = (view) => view.state;
  }

  /** The graphology multigraph of the view: entities as nodes, links as edges. Read-only. */
  get graph(): NetworkGraph {
    this.#graph ??= readonlyGraph(this.#state.graph);
    return this.#graph;
  }

  /** The entity with this id, or undefined. */
  entity(id: Id): Entity | undefined {
    return this.#state.get<Entity>('entity', id);
  }

  /** Entities matching the filter, in insertion order. */
  entities(filter: EntityFilter = {}): Entity[] {
    const out: Entity[] = [];
    this.#state.graph.forEachNode((_, e) => {
      if (!oneOf(e.kind, filter.kind)) return;
      if (filter.country !== undefined && (e.country === undefined || !oneOf(e.country, filter.country)))
        return;
      if (filter.group !== undefined && (e.country === undefined || !isInGroup(e.country, filter.group)))
        return;
      if (filter.tag !== undefined && !e.tags.includes(filter.tag)) return;
      out.push(e);
    });
    return out;
  }

  /** The link with this id, or undefined. */
  link(id: Id): Link | undefined {
    return this.#state.get<Link>('link', id);
  }

  /** Links matching the filter. */
  links(filter: LinkFilter = {}): Link[] {
    const g = this.#state.graph;
    const day = filter.activeOn === undefined ? undefined : latestDay(filter.activeOn);
    const out: Link[] = [];
    const visit = (_: string, l: Link) => {
      if (!oneOf(l.kind, filter.kind)) return;
      if (filter.source !== undefined && l.source !== filter.source) return;
      if (filter.target !== undefined && l.target !== filter.target) return;
      if (filter.tag !== undefined && !l.tags.includes(filter.tag)) return;
      if (day !== undefined && linkStatusOn(l, day) === 'inactive') return;
      out.push(l);
    };
    if (filter.entity !== undefined) {
      if (g.hasNode(filter.entity)) g.forEachEdge(filter.entity, visit);
    } else g.forEachEdge(visit);
    return out;
  }

  /** The engagement with this id, or undefined. */
  engagement(id: Id): Engagement | undefined {
    return this.#state.get<Engagement>('engagement', id);
  }

  /** Engagements matching the filter, by date. */
  engagements(filter: EngagementFilter = {}): Engagement[] {
    let candidates: Iterable<Engagement>;
    if (filter.entity !== undefined) {
      candidates = this.#idsToRecords<Engagement>(
        'engagement',
        this.#state.referringIds('entity', filter.entity, 'engagement'),
      );
    } else if (filter.programme !== undefined) {
      candidates = this.#idsToRecords<Engagement>(
        'engagement',
        this.#state.referringIds('programme', filter.programme, 'engagement'),
      );
    } else candidates = this.#state.engagementsByDay();
    const sorted = filter.entity === undefined && filter.programme === undefined;
    const from = filter.from === undefined ? undefined : earliestDay(filter.from);
    const to = filter.to === undefined ? undefined : latestDay(filter.to);
    const out: Engagement[] = [];
    for (const e of candidates) {
      if (!oneOf(e.type, filter.type)) continue;
      if (filter.programme !== undefined && e.programme !== filter.programme) continue;
      if (filter.tag !== undefined && !e.tags.includes(filter.tag)) continue;
      const day = engagementDay(e);
      if (from !== undefined && day < from) continue;
      if (to !== undefined && day > to) continue;
      out.push(e);
    }
    return sorted ? out : out.sort((a, b) => comparePartialDates(a.date, b.date));
  }

  *#idsToRecords<T extends StoredRecord>(collection: Collection, ids: Iterable<Id>): Iterable<T> {
    for (const id of ids) {
      const r = this.#state.get<T>(collection, id);
      if (r) yield r;
    }
  }

  /** Any stored record by collection and id (programmes, indicators, figures…). */
  record<T extends StoredRecord>(collection: Collection, id: Id): T | undefined {
    return this.#state.get<T>(collection, id);
  }

  /** All records of a collection. */
  records<T extends StoredRecord>(collection: Collection): T[] {
    if (collection === 'entity') return this.entities() as unknown as T[];
    if (collection === 'link') return this.links() as unknown as T[];
    return [...(this.#state.records.get(collection)?.values() ?? [])] as T[];
  }

  /** The entities linked to `id`, each once. */
  neighbors(id: Id, filter: NeighborFilter = {}): Entity[] {
    const g = this.#state.graph;
    if (!g.hasNode(id)) return [];
    const seen = new Set<Id>();
    const out: Entity[] = [];
    const direction = filter.direction ?? 'both';
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

  /** Every dated event that touches an entity (link events, engagements, roles, its own dates), in order. */
  timeline(id: Id): TimelineItem[] {
    const entity = this.entity(id);
    if (!entity) return [];
    const items: TimelineItem[] = [];
    if (entity.since !== undefined)
      items.push({ kind: 'entity', date: entity.since, event: 'since', entity });
    if (entity.until !== undefined)
      items.push({ kind: 'entity', date: entity.until, event: 'until', entity });
    this.#state.graph.forEachEdge(id, (_, link, source, target) => {
      const other = source === id ? target : source;
      for (const event of link.events)
        items.push({ kind: 'link-event', date: event.date, link, event, other });
    });
    for (const engagement of this.engagements({ entity: id })) {
      items.push({ kind: 'engagement', date: engagement.date, engagement });
    }
    // a stable sort keeps link events of one link in their recorded order on equal dates
    return items.sort((a, b) => comparePartialDates(a.date, b.date));
  }

  /**
   * The posts held at an entity, or by a person, oldest first: the line of ambassadors of an
   * embassy, or one person's career. On an `asOf` view, only the posts held on that date.
   */
  roles(id: Id): RoleHolding[] {
    const g = this.#state.graph;
    if (!g.hasNode(id)) return [];
    const out: RoleHolding[] = [];
    g.forEachEdge(id, (_, link) => {
      if (link.kind !== 'role') return;
      const events = sortedEvents(link.events);
      const start =
        events.find((e) => e.type === 'signed') ??
        events.find((e) => e.type === 'revised' || e.type === 'renewed');
      const last = events[events.length - 1];
      out.push({
        link,
        person: link.source,
        entity: link.target,
        title: link.title,
        from: start === undefined ? undefined : earliestDay(start.date),
        to: last?.type === 'ended' ? latestDay(last.date) : undefined,
      });
    });
    return out.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  }

  /**
   * Entities whose Japanese or English name, alias or id matches `text`, best first. Matching is
   * case- and width-insensitive (`ＢＯＩ` finds `BOI`) and treats katakana and hiragana alike.
   */
  search(text: string, options: SearchOptions = {}): Entity[] {
    if (typeof text !== 'string') throw new MusubiError('VALIDATION', 'search() takes text');
    const query = foldForSearch(text);
    if (query === '') return [];
    const index = this.#state.searchIndex();
    const candidates = index.candidates(query);
    const scored: { entity: Entity; score: number }[] = [];
    this.#state.graph.forEachNode((id, entity) => {
      if (candidates !== undefined && !candidates.has(id)) return;
      if (!oneOf(entity.kind, options.kind)) return;
      const score = matchScore(query, index.keys.get(id) ?? []);
      if (score > 0) scored.push({ entity, score });
    });
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, options.limit ?? 50).map((s) => s.entity);
  }

  /**
   * The network as it was in the world on `date` (valid time): links not yet signed or already
   * ended are absent, link histories stop at that date, people hold the posts they held then, and
   * only engagements up to that date are there. A partial date means its last day
   * (`asOf('2017')` is the network at the end of 2017). The result is read-only.
   */
  asOf(date: string | Date): NetworkView {
    return new NetworkView(projectAsOf(this.#state, dayOf(date)));
  }

  /** How many records of each collection the view holds. */
  counts(): { entities: number; links: number; engagements: number } {
    return {
      entities: this.#state.graph.order,
      links: this.#state.graph.size,
      engagements: this.#state.records.get('engagement')?.size ?? 0,
    };
  }
}
