import type { Id } from '../model/ids.js';
import type { Engagement } from '../model/records.js';

/** One entity's engagements: the records as they were stored, some of them replaced since. */
interface EntityEngagements {
  /** Engagement records in the order taken in; those no longer current are left for later. */
  items: Engagement[];
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
 * of `Set`s of id strings per entity. A record replaced or removed is not looked for in the lists
 * of its participants (a hub takes part in a third of all engagements): it stays there and is
 * known as no longer current because the state holds another record (or none) under its id. A
 * list is compacted when half of it is not current any more, and when it is read.
 */
export class EngagementsByEntity {
  readonly #lists = new Map<Id, EntityEngagements>();
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
    for (let i = 0; i < participants.length; i++) {
      const entity = (participants[i] as Engagement['participants'][number]).entity;
      if (metBefore(participants, i, entity)) continue;
      const list = this.#lists.get(entity);
      if (list === undefined) {
        if (added) this.#lists.set(entity, { items: [engagement], live: 1 });
      } else if (added) {
        list.items.push(engagement);
        list.live++;
      } else if (--list.live === 0) this.#lists.delete(entity);
      else if (list.items.length >= COMPACT_FROM && list.live * 2 < list.items.length) this.#compact(list);
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
    const list = this.#lists.get(entity);
    if (list === undefined) return [];
    if (list.live < list.items.length) this.#compact(list);
    return list.items;
  }

  /**
   * Keeps the current records only, each where it was last taken in (a record removed and taken in
   * again, or updated back to itself, is in the list twice).
   */
  #compact(list: EntityEngagements): void {
    const kept: Engagement[] = [];
    const seen = new Set<Id>();
    for (let k = list.items.length - 1; k >= 0; k--) {
      const engagement = list.items[k] as Engagement;
      if (this.#current(engagement.id) !== engagement || seen.has(engagement.id)) continue;
      seen.add(engagement.id);
      kept.push(engagement);
    }
    list.items = kept.reverse();
  }
}

/** Whether `entity` is the entity of a participant before the `i`-th (the schema refuses it; the state may be handed anything). */
function metBefore(participants: Engagement['participants'], i: number, entity: Id): boolean {
  for (let j = 0; j < i; j++)
    if ((participants[j] as Engagement['participants'][number]).entity === entity) return true;
  return false;
}
