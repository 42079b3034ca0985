/**
 * @musubi/core/indexeddb — the browser's store: a network's log in IndexedDB, opened with
 * `openNetwork(new IndexedDbStore(name))` from the main entry.
 */

export { IndexedDbStore } from './storage/indexeddb-store.js';
