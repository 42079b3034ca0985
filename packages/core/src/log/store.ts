import type { Change, Collection, StoredRecord } from '../changes/change.js';
import type { Id } from '../model/ids.js';

/**
 * The current records of a network after change `seq`: a store keeps one so that opening a long log
 * replays only the changes after it. The log itself is never shortened.
 */
export interface NetworkSnapshot {
  /** The seq of the last change the snapshot includes (0 for an empty network). */
  readonly seq: number;
  /** The id of that change (null for an empty network), so a store can tell a stale snapshot. */
  readonly changeId: Id | null;
  /** Every current record, by collection. */
  readonly records: Readonly<Partial<Record<Collection, readonly StoredRecord[]>>>;
}

/** A snapshot without its records: which change it follows. */
export interface SnapshotHead {
  readonly seq: number;
  readonly changeId: Id | null;
}

/** Records of one collection of a snapshot, checked, as a JSON array text (see `Store.readSnapshotTexts`). */
export interface SnapshotPartText {
  readonly collection: Collection;
  /** A JSON array of whole records, as `JSON.parse` gives them back exactly (the store's own text when it can). */
  readonly text: string;
}

/** The name written in the header of every Musubi log (an NDJSON file's first line, IndexedDB's meta). */
export const LOG_FORMAT = 'musubi-log';
/** The version of the log format this library writes; a log of a newer version is refused (VERSION). */
export const LOG_FORMAT_VERSION = 1;

/** Something a store found while reading that the user should know about, in Japanese and English. */
export interface StoreWarning {
  /** `torn-tail`: the last line was cut short by a crash; `snapshot-ignored`: the log was replayed in full. */
  readonly code: 'torn-tail' | 'snapshot-ignored';
  /** Where: the line number for a file, the seq for IndexedDB. */
  readonly at: number;
  /** How many bytes the torn tail holds (torn-tail only). */
  readonly bytes?: number;
  readonly message: { readonly ja: string; readonly en: string };
}

/** What a store read: the changes after `after`, and what it found on the way. */
export interface LogRead {
  /** Every change with seq > `after`, oldest first, validated with the core schemas. */
  readonly changes: Change[];
  /** The id of the change whose seq is `after` (null when `after` is 0 or beyond the log). */
  readonly idAt: Id | null;
  /** The seq of the last complete change in the log. */
  readonly lastSeq: number;
  readonly warnings: StoreWarning[];
}

/**
 * The contract every store of the change log fulfils (memory, NDJSON file, IndexedDB). The log is
 * append-only: a store never rewrites or drops a change it acknowledged. All methods are async
 * because IndexedDB is; a store that can acknowledge synchronously also offers `appendSync`.
 *
 * `append` resolves once the changes are durable for that store (see each store for what that
 * means); it rejects with a STORAGE MusubiError when they are not, and then nothing of the batch
 * is acknowledged. Reading refuses a damaged log with a FORMAT error naming the line or seq, and a
 * log of a newer format with a VERSION error.
 *
 * Run `describeStoreContract` (storage/store.contract.ts) against a new implementation.
 */
export interface Store {
  /** For messages: `memory`, the file's path, the database's name. */
  readonly description: string;
  /** Reads the changes after seq `after` (default 0: all of them). */
  readChanges(after?: number): Promise<LogRead>;
  /**
   * Optional: reads and checks the changes after `after` as `readChanges` does, but hands them on
   * as JSON array texts (`onText`, in order, each stretch once it is checked, with the id of the
   * change at `after`) instead of keeping them; the LogRead it resolves with has no changes. For a
   * reader that only passes the log on (a worker), see `readStoredLog`'s `onChangesText`.
   */
  readChangeTexts?(
    after: number,
    onText: (part: { first: number; last: number; text: string }, idAt: string | null) => void,
  ): Promise<LogRead>;
  /**
   * Reads every change as `readChanges(0)` does, handing each to `onChange` as soon as it is read
   * and validated instead of keeping them (the result's `changes` is empty): `openNetwork` then
   * replays while reading, and the parsed log is never held whole. Refuses what `readChanges`
   * refuses, after handing on the changes before the fault. The NDJSON file opened with
   * `validateInWorker` may also reject with its `ReadAgain` after handing on every change (its
   * validating worker found that validation would change a record): the changes handed on are then
   * to be dropped and the log read again (`openNetworkFile` does). Optional (the NDJSON file has it).
   * `onCount`, when the store knows it before the first change (the NDJSON file's end record): about
   * how many changes it will hand on, for the replay to make room for them at once (a hint, never
   * more than the file could hold).
   */
  readChangesInto?(onChange: (change: Change) => void, onCount?: (changes: number) => void): Promise<LogRead>;
  /** Appends changes; resolves when they are acknowledged (durable). */
  append(changes: readonly Change[]): Promise<void>;
  /** Appends and acknowledges before returning, for stores that can (memory, NDJSON file). */
  appendSync?(changes: readonly Change[]): void;
  /** The latest snapshot kept, if any (validated like the log). */
  readSnapshot(): Promise<NetworkSnapshot | undefined>;
  /**
   * Optional: reads and checks the latest snapshot as `readSnapshot` does, but hands its records on
   * part by part as JSON texts (`onPart`, each part once it is checked: whole records of one
   * collection, the collections in an order where references resolve) instead of keeping them;
   * resolves with its head (undefined when there is none). A damaged snapshot, or one missing a
   * part, rejects with FORMAT after the parts before the fault were handed on.
   */
  readSnapshotTexts?(onPart: (part: SnapshotPartText) => void): Promise<SnapshotHead | undefined>;
  /** Keeps a snapshot of the network after change `snapshot.seq`; the log is not shortened. */
  writeSnapshot(snapshot: NetworkSnapshot): Promise<void>;
  /** Where change `seq` sits, for messages (an NDJSON file: its line number). Default `[seq]`. */
  locate?(seq: number): (string | number)[];
  /** Releases the store (its lock, its connection). Later calls fail with STORAGE. */
  close(): Promise<void>;
}
