import type { Collection, StoredRecord } from '../changes/change.js';
import type { Id } from '../model/ids.js';
import type { EntityEntry, SharedParticipant } from './engagements-by-entity.js';

/** One frozen empty list for every record's empty lists (tags, topics, follow-ups, aliases). */
const EMPTY: readonly never[] = Object.freeze([]);

/** How many distinct words (kinds, roles, tags, topics) are shared at most; later ones are kept as they come. */
const MAX_WORDS = 100_000;

/**
 * Whether a list field holds an empty list not frozen yet (replaced by `EMPTY`). The list fields a
 * record may hold empty: an entity's `aliases` and `tags`, a link's `tags`, an engagement's
 * `topics`, `followUps` and `tags`.
 */
function isEmptyList(list: unknown): boolean {
  return Array.isArray(list) && list.length === 0 && !Object.isFrozen(list);
}

type Participant = SharedParticipant;

/**
 * Makes the records the projection stores share what they repeat, before they are frozen: the
 * strings of references (a participant's entity, a link's ends, an engagement's programme) become
 * the referenced record's own id string, kinds, roles, types, tags and topics one string per value,
 * participants one frozen object per entity and role, and empty lists one frozen empty array.
 *
 * Each record parsed from a log holds its own copies of these strings (V8 shares only strings of
 * up to 10 characters that `JSON.parse` makes): at 1,000,000 engagements with three participants
 * each, the copies are most of the heap the records take. The change log holds the same record
 * objects, so what is shared here is saved once for both. A record's JSON stays exactly what it
 * was (the same keys in the same order, the same values): only objects that are equal are shared.
 */
export class RecordInterning {
  readonly #words = new Map<string, string>();
  /**
   * Per entity id, its shared participant objects (one per role seen), in the entry that also holds
   * its engagements (`EngagementsByEntity.entries`).
   */
  readonly #entries: Map<Id, EntityEntry>;
  /** The stored record's own id string of a record that exists, or undefined. */
  readonly #idOf: (collection: Collection, id: Id) => Id | undefined;

  constructor(idOf: (collection: Collection, id: Id) => Id | undefined, entries: Map<Id, EntityEntry>) {
    this.#idOf = idOf;
    this.#entries = entries;
  }

  /** One string per value, for values that repeat (kinds, roles, operations, authors, tags). */
  word<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.#words.get(value);
    if (known !== undefined) return known as T;
    if (this.#words.size < MAX_WORDS) this.#words.set(value, value);
    return value;
  }

  /** Whether a reference `#ref` was handed since `share` began was not found. */
  #missed = false;

  /** The referenced record's own id string (the one handed when there is no such record). */
  #ref(collection: Collection, id: unknown): unknown {
    const found = typeof id === 'string' ? this.#idOf(collection, id) : undefined;
    if (found === undefined) this.#missed = true;
    return found ?? id;
  }

  /**
   * Rewrites a record that is about to be stored (not yet frozen) in place so that it shares what
   * it repeats. Its JSON does not change. True for a link or an engagement whose references all
   * resolve (a link's ends were found; an engagement's participants all became shared
   * participants, which only entities that exist have, and its programme, if any, was found): the
   * caller need not look them up again (false says nothing).
   */
  share(collection: Collection, record: StoredRecord): boolean {
    if (Object.isFrozen(record)) return false;
    const r = record as unknown as Record<string, unknown>;
    this.#missed = false;
    // each field by its name: a loop over a list of names read and wrote them by a key that
    // varies (a keyed access V8 cannot specialise, once per list field of every record replayed)
    if (collection === 'entity') {
      if (isEmptyList(r.aliases)) r.aliases = EMPTY;
      if (isEmptyList(r.tags)) r.tags = EMPTY;
      r.kind = this.word(r.kind);
      this.#shareWords(r.tags);
    } else if (collection === 'link') {
      if (isEmptyList(r.tags)) r.tags = EMPTY;
      r.kind = this.word(r.kind);
      r.source = this.#ref('entity', r.source);
      r.target = this.#ref('entity', r.target);
      this.#shareWords(r.tags);
      return !this.#missed;
    } else if (collection === 'engagement') {
      if (isEmptyList(r.topics)) r.topics = EMPTY;
      if (isEmptyList(r.followUps)) r.followUps = EMPTY;
      if (isEmptyList(r.tags)) r.tags = EMPTY;
      r.type = this.word(r.type);
      if (r.programme !== undefined) r.programme = this.#ref('programme', r.programme);
      this.#shareWords(r.topics);
      this.#shareWords(r.tags);
      const participants = r.participants;
      if (Array.isArray(participants) && !Object.isFrozen(participants)) {
        let all = true;
        for (let i = 0; i < participants.length; i++) {
          const shared = this.#participant(participants[i]);
          if (shared !== undefined) participants[i] = shared;
          else all = false;
        }
        return all && !this.#missed;
      }
    }
    return false;
  }

  /** Shares the strings of a list of words (tags, topics) in place. */
  #shareWords(list: unknown): void {
    if (!Array.isArray(list) || Object.isFrozen(list)) return;
    for (let i = 0; i < list.length; i++) list[i] = this.word(list[i]);
  }

  /**
   * The shared participant equal to `p`: only for `{ entity, role }` with these two keys in this
   * order and string values (anything else is kept as it is, so that its JSON stays the same).
   */
  #participant(p: unknown): Participant | undefined {
    if (typeof p !== 'object' || p === null || Object.isFrozen(p)) return undefined;
    let keys = 0;
    for (const key in p) {
      if ((keys === 0 && key !== 'entity') || (keys === 1 && key !== 'role') || keys === 2) return undefined;
      keys++;
    }
    const { entity, role } = p as { entity: unknown; role: unknown };
    if (keys !== 2 || typeof entity !== 'string' || typeof role !== 'string') return undefined;
    // an entity met before: its participants hold its own id string already (the look-up of the
    // entity is saved, one of several per participant when a big log is replayed). Only entities
    // that exist have shared participants (`removed` forgets them), which `share` tells its caller.
    let entry = this.#entries.get(entity);
    let shared = entry?.participants;
    if (shared !== undefined) for (const candidate of shared) if (candidate.role === role) return candidate;
    const id = shared === undefined ? this.#idOf('entity', entity) : (shared[0] as Participant).entity;
    if (id === undefined) return undefined;
    if (entry === undefined) {
      entry = { participants: undefined, items: [], keys: [], live: 0 };
      this.#entries.set(id, entry);
    }
    if (shared === undefined) {
      shared = [];
      entry.participants = shared;
    }
    const made: Participant = Object.freeze({ entity: id, role: this.word(role) });
    shared.push(made);
    return made;
  }

  /** Forgets what was shared for a removed record (an entity's participant objects, in its entry). */
  removed(collection: Collection, id: Id): void {
    // (with its list of engagements, none of which is current: an entity is removed once none is)
    if (collection === 'entity') this.#entries.delete(id);
  }
}
