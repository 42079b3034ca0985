import { MultiDirectedGraph } from 'graphology';
import type { Collection, Effect, StoredRecord } from '../changes/change.js';
import { sameJson } from '../changes/proposed-change.js';
import {
  engagementReferencesBeyondParticipants,
  type Reference,
  referencesOf,
} from '../changes/references.js';
import { MusubiError } from '../errors.js';
import type { EngagementColumns } from '../indexes/engagement-columns.js';
import { postKeys, SearchIndex } from '../indexes/search.js';
import { sortByDate } from '../indexes/valid-time-spans.js';
import type { Id } from '../model/ids.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import { engagementDay, linkStart } from '../model/valid-time.js';
import { EngagementsByEntity } from './engagements-by-entity.js';
import { EVENT_ROW, LinksByEntity } from './links-by-entity.js';
import { RecordInterning } from './record-interning.js';

/** The graph of the projection: entities as nodes, links as edges, each keyed by its id. */
export type NetworkGraph = MultiDirectedGraph<Entity, Link>;

type Referrers = Map<Collection, Set<Id>>;

/** How many entities' answers `answerAbout` keeps. */
const KEPT_ANSWERS = 64;

/**
 * How many link events and engagements make an entity busy (see `NetworkState.busiest`): its first
 * timeline takes about 5 ms or more to make (19,000 items at scale L: 17–34 ms, most of it the
 * collections of the young generation that its items survive). Up to 16 times as many: the
 * prefecture itself at L takes part in 620,000 engagements, whose timeline would hold 30 MB.
 */
const BUSY_ITEMS = 4096;

/**
 * A write that may change a kept answer about an entity: to the entity's record, or to a record that
 * refers (or referred) to it. The record created or updated (as it is
 * now) or removed, and an updated record as it was.
 */
export interface KeptWrite {
  readonly type: Effect['type'];
  readonly collection: Collection;
  readonly record: StoredRecord;
  readonly before?: StoredRecord;
}

/**
 * An answer about one entity, and how to keep it up to date when a write may change it (see
 * {@link KeptWrite}): `written` changes the answer in place and says true, or says false when the
 * answer must be computed again.
 */
interface KeptAnswer {
  readonly value: unknown;
  readonly written: ((write: KeptWrite) => boolean) | undefined;
}

const NO_LINKS: readonly Link[] = Object.freeze([]);

/** Freezes a record and everything in it (records are plain JSON: objects, arrays, primitives). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
  } else {
    // for…in without allocating the list of values: replaying a big log freezes every record
    for (const key in value) {
      const item: unknown = value[key];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
  }
  return value;
}

/**
 * The projection of the change log: the current records, the graph, and the reverse references.
 * `apply` is the only way in; it checks every invariant (ids unique, references resolve, nothing
 * removed while in use) before it touches anything, so a refused effect leaves the state unchanged.
 */
export class NetworkState {
  readonly graph: NetworkGraph = new MultiDirectedGraph<Entity, Link>();
  readonly records = new Map<Collection, Map<Id, StoredRecord>>();
  /**
   * For each referenced record, who refers to it (collection → ids), links excluded (the graph has
   * them) and engagements' participants too (`#engagementsOf` has them).
   */
  readonly referrers = new Map<Collection, Map<Id, Referrers>>();
  /**
   * The links of each entity that has any, in the order they were made (an update keeps a link's
   * place; a link removed and made again goes last), with their other ends and events as a hub's
   * first timeline and neighbours read them (`links-by-entity.ts`): not through graphology's
   * adjacency, whose every read enumerates the keys of a dictionary of neighbours.
   */
  readonly linksAt = new LinksByEntity((id) => this.graph.getNodeAttributes(id));
  /** The engagements of each entity, in the order taken in. */
  readonly #engagementsOf = new EngagementsByEntity((id) => this.records.get('engagement')?.get(id));
  /** Grows with every applied effect that touches an entity; caches key on it. */
  entityVersion = 0;
  /** Grows with every applied effect; caches of derived data key on it. */
  version = 0;
  #firstTouch: { version: number; days: Map<Id, string> } | undefined;
  #byDay: { version: number; engagements: readonly Engagement[] } | undefined;
  #search: SearchIndex | undefined;
  #columns: EngagementColumns | undefined;
  /**
   * The valid-time index (`valid-time-index.ts`), once an `asOf` has built it: told every write
   * applied, which it takes in on the next `asOf`.
   */
  validTime: { noted(type: Effect['type'], collection: Collection, id: Id): void } | undefined;
  /** Answers about single entities (their timelines), by entity and question, until a write touches the entity. */
  #aboutEntity = new Map<Id, Map<string, KeptAnswer>>();
  /** What stored records share (strings of references, words, participants, empty lists). */
  readonly interning = new RecordInterning(
    (collection, id) => this.get(collection, id)?.id,
    this.#engagementsOf.entries,
  );

  table(collection: Collection): Map<Id, StoredRecord> {
    let t = this.records.get(collection);
    if (!t) {
      t = new Map();
      this.records.set(collection, t);
    }
    return t;
  }

  get<T extends StoredRecord>(collection: Collection, id: Id): T | undefined {
    if (collection === 'entity')
      return this.graph.hasNode(id) ? (this.graph.getNodeAttributes(id) as never) : undefined;
    if (collection === 'link')
      return this.graph.hasEdge(id) ? (this.graph.getEdgeAttributes(id) as never) : undefined;
    return this.records.get(collection)?.get(id) as T | undefined;
  }

  has(collection: Collection, id: Id): boolean {
    if (collection === 'entity') return this.graph.hasNode(id);
    if (collection === 'link') return this.graph.hasEdge(id);
    return this.records.get(collection)?.has(id) ?? false;
  }

  /** Who refers to the record, as `{ collection, id }` pairs: its links, its engagements, then the others. */
  referrersOf(collection: Collection, id: Id): { collection: Collection; id: Id }[] {
    const out: { collection: Collection; id: Id }[] = [];
    if (collection === 'entity' && this.graph.hasNode(id)) {
      for (const edge of this.graph.edges(id)) out.push({ collection: 'link', id: edge });
      for (const rid of this.#engagementsOf.ids(id)) out.push({ collection: 'engagement', id: rid });
    }
    const refs = this.referrers.get(collection)?.get(id);
    if (refs) for (const [c, ids] of refs) for (const rid of ids) out.push({ collection: c, id: rid });
    return out;
  }

  /**
   * Ids of records of `from` that refer to the given record, in the order they were taken in (a
   * record updated is taken in again: it goes last). Copy it before writing while going through it.
   */
  referringIds(collection: Collection, id: Id, from: Collection): ReadonlySet<Id> {
    if (collection === 'entity' && from === 'engagement') return this.#engagementsOf.ids(id);
    return this.referrers.get(collection)?.get(id)?.get(from) ?? new Set();
  }

  /**
   * The links at the entity (in and out), in the order they were made: the order of an entity's
   * links, its neighbours (each at its first link) and the ties of its timeline everywhere. Read it
   * before the next write, which changes it.
   */
  linksOf(id: Id): readonly Link[] {
    return this.linksAt.entry(id)?.links ?? NO_LINKS;
  }

  /**
   * Gives back the room the lists kept per entity grew with (a list grows by half again and 16 more
   * places): call it when a log or a snapshot has been taken in, after which few entities grow.
   */
  trim(): void {
    this.linksAt.trim();
    this.#engagementsOf.trim();
  }

  /**
   * The entities with {@link BUSY_ITEMS} link events and engagements or more (not 16 times as many),
   * the busiest first, at most a quarter as many as `answerAbout` keeps: those whose timelines a
   * network makes and keeps when it has taken a log or a snapshot in, before a user asks. (Among
   * the entities that take part in engagements: one with thousands of link events and none is rare.)
   */
  busiest(): Id[] {
    const busy: [Id, number][] = [];
    for (const [id, list] of this.#engagementsOf.entries) {
      const items = list.items.length + (this.linksAt.entry(id)?.events.length ?? 0) / EVENT_ROW;
      if (items >= BUSY_ITEMS && items < BUSY_ITEMS * 16) busy.push([id, items]);
    }
    return busy
      .sort((a, b) => b[1] - a[1])
      .slice(0, KEPT_ANSWERS / 4)
      .map(([id]) => id);
  }

  /**
   * The engagements the entity takes part in, in the order taken in (that of `referringIds`), as
   * the records themselves. Read it before the next write, which changes it.
   */
  engagementsOf(id: Id): readonly Engagement[] {
    return this.#engagementsOf.records(id);
  }

  /**
   * The `dateKey` of the date of each of `engagementsOf(id)` (NaN: a date `dateKey` refuses), kept
   * beside the records: read it right after `engagementsOf(id)`.
   */
  engagementDateKeysOf(id: Id): readonly number[] {
    return this.#engagementsOf.dateKeys(id);
  }

  /**
   * For each entity, the first day of anything dated that touches it (the start of a link at
   * either end, an engagement it took part in): where an entity without its own `since` begins in
   * valid time. Computed once per version of the state, since every `asOf` asks for it.
   */
  firstTouchDays(): ReadonlyMap<Id, string> {
    if (this.#firstTouch?.version === this.version) return this.#firstTouch.days;
    const days = new Map<Id, string>();
    const touch = (id: Id, day: string) => {
      const seen = days.get(id);
      if (seen === undefined || day < seen) days.set(id, day);
    };
    this.graph.forEachEdge((_, link) => {
      const start = linkStart(link);
      if (start === undefined) return;
      touch(link.source, start);
      touch(link.target, start);
    });
    for (const record of this.records.get('engagement')?.values() ?? []) {
      const engagement = record as Engagement;
      const day = engagementDay(engagement);
      for (const p of engagement.participants) touch(p.entity, day);
    }
    this.#firstTouch = { version: this.version, days };
    return days;
  }

  /** The search index of the entities: built on the first search, then kept up to date by `apply`. */
  searchIndex(): SearchIndex {
    if (!this.#search) {
      const index = new SearchIndex();
      this.graph.forEachNode((id, entity) => index.add(entity, this.#postKeysOf(id)));
      this.#search = index;
    }
    return this.#search;
  }

  /** A person's post keys for the search index: the titles of their `role` links and where they are held. */
  #postKeysOf(id: Id): string[] {
    const posts: { title: Link['title']; at: Entity }[] = [];
    this.graph.forEachOutEdge(id, (_edge, link, _source, _target, _person, at) => {
      if (link.kind === 'role') posts.push({ title: link.title, at });
    });
    return postKeys(posts);
  }

  /** Re-indexes the entity (its posts changed), and the people holding posts at it (its names did). */
  #reindex(id: Id): void {
    const search = this.#search;
    if (!search || !this.graph.hasNode(id)) return;
    search.update(this.graph.getNodeAttributes(id), this.#postKeysOf(id));
    this.graph.forEachInEdge(id, (_edge, link, source, _target, person) => {
      if (link.kind === 'role') search.update(person, this.#postKeysOf(source));
    });
  }

  /**
   * The engagements as columns, for counting: built on first use (by `make`, which the indicators'
   * subpath passes, so that a page without reports does not carry the columns), then kept up to
   * date by `apply`.
   */
  engagementColumns(make: (entities: number, engagements?: number) => EngagementColumns): EngagementColumns {
    if (!this.#columns) {
      const engagements = this.records.get('engagement');
      const columns = make(this.graph.order, engagements?.size);
      this.graph.forEachNode((_, entity) => columns.created('entity', entity));
      for (const record of engagements?.values() ?? []) columns.created('engagement', record);
      this.#columns = columns;
    }
    return this.#columns;
  }

  /**
   * Every engagement in date order (by first day, a less precise date first on the same day, then
   * in the order recorded): sorted once per version of the state, not on every query.
   */
  engagementsByDay(): readonly Engagement[] {
    if (this.#byDay?.version === this.version) return this.#byDay.engagements;
    const engagements = sortByDate(
      [...((this.records.get('engagement')?.values() ?? []) as Iterable<Engagement>)],
      (e) => e.date,
    );
    this.#byDay = { version: this.version, engagements };
    return engagements;
  }

  /**
   * The answer `compute` gives to `question` about entity `id`, kept until a write touches the
   * entity (the entity itself, a record that refers to it: its links and engagements). At most `KEPT_ANSWERS` entities' answers are kept, the latest asked. With
   * `written`, such a write is taken into the answer instead when it can be (see
   * {@link KeptAnswer}); the state has applied the write when it is called.
   */
  answerAbout<T>(
    id: Id,
    question: string,
    compute: () => T,
    written?: (answer: T, write: KeptWrite) => boolean,
  ): T {
    let answers = this.#aboutEntity.get(id);
    const kept = answers?.get(question);
    if (kept !== undefined) return kept.value as T;
    const answer = compute();
    if (answers === undefined) {
      if (this.#aboutEntity.size >= KEPT_ANSWERS) {
        const oldest = this.#aboutEntity.keys().next().value as Id;
        this.#aboutEntity.delete(oldest);
      }
      answers = new Map();
      this.#aboutEntity.set(id, answers);
    }
    answers.set(question, {
      value: answer,
      written: written === undefined ? undefined : (write) => written(answer, write),
    });
    return answer;
  }

  /**
   * Offers a write to the answers about the entities the record written is or refers to (`refs`),
   * each entity once: those that do not take it in are forgotten.
   */
  #forgetAbout(collection: Collection, id: Id, refs: readonly Reference[], write: KeptWrite): void {
    if (this.#aboutEntity.size === 0) return;
    const met = new Set<Id>();
    if (collection === 'entity') this.#offer(id, write, met);
    for (const ref of refs) if (ref.collection === 'entity') this.#offer(ref.id, write, met);
  }

  /** Each answer about the entity on its own: the write taken in, or the answer forgotten. */
  #offer(entity: Id, write: KeptWrite, met?: Set<Id>): void {
    const answers = this.#aboutEntity.get(entity);
    // (a record that refers to an entity twice is taken in once)
    if (answers === undefined || met?.has(entity)) return;
    met?.add(entity);
    for (const [question, answer] of answers) if (answer.written?.(write) !== true) answers.delete(question);
    if (answers.size === 0) this.#aboutEntity.delete(entity);
  }

  apply(effect: Effect): void {
    this.version++;
    if (effect.collection === 'entity') this.entityVersion++;
    switch (effect.type) {
      case 'create':
        this.create(effect.collection, effect.record);
        break;
      case 'delete':
        this.delete(effect.collection, effect.record.id);
        break;
      case 'update':
        this.update(effect.collection, effect.before, effect.after);
        break;
    }
  }

  private checkReferences(collection: Collection, record: StoredRecord, refs: readonly Reference[]): void {
    for (const ref of refs) {
      if (!this.has(ref.collection, ref.id)) {
        throw new MusubiError(
          'REFERENCE',
          `${collection} ${record.id} refers to unknown ${ref.collection} ${ref.id}`,
          {
            path: ref.path,
            details: { collection, id: record.id, missing: { collection: ref.collection, id: ref.id } },
            params: { reason: 'unknown-reference', collection: ref.collection, id: ref.id },
          },
        );
      }
    }
    if (collection === 'link') {
      const link = record as Link;
      if (link.source === link.target) {
        throw new MusubiError('VALIDATION', `link ${link.id} connects ${link.source} to itself`, {
          path: ['target'],
          details: { id: link.id },
          params: { reason: 'self-loop', id: link.source },
        });
      }
      if (link.kind === 'role' && this.get<Entity>('entity', link.source)?.kind !== 'person') {
        throw new MusubiError(
          'VALIDATION',
          `a role link starts at a person; ${link.source} is not a person`,
          {
            path: ['source'],
            details: { id: link.id, source: link.source },
            params: { reason: 'role-not-person', id: link.source },
          },
        );
      }
    }
  }

  /**
   * Takes the record's references into `referrers` (or out): those of an engagement to its
   * participants go to `#engagementsOf` instead (see `create`, `delete` and `update`).
   */
  private index(
    collection: Collection,
    record: StoredRecord,
    add: boolean,
    refs: readonly Reference[],
  ): void {
    if (collection === 'link') return;
    for (const ref of refs) {
      if (collection === 'engagement' && ref.collection === 'entity') continue;
      let byTarget = this.referrers.get(ref.collection);
      if (!byTarget) {
        byTarget = new Map();
        this.referrers.set(ref.collection, byTarget);
      }
      let from = byTarget.get(ref.id);
      if (!from) {
        if (!add) continue;
        from = new Map();
        byTarget.set(ref.id, from);
      }
      let ids = from.get(collection);
      if (!ids) {
        if (!add) continue;
        ids = new Set();
        from.set(collection, ids);
      }
      if (add) ids.add(record.id);
      else {
        ids.delete(record.id);
        if (ids.size === 0) from.delete(collection);
        if (from.size === 0) byTarget.delete(ref.id);
      }
    }
  }

  private create(collection: Collection, record: StoredRecord): void {
    if (this.has(collection, record.id)) {
      throw new MusubiError('CONFLICT', `${collection} ${record.id} already exists`, {
        path: ['id'],
        details: { collection, id: record.id },
        params: { reason: 'exists', collection, id: record.id },
      });
    }
    // shared first, so that the reverse references hold the referenced records' own id strings
    const referencesFound = this.interning.share(collection, record);
    // a link or an engagement whose references the sharing found (a link's ends, an engagement's
    // participants among the entities and its programme): they are not looked up again (a link is
    // still checked for a loop and for a role that starts at a person), and only an engagement's
    // programme is indexed (a look-up and a few objects fewer per reference when a big log is
    // replayed)
    const refs = referencesFound ? undefined : referencesOf(collection, record);
    this.checkReferences(collection, record, refs ?? []);
    deepFreeze(record);
    if (collection === 'entity') {
      this.graph.addNode(record.id, record as Entity);
      this.#search?.add(record as Entity);
    } else if (collection === 'link') {
      const link = record as Link;
      this.graph.addDirectedEdgeWithKey(link.id, link.source, link.target, link);
      this.linksAt.created(link);
      if (link.kind === 'role') this.#reindex(link.source);
    } else {
      this.table(collection).set(record.id, record);
      if (collection === 'engagement') this.#engagementsOf.added(record as Engagement);
    }
    // (an engagement's references to its participants go to `#engagementsOf`, not to `index`)
    // (`index` leaves a link's alone)
    this.index(
      collection,
      record,
      true,
      refs ?? engagementReferencesBeyondParticipants(record as Engagement),
    );
    this.#columns?.created(collection, record);
    this.validTime?.noted('create', collection, record.id);
    if (this.#aboutEntity.size > 0) {
      const all = refs ?? referencesOf(collection, record);
      this.#forgetAbout(collection, record.id, all, { type: 'create', collection, record });
    }
  }

  private requireExisting(collection: Collection, id: Id): StoredRecord {
    const current = this.get(collection, id);
    if (!current) {
      throw new MusubiError('NOT_FOUND', `${collection} ${id} does not exist`, {
        details: { collection, id },
        params: { reason: 'not-found', collection, id },
      });
    }
    return current;
  }

  private refuseIfReferenced(collection: Collection, id: Id, operation: string): void {
    const refs = this.referrersOf(collection, id);
    if (refs.length === 0) return;
    const named = refs
      .slice(0, 10)
      .map((r) => `${r.collection} ${r.id}`)
      .join(', ');
    const more = refs.length > 10 ? ` and ${refs.length - 10} more` : '';
    throw new MusubiError(
      'REFERENCE',
      `cannot ${operation} ${collection} ${id}: still referenced by ${named}${more} (remove those first, or ask for a cascade)`,
      {
        details: { collection, id, referencedBy: refs },
        params: { reason: 'referenced', collection, id, count: refs.length },
      },
    );
  }

  private delete(collection: Collection, id: Id): void {
    const current = this.requireExisting(collection, id);
    this.refuseIfReferenced(collection, id, 'remove');
    if (collection === 'entity') {
      this.graph.dropNode(id);
      this.#search?.remove(id);
    } else if (collection === 'link') {
      this.graph.dropEdge(id);
      this.linksAt.removed(current as Link);
      if ((current as Link).kind === 'role') this.#reindex((current as Link).source);
    } else {
      this.table(collection).delete(id);
      if (collection === 'engagement') this.#engagementsOf.dropped(current as Engagement);
    }
    this.interning.removed(collection, id);
    const refs = referencesOf(collection, current);
    this.index(collection, current, false, refs);
    this.#columns?.deleted(collection, current);
    this.validTime?.noted('delete', collection, id);
    this.#forgetAbout(collection, id, refs, { type: 'delete', collection, record: current });
  }

  private update(collection: Collection, before: StoredRecord, after: StoredRecord): void {
    const current = this.requireExisting(collection, before.id);
    if (after.id !== before.id) {
      throw new MusubiError('VALIDATION', `an update cannot change the id of ${collection} ${before.id}`, {
        path: ['id'],
        params: { reason: 'id-fixed' },
      });
    }
    if (!sameJson(current, before)) {
      throw new MusubiError('CONFLICT', `${collection} ${before.id} changed since this update was prepared`, {
        details: { collection, id: before.id },
        params: { reason: 'stale', collection, id: before.id },
      });
    }
    this.interning.share(collection, after);
    const refs = referencesOf(collection, after);
    this.checkReferences(collection, after, refs);
    if (collection === 'entity') {
      const was = current as Entity;
      const next = after as Entity;
      if (was.kind === 'person' && next.kind !== 'person') {
        const roles = this.graph
          .outEdges(was.id)
          .filter((e) => this.graph.getEdgeAttribute(e, 'kind') === 'role');
        if (roles.length > 0) {
          throw new MusubiError(
            'REFERENCE',
            `${was.id} holds roles (${roles.join(', ')}) and must stay a person`,
            {
              path: ['kind'],
              details: { id: was.id, roles },
              params: { reason: 'stays-person', id: was.id },
            },
          );
        }
      }
    }
    if (collection === 'link') {
      const was = current as Link;
      const next = after as Link;
      if (was.source !== next.source || was.target !== next.target) {
        throw new MusubiError(
          'VALIDATION',
          `the ends of link ${was.id} cannot change; remove it and add a new one`,
          { path: ['source'], params: { reason: 'ends-fixed' } },
        );
      }
    }
    deepFreeze(after);
    const refsBefore = referencesOf(collection, current);
    this.index(collection, current, false, refsBefore);
    if (collection === 'entity') {
      this.graph.replaceNodeAttributes(after.id, after as Entity);
      this.linksAt.entityWritten(after as Entity);
      this.#reindex(after.id);
    } else if (collection === 'link') {
      this.graph.replaceEdgeAttributes(after.id, after as Link);
      this.linksAt.updated(current as Link, after as Link);
      if ((after as Link).kind === 'role' || (current as Link).kind === 'role')
        this.#reindex((after as Link).source);
    } else {
      this.table(collection).set(after.id, after);
      if (collection === 'engagement') {
        // taken out, then in again: it goes last, as a create would put it
        this.#engagementsOf.dropped(current as Engagement);
        this.#engagementsOf.added(after as Engagement);
      }
    }
    this.index(collection, after, true, refs);
    this.#columns?.updated(collection, current, after);
    this.validTime?.noted('update', collection, after.id);
    // once for an entity referred to before and after
    this.#forgetAbout(collection, after.id, [...refsBefore, ...refs], {
      type: 'update',
      collection,
      record: after,
      before: current,
    });
  }
}
