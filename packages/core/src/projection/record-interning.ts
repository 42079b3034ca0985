import type { Collection, StoredRecord } from '../changes/change.js';
import type { Id } from '../model/ids.js';

/** One frozen empty list for every record's empty lists (tags, topics, follow-ups, aliases). */
const EMPTY: readonly never[] = Object.freeze([]);

/** How many distinct words (kinds, roles, tags, topics) are shared at most; later ones are kept as they come. */
const MAX_WORDS = 100_000;

/** The list fields a record of each collection may hold empty, and its fields that hold words. */
const emptyLists: Partial<Record<Collection, readonly string[]>> = {
  entity: ['aliases', 'tags'],
  link: ['tags'],
  engagement: ['topics', 'followUps', 'tags'],
};

type Participant = { readonly entity: Id; readonly role: string };

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
  /** Per entity id, its shared participant objects (one per role seen). */
  readonly #participants = new Map<Id, Participant[]>();
  /** The stored record's own id string of a record that exists, or undefined. */
  readonly #idOf: (collection: Collection, id: Id) => Id | undefined;

  constructor(idOf: (collection: Collection, id: Id) => Id | undefined) {
    this.#idOf = idOf;
  }

  /** One string per value, for values that repeat (kinds, roles, operations, authors, tags). */
  word<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const known = this.#words.get(value);
    if (known !== undefined) return known as T;
    if (this.#words.size < MAX_WORDS) this.#words.set(value, value);
    return value;
  }

  /** The referenced record's own id string (references are checked before a record is stored). */
  #ref(collection: Collection, id: unknown): unknown {
    return typeof id === 'string' ? (this.#idOf(collection, id) ?? id) : id;
  }

  /**
   * Rewrites a record that is about to be stored (not yet frozen) in place so that it shares what
   * it repeats. Its JSON does not change. True for an engagement whose participants all became
   * shared participants, which only entities that exist have: the caller need not look each
   * participant's entity up again (false says nothing).
   */
  share(collection: Collection, record: StoredRecord): boolean {
    if (Object.isFrozen(record)) return false;
    const r = record as unknown as Record<string, unknown>;
    for (const field of emptyLists[collection] ?? []) {
      const list = r[field];
      if (Array.isArray(list) && list.length === 0 && !Object.isFrozen(list)) r[field] = EMPTY;
    }
    if (collection === 'entity') {
      r.kind = this.word(r.kind);
      this.#shareWords(r.tags);
    } else if (collection === 'link') {
      r.kind = this.word(r.kind);
      r.source = this.#ref('entity', r.source);
      r.target = this.#ref('entity', r.target);
      this.#shareWords(r.tags);
    } else if (collection === 'engagement') {
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
        return all;
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
    let shared = this.#participants.get(entity);
    if (shared !== undefined) for (const candidate of shared) if (candidate.role === role) return candidate;
    const id = shared === undefined ? this.#idOf('entity', entity) : (shared[0] as Participant).entity;
    if (id === undefined) return undefined;
    if (shared === undefined) {
      shared = [];
      this.#participants.set(id, shared);
    }
    const made: Participant = Object.freeze({ entity: id, role: this.word(role) });
    shared.push(made);
    return made;
  }

  /** Forgets what was shared for a removed record (an entity's participant objects). */
  removed(collection: Collection, id: Id): void {
    if (collection === 'entity') this.#participants.delete(id);
  }
}
