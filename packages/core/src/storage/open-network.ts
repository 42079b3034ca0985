import type { Change, Collection, StoredRecord } from '../changes/change.js';
import { isMusubiError, MusubiError } from '../errors.js';
import type { LogRead, SnapshotHead, SnapshotPartText, Store, StoreWarning } from '../log/store.js';
import {
  Network,
  type NetworkOptions,
  type NetworkSnapshot,
  replaying,
  restoring,
} from '../network/network.js';

/** Options of {@link openNetwork}: those of a network, less what the store provides. */
export interface OpenNetworkOptions extends Omit<NetworkOptions, 'log' | 'sink' | 'snapshot'> {
  /** Ignore the store's snapshot and replay the whole log (to check it, or after a doubt). */
  fullReplay?: boolean;
  /**
   * On `close()`, keep a snapshot when at least this many changes were replayed or written since
   * the last one, so that the next opening replays less. Off by default; `openNetworkFile` sets
   * 10,000. A snapshot is a cache: if it cannot be written, closing still succeeds.
   */
  snapshotEvery?: number;
}

/** Where the network's changes stand with its store. */
export type SaveState =
  | { readonly status: 'saved' }
  | { readonly status: 'saving'; readonly pending: number }
  | { readonly status: 'failed'; readonly error: MusubiError; readonly unsaved: readonly Change[] };

/** Told whenever the save state changes (for the UI's "saved / saving / not saved" indicator). */
export type SaveStateListener = (state: SaveState) => void;

function storageError(error: unknown, what: string): MusubiError {
  if (isMusubiError(error, 'STORAGE')) return error;
  return new MusubiError('STORAGE', `${what}: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
  });
}

/** Tells a network opened empty what the store's read found once it replayed the changes as read. */
let replayedAsRead: (network: StoredNetwork, read: LogRead, replayed: number) => void;

/**
 * A network opened from a store: every new change goes to the store. What "acknowledged" means:
 * - a store with `appendSync` (NDJSON file, memory): the write method returns only after the
 *   change is stored (for a file: written and fsynced); if storing fails, the write throws STORAGE
 *   and the change is rolled back.
 * - an async store (IndexedDB): the write returns at once and the change is queued; `whenSaved()`
 *   resolves when everything written so far is durable (the transaction completed). If a save
 *   fails, `saveState` becomes `failed` (listeners are told), `whenSaved()` rejects, the unsaved
 *   changes stay listed in the state, and every later write is refused with STORAGE until the
 *   network is reopened: nothing is silently lost.
 */
export class StoredNetwork extends Network {
  readonly store: Store;
  /** What the store found when opening (a torn last line, an ignored snapshot). */
  readonly warnings: readonly StoreWarning[];
  readonly #listeners = new Set<SaveStateListener>();
  #queue: Change[] = [];
  #draining: Promise<void> | null = null;
  #failure: MusubiError | null = null;
  #closed = false;
  /** Changes replayed or written since the snapshot the network started from (or since the start). */
  #sinceSnapshot: number;
  readonly #snapshotEvery: number | undefined;

  constructor(
    store: Store,
    read: LogRead,
    snapshot: NetworkSnapshot | undefined,
    options: OpenNetworkOptions,
  ) {
    const { fullReplay: _ignored, snapshotEvery, ...networkOptions } = options;
    super({ ...networkOptions, log: read.changes, ...(snapshot ? { snapshot } : {}) });
    this.store = store;
    this.#sinceSnapshot = read.changes.length;
    this.#snapshotEvery = snapshotEvery;
    this.warnings = read.warnings;
    this.connect((change) => this.#save(change));
  }

  static {
    replayedAsRead = (network, read, replayed) => {
      (network.warnings as StoreWarning[]).push(...read.warnings);
      network.#sinceSnapshot = replayed;
    };
  }

  #save(change: Change): void {
    if (this.#closed)
      throw new MusubiError('STORAGE', `the network's store (${this.store.description}) is closed`);
    if (this.#failure) {
      throw new MusubiError('STORAGE', `an earlier change could not be saved: ${this.#failure.message}`, {
        cause: this.#failure,
      });
    }
    this.#sinceSnapshot++;
    if (this.store.appendSync) {
      this.store.appendSync([change]);
      return;
    }
    this.#queue.push(change);
    if (!this.#draining) this.#draining = Promise.resolve().then(() => this.#drain());
    this.#tell();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#failure) {
      const batch = this.#queue.slice();
      try {
        await this.store.append(batch);
        this.#queue.splice(0, batch.length);
      } catch (error) {
        this.#failure = storageError(error, `changes could not be saved to ${this.store.description}`);
      }
      this.#tell();
    }
    this.#draining = null;
  }

  /** Changes replayed or written since the snapshot the network started from (all of them without one). */
  get changesSinceSnapshot(): number {
    return this.#sinceSnapshot;
  }

  /** Where the changes stand: saved, saving (how many pending), or failed (with the error and what is unsaved). */
  get saveState(): SaveState {
    if (this.#failure) return { status: 'failed', error: this.#failure, unsaved: [...this.#queue] };
    if (this.#queue.length > 0) return { status: 'saving', pending: this.#queue.length };
    return { status: 'saved' };
  }

  /** Listens to the save state; returns a function that stops listening. */
  onSaveState(listener: SaveStateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(): void {
    const state = this.saveState;
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch {
        // a failing listener must not stop the saving
      }
    }
  }

  /** Resolves when every change written so far is acknowledged by the store; rejects with STORAGE if one failed. */
  async whenSaved(): Promise<void> {
    while (this.#draining) await this.#draining;
    if (this.#failure) throw this.#failure;
  }

  /** Keeps a snapshot of the current records in the store, so the next opening replays less. */
  async saveSnapshot(): Promise<void> {
    await this.whenSaved();
    await this.store.writeSnapshot(this.snapshot());
    this.#sinceSnapshot = 0;
  }

  /** Waits for pending saves, then closes the store (releasing its lock). Later writes fail with STORAGE. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.whenSaved();
      if (this.#snapshotEvery !== undefined && this.#sinceSnapshot >= this.#snapshotEvery) {
        // a cache: a read-only store or a full disk leaves the next opening slower, nothing lost
        await this.saveSnapshot().catch(() => undefined);
      }
    } finally {
      this.#closed = true;
      await this.store.close();
    }
  }
}

/** A replay's FORMAT error about the `i`-th change (its `path`), named with the change's place in the store. */
function replayError(error: unknown, store: Store, changeAt: (i: number) => Change | undefined): never {
  if (isMusubiError(error, 'FORMAT') && typeof error.path[0] === 'number') {
    const change = changeAt(error.path[0]);
    if (change) {
      const where = store.locate?.(change.seq) ?? [change.seq];
      throw new MusubiError('FORMAT', `${store.description} at ${where.join('.')}: ${error.message}`, {
        path: where,
        details: { ...error.details, seq: change.seq },
        cause: error,
      });
    }
  }
  throw error;
}

/**
 * What {@link openNetwork} reads from a store before it replays anything: the latest snapshot that
 * matches the log (if any) and the changes after it, validated. Plain data: it can cross a worker's
 * `postMessage` (structured clone), so a page can read and validate in a worker and replay on its
 * own thread with {@link openStoredLog}.
 */
export interface StoredLog {
  readonly snapshot?: NetworkSnapshot;
  readonly read: LogRead;
}

/** What {@link readStoredLog} takes beside `fullReplay`. */
export interface ReadStoredLogOptions extends Pick<OpenNetworkOptions, 'fullReplay'> {
  /**
   * With a store that can (`store.readChangeTexts`, IndexedDB): the changes are handed on as JSON
   * array texts as they are checked, in order, instead of being kept (a worker posts them to the
   * page as they come); the log returned then has no changes (`read.changes` empty). A store that
   * cannot gives its changes in the log as usual.
   */
  onChangesText?: (text: string) => void;
  /**
   * Told of the snapshot the log is read from, once it is known to match the log: before the
   * first `onChangesText`, or before the reading returns when no change follows it (a worker sends
   * it to the page first, so that the page restores it and replays each part as it comes). Not
   * called when no snapshot is used.
   */
  onSnapshot?: (snapshot: NetworkSnapshot) => void;
  /**
   * With a store that can (`store.readSnapshotTexts`, IndexedDB), and `onChangesText`: the
   * snapshot's records are handed on part by part as JSON texts as they are read and checked,
   * before it is known to match the log, instead of being kept (`onSnapshot` is then not called and
   * the log returned has no snapshot): a worker posts each part to the page, which restores it as
   * it comes (`restoreInParts`).
   */
  snapshotTexts?: SnapshotTextsListener;
}

/** What {@link ReadStoredLogOptions.snapshotTexts} is told, in this order. */
export interface SnapshotTextsListener {
  /** Each part of the snapshot's records, as read and checked. */
  part(part: SnapshotPartText): void;
  /** The snapshot's head, once every part was handed on and it is known to match the log: before the first `onChangesText`. */
  head(head: SnapshotHead): void;
  /**
   * The parts handed on are to be forgotten: the snapshot is damaged (a part missing or refused,
   * FORMAT) or does not match the log. The whole log follows (a `snapshot-ignored` warning).
   */
  dropped(): void;
}

/** Stops a reading that turned out to start from a snapshot that does not match the log. */
class SnapshotMismatch extends Error {}

/**
 * Reads and validates a store's log for {@link openStoredLog}: the snapshot when one matches the
 * log (unless `fullReplay`), then the changes after it. Refuses a damaged log (FORMAT) or a newer
 * one (VERSION) as `openNetwork` does; a damaged or stale snapshot is set aside with a warning.
 *
 * @example
 * const log = await readStoredLog(store); // in a worker
 * const network = await openStoredLog(store, log, { author: 'suzuki' }); // on the page
 */
export async function readStoredLog(store: Store, options: ReadStoredLogOptions = {}): Promise<StoredLog> {
  const { snapshotTexts, onChangesText } = options;
  if (
    snapshotTexts &&
    onChangesText &&
    store.readSnapshotTexts &&
    store.readChangeTexts &&
    !options.fullReplay
  )
    return readSnapshotAsTexts(
      store as Store & Required<Pick<Store, 'readSnapshotTexts' | 'readChangeTexts'>>,
      snapshotTexts,
      onChangesText,
    );
  return readAfterSnapshot(store, await snapshotOf(store, options), options);
}

/**
 * {@link readStoredLog} with the snapshot's records handed on as texts as they are read: the parts
 * first (before the snapshot is known to match the log), then its head once the change it follows
 * is found in the log with its id, then the changes after it. A damaged snapshot, or one that does
 * not match, is dropped (`dropped`) and the whole log read.
 */
async function readSnapshotAsTexts(
  store: Store & Required<Pick<Store, 'readSnapshotTexts' | 'readChangeTexts'>>,
  listener: SnapshotTextsListener,
  onChangesText: (text: string) => void,
): Promise<StoredLog> {
  const warnings: StoreWarning[] = [];
  let handed = false;
  let head: SnapshotHead | undefined;
  try {
    head = await store.readSnapshotTexts((part) => {
      handed = true;
      listener.part(part);
    });
  } catch (error) {
    if (!isMusubiError(error, 'FORMAT')) throw error;
    warnings.push(ignoredSnapshot(0, `it is damaged (${error.message})`));
    if (handed) listener.dropped();
  }
  const whole = (read: LogRead): StoredLog => ({
    read: { ...read, warnings: [...warnings, ...read.warnings] },
  });
  if (!head) return whole(await store.readChangeTexts(0, (part) => onChangesText(part.text)));
  const seen = head;
  let told = false;
  const tell = () => {
    if (!told) listener.head(seen);
    told = true;
  };
  const read = await store
    .readChangeTexts(seen.seq, (part, idAt) => {
      // nothing is handed on after a snapshot that does not match: it is read again from the start
      if (idAt !== seen.changeId) throw new SnapshotMismatch();
      tell();
      onChangesText(part.text);
    })
    .catch((error: unknown) => {
      if (error instanceof SnapshotMismatch) return undefined;
      throw error;
    });
  if (read && seen.seq <= read.lastSeq && read.idAt === seen.changeId) {
    tell();
    return whole(read);
  }
  warnings.push(ignoredSnapshot(seen.seq, 'it does not match the log'));
  listener.dropped();
  return whole(await store.readChangeTexts(0, (part) => onChangesText(part.text)));
}

/** The store's snapshot (unless `fullReplay`), or why it was set aside. */
async function snapshotOf(
  store: Store,
  options: Pick<OpenNetworkOptions, 'fullReplay'>,
): Promise<{ snapshot: NetworkSnapshot | undefined; warnings: StoreWarning[] }> {
  const warnings: StoreWarning[] = [];
  let snapshot: NetworkSnapshot | undefined;
  if (!options.fullReplay) {
    try {
      snapshot = await store.readSnapshot();
    } catch (error) {
      if (!isMusubiError(error, 'FORMAT')) throw error;
      warnings.push(ignoredSnapshot(0, `it is damaged (${error.message})`));
    }
  }
  return { snapshot, warnings };
}

/**
 * The changes after the snapshot, or all of them (and the snapshot set aside) when it does not
 * match the log; handed on as texts (`onChangesText`, see {@link ReadStoredLogOptions}) when the
 * store can.
 */
async function readAfterSnapshot(
  store: Store,
  found: { snapshot: NetworkSnapshot | undefined; warnings: StoreWarning[] },
  told: Pick<ReadStoredLogOptions, 'onChangesText' | 'onSnapshot'> = {},
): Promise<StoredLog> {
  const { onChangesText, onSnapshot } = told;
  let { snapshot } = found;
  const warnings = [...found.warnings];
  let snapshotTold = false;
  const tellSnapshot = () => {
    if (snapshot && onSnapshot && !snapshotTold) onSnapshot(snapshot);
    snapshotTold = true;
  };
  const readChanges = async (after: number, expectedId: string | null | undefined): Promise<LogRead> => {
    if (!(onChangesText && store.readChangeTexts)) return store.readChanges(after);
    return store.readChangeTexts(after, (part, idAt) => {
      // nothing is handed on from a snapshot that does not match: it is read again from the start
      if (expectedId !== undefined && idAt !== expectedId) throw new SnapshotMismatch();
      if (expectedId !== undefined) tellSnapshot();
      onChangesText(part.text);
    });
  };
  const mismatch = (read: LogRead | undefined) =>
    snapshot !== undefined && (!read || snapshot.seq > read.lastSeq || read.idAt !== snapshot.changeId);
  let read = await readChanges(snapshot?.seq ?? 0, snapshot?.changeId).catch((error: unknown) => {
    if (error instanceof SnapshotMismatch) return undefined;
    throw error;
  });
  if (snapshot && mismatch(read)) {
    warnings.push(ignoredSnapshot(snapshot.seq, 'it does not match the log'));
    snapshot = undefined;
    read = await readChanges(0, undefined);
  }
  tellSnapshot();
  const whole = read as LogRead;
  const all: LogRead = { ...whole, warnings: [...warnings, ...whole.warnings] };
  return snapshot ? { snapshot, read: all } : { read: all };
}

/**
 * Opens a network from a log that {@link readStoredLog} read from `store` (here or in a worker):
 * replays it without validating the records again, and appends every new change to `store`. A
 * snapshot that cannot be restored is set aside and the whole log read again from `store`; a
 * change that cannot be replayed is refused with a FORMAT error naming its place in the store.
 */
export async function openStoredLog(
  store: Store,
  log: StoredLog,
  options: OpenNetworkOptions = {},
): Promise<StoredNetwork> {
  const { snapshot, read } = log;
  try {
    return new StoredNetwork(store, read, snapshot, options);
  } catch (error) {
    if (isMusubiError(error, 'FORMAT') && snapshot) {
      // the log is the source of truth: a snapshot that cannot be restored is set aside
      const full = await store.readChanges(0);
      const again = { ...full, warnings: [...read.warnings, ignoredSnapshot(snapshot.seq, error.message)] };
      try {
        return new StoredNetwork(store, again, undefined, options);
      } catch (fullError) {
        replayError(fullError, store, (i) => again.changes[i]);
      }
    }
    replayError(error, store, (i) => read.changes[i]);
  }
}

/** Where a replay in parts starts: the snapshot the reading found (none: the log from its start). */
export interface LogPartsStart {
  readonly snapshot?: NetworkSnapshot;
}

/**
 * A log replayed part by part as it arrives ({@link replayInParts}): each part's changes are
 * replayed at once, so that the network exists as soon as the last part is in.
 */
export interface LogReplay {
  /**
   * Replays the next changes of the log, in order, without validating their records again (they
   * were, where they were read). A change that cannot be replayed throws FORMAT naming its place in
   * the store (`details.seq`); the replay is then over: later parts are ignored and `finish`
   * rejects with that error, and no network is ever handed out.
   */
  add(changes: readonly Change[]): void;
  /** How many changes were replayed so far (after the snapshot, when there is one). */
  readonly replayed: number;
  /**
   * The network, once every part is in: `read` is the rest of the reading (`readStoredLog`'s
   * `read` without its changes). A snapshot that could not be restored was set aside: the whole
   * log is then read again from the store, as {@link openStoredLog} does.
   */
  finish(read: Omit<LogRead, 'changes'>): Promise<StoredNetwork>;
}

/**
 * Opens a network from a log read elsewhere (a worker's {@link readStoredLog}) that arrives in
 * parts: the snapshot, when there is one, is restored at once, each part replayed as it comes,
 * and every new change appended to `store`. The outcome is {@link openStoredLog}'s with the parts
 * put together, however the log is split; the page can replay while the worker reads.
 *
 * @example
 * const replay = replayInParts(store, { snapshot }, { author: 'suzuki' });
 * for await (const changes of parts) replay.add(changes);
 * const network = await replay.finish({ idAt, lastSeq, warnings });
 */
export function replayInParts(
  store: Store,
  start: LogPartsStart,
  options: OpenNetworkOptions = {},
): LogReplay {
  const { snapshot } = start;
  if (!snapshot)
    return replayAfter(store, new StoredNetwork(store, emptyRead(), undefined, options), options);
  const restore = restoreInParts(store, options);
  for (const [collection, records] of Object.entries(snapshot.records))
    restore.add(collection as Collection, records ?? []);
  return restore.finish(snapshot);
}

/**
 * A snapshot restored part by part as it arrives ({@link restoreInParts}), then the log after it.
 */
export interface SnapshotRestore {
  /**
   * Creates the next records of the snapshot (validated where they were read). Records may come
   * in any order and split in any way; in an order where references resolve (`SNAPSHOT_ORDER`, as
   * IndexedDB keeps them) each part is restored at once. A snapshot that cannot be restored is set
   * aside, not thrown: the whole log is then read again from the store at the replay's `finish`.
   */
  add(collection: Collection, records: readonly StoredRecord[]): void;
  /** The snapshot's head, after every record: the replay of the changes after it. */
  finish(head: SnapshotHead): LogReplay;
}

/**
 * Restores a snapshot that arrives in parts (a worker's `readStoredLog` with `snapshotTexts`), so
 * that the page restores one part while the worker reads the next; then replays the changes after
 * it as {@link replayInParts} does. However the records are split, the network is the one the
 * snapshot restored whole gives (`replay-in-parts.property.test.ts`). Nothing is half-applied: a
 * restore that fails leaves no network; the replay reads the whole log again from the store.
 *
 * @example
 * const restore = restoreInParts(store, { author: 'suzuki' });
 * for (const part of parts) restore.add(part.collection, part.records);
 * const replay = restore.finish({ seq, changeId }); // then replay.add(changes), replay.finish(read)
 */
export function restoreInParts(store: Store, options: OpenNetworkOptions = {}): SnapshotRestore {
  let network: StoredNetwork | undefined = new StoredNetwork(store, emptyRead(), undefined, options);
  let restore: ReturnType<typeof restoring> | undefined = restoring(network);
  let setAside: MusubiError | undefined;
  let finished = false;
  const fail = (error: unknown) => {
    if (!isMusubiError(error, 'FORMAT')) throw error;
    setAside = error;
    network = undefined;
    restore = undefined;
  };
  return {
    add(collection, records) {
      if (finished) throw new MusubiError('VALIDATION', 'the snapshot is restored already');
      try {
        restore?.add(collection, records);
      } catch (error) {
        fail(error);
      }
    },
    finish(head) {
      if (finished) throw new MusubiError('VALIDATION', 'the snapshot is restored already');
      finished = true;
      try {
        restore?.end(head);
      } catch (error) {
        fail(error);
      }
      return replayAfter(store, network, options, setAside && { seq: head.seq, error: setAside });
    },
  };
}

function emptyRead(): LogRead {
  return { changes: [], idAt: null, lastSeq: 0, warnings: [] };
}

/**
 * The replay of the changes after a start: `network` (empty, or a snapshot restored), or none when
 * the snapshot at `setAside.seq` could not be restored (the whole log is then read again at `finish`).
 */
function replayAfter(
  store: Store,
  start: StoredNetwork | undefined,
  options: OpenNetworkOptions,
  setAside?: { seq: number; error: MusubiError },
): LogReplay {
  let network = start;
  let replayed = 0;
  let failed: unknown;
  let finished = false;
  return {
    add(changes) {
      if (finished) throw new MusubiError('VALIDATION', 'the replay is finished');
      if (failed !== undefined) throw failed;
      if (!network) return;
      for (const change of changes) {
        try {
          replaying.change(network, change, replayed);
        } catch (error) {
          try {
            replayError(error, store, (i) => (i === replayed ? change : undefined));
          } catch (named) {
            failed = named;
            network = undefined;
          }
          throw failed;
        }
        replayed++;
      }
    },
    get replayed() {
      return replayed;
    },
    async finish(read) {
      if (finished) throw new MusubiError('VALIDATION', 'the replay is finished');
      finished = true;
      if (failed !== undefined) throw failed;
      if (setAside) {
        const full = await store.readChanges(0);
        const again = {
          ...full,
          warnings: [...read.warnings, ignoredSnapshot(setAside.seq, setAside.error.message)],
        };
        try {
          return new StoredNetwork(store, again, undefined, options);
        } catch (fullError) {
          replayError(fullError, store, (i) => again.changes[i]);
        }
      }
      const done = network as StoredNetwork;
      replaying.end(done);
      replayedAsRead(done, { ...read, changes: [] }, replayed);
      return done;
    },
  };
}

/**
 * Opens a network from a store: replays its log (from the latest snapshot when there is one that
 * matches the log) and appends every new change to it. See {@link StoredNetwork} for what a write's
 * acknowledgement means with each kind of store.
 *
 * @example
 * const network = await openNetwork(new MemoryStore(), { author: 'suzuki' });
 * network.addEntity({ kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
 * await network.whenSaved();
 */
export async function openNetwork(store: Store, options: OpenNetworkOptions = {}): Promise<StoredNetwork> {
  const found = await snapshotOf(store, options);
  if (found.snapshot === undefined && store.readChangesInto)
    return replayAsRead(store as Store & Required<Pick<Store, 'readChangesInto'>>, found.warnings, options);
  return openStoredLog(store, await readAfterSnapshot(store, found), options);
}

/**
 * Opens a network from the whole log of a store that hands each change on as it reads it: each is
 * replayed at once, so that the parsed log is never held whole (the garbage of parsing it dies
 * young). The outcome is that of reading it all, then replaying it: a fault of the read anywhere in
 * the log is refused as the read refuses it, even after a change that cannot be replayed; such a
 * change is refused as `openStoredLog` refuses it, once the rest of the log is read; either way no
 * network is returned.
 */
async function replayAsRead(
  store: Store & Required<Pick<Store, 'readChangesInto'>>,
  warnings: StoreWarning[],
  options: OpenNetworkOptions,
): Promise<StoredNetwork> {
  const network = new StoredNetwork(
    store,
    { changes: [], idAt: null, lastSeq: 0, warnings },
    undefined,
    options,
  );
  let replayed = 0;
  let failed: { error: unknown; change: Change } | undefined;
  const read = await store.readChangesInto(
    (change) => {
      if (failed !== undefined) return; // the rest is still read: a damaged line after it is what is refused
      try {
        replaying.change(network, change, replayed);
        replayed++;
      } catch (error) {
        failed = { error, change };
      }
    },
    (changes) => replaying.reserve(network, changes),
  );
  if (failed !== undefined) {
    const { error, change } = failed;
    replayError(error, store, (i) => (i === replayed ? change : undefined));
  }
  replaying.end(network);
  replayedAsRead(network, read, replayed);
  return network;
}

function ignoredSnapshot(seq: number, why: string): StoreWarning {
  return {
    code: 'snapshot-ignored',
    at: seq,
    message: {
      ja: `スナップショット（変更 ${seq} まで）を使わず、変更履歴をすべて再生しました。`,
      en: `The snapshot (up to change ${seq}) was set aside and the whole log replayed: ${why}.`,
    },
  };
}
