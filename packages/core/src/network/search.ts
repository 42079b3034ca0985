import type { Id } from '../model/ids.js';
import type { Entity } from '../model/records.js';

/**
 * Folds text for matching: NFKC (full-width `ＢＯＩ` → `BOI`, half-width `ﾀｲ` → `タイ`), lower case,
 * Latin diacritics dropped (`São Paulo` → `sao paulo`; the kana voicing marks stay: `ガ` ≠ `カ`),
 * katakana → hiragana, and runs of spaces and punctuation to one space.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s\u3000・･·、。,.()（）「」『』\-‐–—_/]+/g, ' ')
    .trim();
}

/** The folded strings an entity can be found by: its names, aliases and id. */
export function searchKeys(entity: Entity): string[] {
  const keys = [entity.name.ja, entity.name.en, ...entity.aliases, entity.id].filter(
    (k): k is string => k !== undefined,
  );
  return keys.map(foldForSearch);
}

/** How well a folded query matches folded keys: 3 exact, 2 prefix, 1 word prefix or substring, 0 none. */
export function matchScore(query: string, keys: readonly string[]): number {
  let best = 0;
  for (const key of keys) {
    if (key === query) return 3;
    if (key.startsWith(query)) best = Math.max(best, 2);
    else if (key.includes(query)) best = Math.max(best, 1);
    // a query of several words matches when every word is found, in any order
    else if (query.includes(' ') && query.split(' ').every((w) => key.includes(w))) best = Math.max(best, 1);
  }
  // or when each word is found in one of the keys (`thailand boi`: a name word and an alias)
  if (best === 0 && query.includes(' ')) {
    if (query.split(' ').every((w) => keys.some((key) => key.includes(w)))) best = 1;
  }
  return best;
}

/** The three-character pieces of a folded string (none when it is shorter). */
function trigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= text.length; i++) out.push(text.slice(i, i + 3));
  return out;
}

/**
 * The search keys of every entity and a trigram index over them (as PostgreSQL's pg_trgm): a query
 * word of three characters or more can only be found in an entity that has every trigram of the
 * word, so only those are scored. Kept up to date entity by entity as the state changes.
 */
export class SearchIndex {
  readonly keys = new Map<Id, string[]>();
  readonly #grams = new Map<string, Set<Id>>();

  /** Each entity's place in the order entities were added (the graph's order): ties keep it. */
  readonly #order = new Map<Id, number>();
  #next = 0;

  add(entity: Entity): void {
    if (!this.#order.has(entity.id)) this.#order.set(entity.id, this.#next++);
    const keys = searchKeys(entity);
    this.keys.set(entity.id, keys);
    for (const key of keys) {
      for (const gram of trigrams(key)) {
        let ids = this.#grams.get(gram);
        if (!ids) {
          ids = new Set();
          this.#grams.set(gram, ids);
        }
        ids.add(entity.id);
      }
    }
  }

  /** Re-indexes a changed entity, keeping its place in the order. */
  update(entity: Entity): void {
    this.#forget(entity.id);
    this.add(entity);
  }

  remove(id: Id): void {
    this.#forget(id);
    this.#order.delete(id);
  }

  /** The entity's place in the order of addition (for ties between equally good matches). */
  orderOf(id: Id): number {
    return this.#order.get(id) ?? Number.POSITIVE_INFINITY;
  }

  #forget(id: Id): void {
    const keys = this.keys.get(id);
    if (!keys) return;
    this.keys.delete(id);
    for (const key of keys) {
      for (const gram of trigrams(key)) {
        const ids = this.#grams.get(gram);
        ids?.delete(id);
        if (ids?.size === 0) this.#grams.delete(gram);
      }
    }
  }

  /**
   * The entities that can match a folded query (every match has each query word in one of its
   * keys), or undefined when no word is long enough to narrow the search.
   */
  candidates(query: string): ReadonlySet<Id> | undefined {
    const lists: ReadonlySet<Id>[] = [];
    for (const word of query.split(' ')) {
      for (const gram of trigrams(word)) {
        const ids = this.#grams.get(gram);
        if (!ids) return new Set();
        lists.push(ids);
      }
    }
    if (lists.length === 0) return undefined;
    // from the shortest list: a common trigram's list can hold thousands of ids
    lists.sort((a, b) => a.size - b.size);
    const [shortest, ...rest] = lists as [ReadonlySet<Id>, ...ReadonlySet<Id>[]];
    const found = new Set<Id>();
    for (const id of shortest) if (rest.every((ids) => ids.has(id))) found.add(id);
    return found;
  }
}
