import type { Entity } from '../model/records.js';

/**
 * Folds text for matching: NFKC (full-width `ＢＯＩ` → `BOI`, half-width `ﾀｲ` → `タイ`), lower case,
 * katakana → hiragana, and runs of spaces and punctuation to one space.
 */
export function foldForSearch(text: string): string {
  return text
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
