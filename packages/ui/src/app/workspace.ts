/**
 * Where the network lives in the browser: a log in IndexedDB (the core's `IndexedDbStore`). A start
 * reads and validates it in a worker (open-in-worker.ts) and replays each part on the page as it
 * comes; the page then holds the one connection that writes; without a worker the page opens it itself (`openNetwork`).
 * The first start writes the example network into it. Opening a file or going
 * back to the example writes the new log into a fresh database first, and only when that is saved
 * and replays without error does the app switch to it and drop the old one: a failed open loses
 * nothing.
 */
import { type Change, MemoryStore, openNetwork, openStoredLog, type StoredNetwork } from '@musubi/core';
import { IndexedDbStore } from '@musubi/core/indexeddb';
import { readInWorker, type WorkerRead } from './open-in-worker.js';
import { startTiming } from './timing.js';

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
  /**
   * Where the log was read and validated: `worker`, or `page` (no worker could run); `written` when
   * the page has just written it (a first start, an opened file) and replayed what it had in hand;
   * `memory` when it lives in memory only (IndexedDB could not be used, or the log was refused).
   */
  openedIn: 'worker' | 'page' | 'written' | 'memory';
}

/** What a start is doing, for the progress message (each step in Japanese and English in i18n). */
export type OpeningProgress =
  /** A worker reads and checks the saved network. */
  | { step: 'reading' }
  /** No worker could run: the page reads and checks the network itself. */
  | { step: 'reading-on-page' }
  /** The page builds the network from the changes read, after the snapshot when there is one. */
  | { step: 'building'; changes: number; fromSnapshot: boolean }
  /** A first start: the example network is written into the browser. */
  | { step: 'example' };

/** Told of each step of a start; the page may wait for the message to be drawn before going on. */
export type ProgressListener = (progress: OpeningProgress) => void | Promise<void>;

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

/**
 * Resolves once the page has been idle after `delay` ms: the first map is then built and drawn. A
 * plain timer fired in the middle of that work at scale M (the snapshot's JSON took 3 s of the
 * page's thread before the first draw). Browsers without `requestIdleCallback` wait for the timer.
 */
function whenIdle(delay: number): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(() => resolve(), { timeout: 30_000 });
      else resolve();
    }, delay),
  );
}

/**
 * When a snapshot is kept: after `notBefore` (the app's first view on the screen), then once `idle`
 * says the page is idle after a delay (`whenIdle`; a test gives its own, as the browser's idle
 * callback may not come for as long as a test waits on a loaded machine).
 */
interface KeepWhen {
  notBefore?: Promise<void> | undefined;
  idle?: ((delay: number) => Promise<void>) | undefined;
}

/**
 * Keeps a snapshot in the background when the opening replayed `after` changes or more; a failure
 * only costs speed. It is kept `when` says (after the first view, then once the page is idle).
 */
function keepSnapshotIfLong(network: StoredNetwork, after: number, when: KeepWhen): Promise<boolean> {
  if (network.changesSinceSnapshot < after) return Promise.resolve(false);
  return new Promise((resolve) => {
    void Promise.resolve(when.notBefore)
      .then(() => (when.idle ?? whenIdle)(1_000))
      .then(() => {
        network.saveSnapshot().then(
          () => resolve(true),
          (error: unknown) => {
            console.warn(
              'Musubi: the snapshot could not be kept; the next start replays the whole log',
              error,
            );
            resolve(false);
          },
        );
      });
  });
}

/** Opens the database `name`, writing `log` (or the example) into it first when it is empty. */
async function openWith(
  name: string,
  log: readonly Change[] | undefined,
  snapshotAfter = SNAPSHOT_AFTER,
  onProgress?: ProgressListener,
  when: KeepWhen = {},
): Promise<Opened> {
  const store = await IndexedDbStore.open(name);
  try {
    let network: StoredNetwork;
    let openedIn: Opened['openedIn'] = 'page';
    if ((await store.lastSeq()) === 0) {
      openedIn = 'written';
      if (log === undefined) await onProgress?.({ step: 'example' });
      const first = log ?? (await exampleLog());
      await store.append(first);
      writeSetting(baseKey(name), String(first.length));
      // the changes just stored are those in hand, already checked: replay them, do not read them back
      const read = { changes: [...first], idAt: null, lastSeq: first.at(-1)?.seq ?? 0, warnings: [] };
      network = await openStoredLog(store, { read }, { author: currentAuthor() });
    } else {
      network = await openNetwork(store, { author: currentAuthor() });
    }
    return opened(name, network, snapshotAfter, openedIn, when);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

function opened(
  name: string,
  network: StoredNetwork,
  snapshotAfter: number,
  openedIn: Opened['openedIn'],
  when: KeepWhen,
): Opened {
  const snapshotKept = keepSnapshotIfLong(network, snapshotAfter, when);
  const base = Number(readSetting(baseKey(name)) ?? '1');
  return { network, base: Number.isFinite(base) ? base : 1, database: name, snapshotKept, openedIn };
}

/** A worker's reading of the saved network begun before the app knew it works alone (see main.tsx). */
export interface EarlyReading {
  readonly database: string;
  readonly read: Promise<WorkerRead>;
  /** Listens to the replay's progress (each part of changes replayed as it comes). */
  follow(listener: ProgressListener): void;
  /** Stops the worker: the app works on a team server. */
  cancel(): void;
}

/**
 * Begins reading the saved network in a worker at once, while the page draws its shell and finds
 * out whether it works alone; the page replays each part the worker sends as it comes, and
 * {@link openSaved} takes the network over. The worker only reads.
 */
export function readSavedEarly(): EarlyReading {
  const database = readSetting(POINTER_KEY) ?? DEFAULT_DB;
  const stop = new AbortController();
  let listener: ProgressListener | undefined;
  let last: OpeningProgress | undefined;
  const end = startTiming('musubi:open:worker');
  const read = readInWorker(database, {
    openStore: () => IndexedDbStore.open(database),
    network: { author: currentAuthor() },
    // the snapshot's restoring takes the page's thread a while: its message is drawn first
    onSnapshot: () => {
      last = { step: 'building', changes: 0, fromSnapshot: true };
      return listener?.(last);
    },
    onReplayed: (changes, fromSnapshot) => {
      last = { step: 'building', changes, fromSnapshot };
      // not awaited: the next part is replayed when it comes, the message drawn between parts
      void listener?.(last);
    },
    signal: stop.signal,
  }).finally(end);
  read.catch(() => undefined); // a refusal is met where the reading is taken over
  return {
    database,
    read,
    follow: (next) => {
      listener = next;
      if (last) void next(last);
    },
    cancel: () => stop.abort(),
  };
}

/**
 * Opens the database `name` from a worker's reading (`early`'s when it read that database), or on
 * the page when no worker can run. The worker has closed its connection before its last message:
 * the network's store, opened on the page, is the only writer.
 */
async function openThroughWorker(
  name: string,
  snapshotAfter: number,
  onProgress?: ProgressListener,
  early?: EarlyReading,
  when: KeepWhen = {},
): Promise<Opened> {
  await onProgress?.({ step: 'reading' });
  const reading = early?.database === name ? early : readSavedEarly();
  if (onProgress) reading.follow(onProgress);
  const read = await reading.read;
  if (read.kind === 'unavailable') {
    console.warn(`Musubi: the network is opened on the page (no worker: ${read.reason})`);
    await onProgress?.({ step: 'reading-on-page' });
  }
  if (read.kind !== 'read') return openWith(name, undefined, snapshotAfter, onProgress, when);
  // a snapshot without changes after it: the step is said all the same
  if (read.network.changesSinceSnapshot === 0)
    void onProgress?.({ step: 'building', changes: 0, fromSnapshot: read.fromSnapshot });
  return opened(name, read.network, snapshotAfter, 'worker', when);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

/**
 * Opens the saved network (read in a worker when one can run, `early` when it was begun before),
 * or the example network on the first start. A log that cannot be opened (damaged, newer, no IndexedDB) leaves the example in
 * memory, with the reason as `problem`. A snapshot, when one is to be kept, is kept once
 * `notBefore` has settled (the app's first view on the screen), and the page is idle (`idle`, the
 * browser's idle callback unless a test gives its own).
 */
export async function openSaved(
  snapshotAfter = SNAPSHOT_AFTER,
  onProgress?: ProgressListener,
  early?: EarlyReading,
  notBefore?: Promise<void>,
  idle?: (delay: number) => Promise<void>,
): Promise<Opened> {
  const name = readSetting(POINTER_KEY) ?? DEFAULT_DB;
  try {
    // ask the browser not to evict the data under storage pressure (best effort)
    void navigator.storage?.persist?.().catch(() => false);
    return await openThroughWorker(name, snapshotAfter, onProgress, early, { notBefore, idle });
  } catch (error) {
    const store = new MemoryStore();
    const first = await exampleLog();
    await store.append(first);
    return {
      network: await openNetwork(store, { author: currentAuthor() }),
      base: first.length,
      database: undefined,
      problem: (error as Error)?.message ?? String(error),
      openedIn: 'memory',
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
      openedIn: 'memory',
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
