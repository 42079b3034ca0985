import type { Id } from '../model/ids.js';
import type { Entity, Link } from '../model/records.js';

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

/**
 * The folded strings a person's posts add: each post's title and the names of the entity where it
 * is held (`特命全権大使` at `駐日タイ王国大使館`), so that the holder is found by the post.
 */
export function postKeys(posts: readonly { title: Link['title']; at: Entity }[]): string[] {
  const keys: string[] = [];
  for (const { title, at } of posts) {
    for (const text of [title?.ja, title?.en, at.name.ja, at.name.en, ...at.aliases]) {
      if (text !== undefined) keys.push(foldForSearch(text));
    }
  }
  return keys;
}

/** Japanese script (kana, kanji): text written without spaces between words. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/** Whether text has Japanese script in it. */
export function isJapanese(text: string): boolean {
  return JAPANESE.test(text);
}

/**
 * Whether a folded query written without spaces splits into pieces of two characters or more, each
 * found in one of the keys: Japanese runs words together, so `たい大使` (タイ大使) is `たい`, found in
 * the embassy's name, and `大使`, found in the post's title. Only for queries with Japanese script;
 * a Latin query already separates its words.
 */
export function matchesInPieces(query: string, keys: readonly string[]): boolean {
  if (!isJapanese(query)) return false;
  return query.split(' ').every((word) => splitsIntoPieces(word, keys));
}

function splitsIntoPieces(word: string, keys: readonly string[]): boolean {
  if (word.length < 2) return keys.some((key) => key.includes(word));
  // the first piece begins with the word's first two characters and the last ends with its last
  // two: most entities fail here, before the search for a split
  const head = word.slice(0, 2);
  const tail = word.slice(-2);
  if (!keys.some((key) => key.includes(head)) || !keys.some((key) => key.includes(tail))) return false;
  // reachable[i]: the first i characters split into pieces found in the keys
  const reachable = new Array<boolean>(word.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 2; end <= word.length; end++) {
    for (let start = end - 2; start >= 0 && !reachable[end]; start--) {
      if (!reachable[start]) continue;
      const piece = word.slice(start, end);
      if (keys.some((key) => key.includes(piece))) reachable[end] = true;
    }
  }
  return reachable[word.length] === true;
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
  /** A person's post keys (`postKeys`), apart from the own keys: a name match ranks above them. */
  readonly posts = new Map<Id, string[]>();
  readonly #grams = new Map<string, Set<Id>>();

  /** Each entity's place in the order entities were added (the graph's order): ties keep it. */
  readonly #order = new Map<Id, number>();
  #next = 0;

  /** Indexes an entity; `posts` are its post keys (a person's, see `postKeys`). */
  add(entity: Entity, posts: readonly string[] = []): void {
    if (!this.#order.has(entity.id)) this.#order.set(entity.id, this.#next++);
    const keys = searchKeys(entity);
    this.keys.set(entity.id, keys);
    if (posts.length > 0) this.posts.set(entity.id, [...posts]);
    for (const key of [...keys, ...posts]) {
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
  update(entity: Entity, posts: readonly string[] = []): void {
    this.#forget(entity.id);
    this.add(entity, posts);
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
    const posts = this.posts.get(id) ?? [];
    this.keys.delete(id);
    this.posts.delete(id);
    for (const key of [...keys, ...posts]) {
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
