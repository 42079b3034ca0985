import { dateKeyOrNaN } from '../indexes/valid-time-spans.js';
import type { Id } from '../model/ids.js';
import type { Engagement } from '../model/records.js';

/** A shared participant object (see `record-interning.ts`). */
export type SharedParticipant = { readonly entity: Id; readonly role: string };

/**
 * What the projection keeps per entity, in one `Map` entry: its engagements (the records as they
 * were stored, some of them replaced since) and its shared participant objects (`RecordInterning`):
 * one `Map` instead of two, and the entry the sharing of a participant reads is the one `added`
 * reads next (at hand in the cache when a big log is replayed).
 */
export interface EntityEntry {
  /**
   * The entity's shared participant objects, one per role met (`record-interning.ts`): undefined
   * until the entity is met as a participant. The entry goes when the entity is removed (none of
   * its engagements is current then).
   */
  participants: SharedParticipant[] | undefined;
  /** Engagement records in the order taken in; those no longer current are left for later. */
  items: Engagement[];
  /** The `dateKey` of each of `items`' dates (NaN: a date `dateKey` refuses), read as each was taken in. */
  keys: number[];
  /** How many of `items` are current (the others: removed, replaced, or met again later on). */
  live: number;
}

/** Below this length a list is not compacted on a write: a read does it. */
const COMPACT_FROM = 32;

/**
 * The reverse references from engagements to the entities taking part in them: for each entity,
 * its engagements in the order the state took them in, as a `Set` of ids kept that order (a
 * create puts the engagement last; an update takes it out and puts it last again; a removal takes
 * it out). Timelines rely on that order to break ties between equal dates.
 *
 * Replaying a log adds one reference per participant (600,000 at scale M), so a write costs one
 * `Map` look-up and one push onto a list of the engagement records themselves, instead of a `Map`
 * of `Set`s of id strings per entity (the entry `RecordInterning` has just read, where it keeps
 * the entity's shared participant objects: one entry per entity for both). A record replaced or
 * removed is not looked for in the lists of its participants (a hub takes part in a third of all
 * engagements): it stays there and is known as no longer current because the state holds another
 * record (or none) under its id. A list is compacted when half of it is not current any more, and
 * when it is read.
 *
 * Beside each record it keeps the key of its date in date order, read as the record is taken in
 * (when it is at hand): a hub's first timeline then sorts numbers it has, without reading the date
 * of each of tens of thousands of records scattered over the heap.
 */
export class EngagementsByEntity {
  /** Per entity, its engagements and its shared participants (shared with `RecordInterning`). */
  readonly entries = new Map<Id, EntityEntry>();
  /** The engagement record the state holds under an id. */
  readonly #current: (id: Id) => unknown;
  constructor(current: (id: Id) => unknown) {
    this.#current = current;
  }

  /** Takes in an engagement just stored (created, or the new version of an update). */
  added(engagement: Engagement): void {
    this.#participants(engagement, true);
  }

  /**
   * An engagement record the state no longer holds (removed, or replaced by an update): call it
   * after the state stopped holding it.
   */
  dropped(engagement: Engagement): void {
    this.#participants(engagement, false);
  }

  /** Counts the engagement in (pushed last) or out of the lists of its participants. */
  #participants(engagement: Engagement, added: boolean): void {
    const participants = engagement.participants;
    const key = added ? dateKeyOrNaN(engagement.date) : 0;
    for (let i = 0; i < participants.length; i++) {
      const entity = (participants[i] as Engagement['participants'][number]).entity;
      if (metBefore(participants, i, entity)) continue;
      const list = this.entries.get(entity);
      if (list === undefined) {
        if (added)
          this.entries.set(entity, { participants: undefined, items: [engagement], keys: [key], live: 1 });
      } else if (added) {
        list.items.push(engagement);
        list.keys.push(key);
        list.live++;
      } else if (--list.live === 0) {
        // (the entry stays, with the entity's shared participants, until the entity is removed)
        list.items = [];
        list.keys = [];
      } else if (list.items.length >= COMPACT_FROM && list.live * 2 < list.items.length) this.#compact(list);
    }
  }

  /** The ids of the entity's engagements, in the order taken in (see the class). */
  ids(entity: Id): ReadonlySet<Id> {
    return new Set(this.records(entity).map((engagement) => engagement.id));
  }

  /**
   * The entity's engagement records (those the state holds), in the order taken in: the list
   * itself, without a set of ids or a look-up per engagement (a hub's timeline reads tens of
   * thousands). Read it before the next write, which changes it.
   */
  records(entity: Id): readonly Engagement[] {
    const list = this.entries.get(entity);
    if (list === undefined) return [];
    if (list.live < list.items.length) this.#compact(list);
    return list.items;
  }

  /**
   * The `dateKey` of the date of each of `records(entity)` (NaN: a date it refuses), read as each
   * was taken in, in the order of `records(entity)`: read them before the next write.
   */
  dateKeys(entity: Id): readonly number[] {
    const list = this.entries.get(entity);
    if (list === undefined) return [];
    if (list.live < list.items.length) this.#compact(list);
    return list.keys;
  }

  /** Each entity's lists as long as they are (the records no longer current left out), without room to grow. */
  trim(): void {
    for (const list of this.entries.values()) {
      if (list.live < list.items.length) this.#compact(list);
      else {
        list.items = list.items.slice();
        list.keys = list.keys.slice();
      }
    }
  }

  /**
   * Keeps the current records only, each where it was last taken in (a record removed and taken in
   * again, or updated back to itself, is in the list twice).
   */
  #compact(list: EntityEntry): void {
    const kept: Engagement[] = [];
    const keys: number[] = [];
    const seen = new Set<Id>();
    for (let k = list.items.length - 1; k >= 0; k--) {
      const engagement = list.items[k] as Engagement;
      if (this.#current(engagement.id) !== engagement || seen.has(engagement.id)) continue;
      seen.add(engagement.id);
      kept.push(engagement);
      keys.push(list.keys[k] as number);
    }
    list.items = kept.reverse();
    list.keys = keys.reverse();
  }
}

/** Whether `entity` is the entity of a participant before the `i`-th (the schema refuses it; the state may be handed anything). */
function metBefore(participants: Engagement['participants'], i: number, entity: Id): boolean {
  for (let j = 0; j < i; j++)
    if ((participants[j] as Engagement['participants'][number]).entity === entity) return true;
  return false;
}
