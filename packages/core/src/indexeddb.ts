/**
 * @musubi/core/indexeddb — the browser's store: a network's log in IndexedDB, opened with
 * `openNetwork(new IndexedDbStore(name))` from the main entry.
 */

export type { ChangesText, PackOptions } from './storage/indexeddb-store.js';
export { DEFAULT_PACKING, IndexedDbStore } from './storage/indexeddb-store.js';
