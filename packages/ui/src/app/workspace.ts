/**
 * Where the network lives in the browser: a log in IndexedDB (the core's `IndexedDbStore`), opened
 * with `openNetwork`. The first start writes the example network into it. Opening a file or going
 * back to the example writes the new log into a fresh database first, and only when that is saved
 * and replays without error does the app switch to it and drop the old one: a failed open loses
 * nothing.
 */
import { type Change, MemoryStore, openNetwork, type StoredNetwork } from '@musubi/core';
import { IndexedDbStore } from '@musubi/core/indexeddb';

const POINTER_KEY = 'musubi.database';
const DEFAULT_DB = 'musubi';
/** Who the changes made in this browser are recorded as. */
export const AUTHOR_KEY = 'musubi.author';
export const DEFAULT_AUTHOR = 'staff';

function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // the pointer stays at the default database
  }
}

/** Remembers who records in this browser, for the next start. */
export function rememberAuthor(author: string): void {
  writeSetting(AUTHOR_KEY, author);
}

export function currentAuthor(): string {
  return readSetting(AUTHOR_KEY)?.trim() || DEFAULT_AUTHOR;
}

export interface Opened {
  network: StoredNetwork;
  /** How many changes the network was given when it was made (the example, an opened file): undo stops there. */
  base: number;
  /** The database's name, or undefined when IndexedDB could not be used (then nothing is saved). */
  database: string | undefined;
  /** Why IndexedDB could not be used, when it could not. */
  problem?: string;
  /**
   * Settles once the opening's snapshot question is answered: true when a snapshot was kept in the
   * background, false when none was needed (a short opening) or it could not be kept.
   */
  snapshotKept?: Promise<boolean>;
}

/** The example network's log, loaded on first need (a first start, going back to the example). */
async function exampleLog(): Promise<Change[]> {
  const { buildMieNetwork } = await import('@musubi/examples');
  return buildMieNetwork().log();
}

function baseKey(name: string): string {
  return `musubi.base.${name}`;
}

/**
 * After an opening that replayed this many changes or more, a snapshot is kept (once the map is up),
 * so that the next start reads the snapshot and only the changes after it.
 */
export const SNAPSHOT_AFTER = 10_000;

/** Keeps a snapshot in the background when the opening replayed many changes; a failure only costs speed. */
function keepSnapshotIfLong(network: StoredNetwork, after: number): Promise<boolean> {
  if (network.changesSinceSnapshot < after) return Promise.resolve(false);
  return new Promise((resolve) => {
    setTimeout(() => {
      network.saveSnapshot().then(
        () => resolve(true),
        (error: unknown) => {
          console.warn('Musubi: the snapshot could not be kept; the next start replays the whole log', error);
          resolve(false);
        },
      );
    }, 1_000);
  });
}

/** Opens the database `name`, writing `log` (or the example) into it first when it is empty. */
async function openWith(
  name: string,
  log: readonly Change[] | undefined,
  snapshotAfter = SNAPSHOT_AFTER,
): Promise<Opened> {
  const store = await IndexedDbStore.open(name);
  try {
    if ((await store.lastSeq()) === 0) {
      const first = log ?? (await exampleLog());
      await store.append(first);
      writeSetting(baseKey(name), String(first.length));
    }
    const network = await openNetwork(store, { author: currentAuthor() });
    const snapshotKept = keepSnapshotIfLong(network, snapshotAfter);
    const base = Number(readSetting(baseKey(name)) ?? '1');
    return { network, base: Number.isFinite(base) ? base : 1, database: name, snapshotKept };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

/** Opens the saved network, or the example network on the first start. */
export async function openSaved(snapshotAfter = SNAPSHOT_AFTER): Promise<Opened> {
  const name = readSetting(POINTER_KEY) ?? DEFAULT_DB;
  try {
    // ask the browser not to evict the data under storage pressure (best effort)
    void navigator.storage?.persist?.().catch(() => false);
    return await openWith(name, undefined, snapshotAfter);
  } catch (error) {
    const store = new MemoryStore();
    const first = await exampleLog();
    await store.append(first);
    return {
      network: await openNetwork(store, { author: currentAuthor() }),
      base: first.length,
      database: undefined,
      problem: (error as Error)?.message ?? String(error),
    };
  }
}

/**
 * Replaces the open network by `log` (or the example): saved to a new database, then switched to.
 * Throws, leaving everything as it was, when the log cannot be stored or replayed.
 */
export async function replaceSaved(current: Opened, log: readonly Change[] | undefined): Promise<Opened> {
  if (log !== undefined && log.length === 0) throw new Error('the file has no changes');
  if (current.database === undefined) {
    const store = new MemoryStore();
    const first = log ?? (await exampleLog());
    await store.append(first);
    return {
      network: await openNetwork(store, { author: currentAuthor() }),
      base: first.length,
      database: undefined,
    };
  }
  await current.network.whenSaved().catch(() => undefined);
  const name = `${DEFAULT_DB}-${Date.now().toString(36)}`;
  let opened: Opened;
  try {
    opened = await openWith(name, log);
  } catch (error) {
    await deleteDatabase(name);
    throw error;
  }
  writeSetting(POINTER_KEY, name);
  const old = current.database;
  await current.network.close().catch(() => undefined);
  if (old !== name) {
    await deleteDatabase(old);
    try {
      localStorage.removeItem(baseKey(old));
    } catch {
      // a stale setting does no harm
    }
  }
  return opened;
}
