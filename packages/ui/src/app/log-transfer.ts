/**
 * How the opening worker hands the page what it read: as JSON texts, one message each, not as one
 * message of objects. The snapshot's records come first (texts of at most {@link PART_SIZE} items
 * written here, then the snapshot's head), then the changes as the store hands them on while it
 * checks them (a packed block of IndexedDB, about 5,000 changes, as the very text stored: see
 * open.worker.ts), then the reading's head. `postMessage` clones objects one by one into one buffer
 * that grows by copying (at scale M on a loaded machine, 4.4 s in the worker and 5.3 s on the
 * page's thread), while a part of text crosses as one block. The page replays each part of changes
 * as it comes ({@link LogReplayer}, the core's `replayInParts`), while the worker reads the next:
 * the network exists as soon as the last part is in. No string nears the engine's length limit,
 * however big the network.
 */
import type { Change, Collection, NetworkSnapshot, StoredNetwork, StoredRecord } from '@musubi/core';
import type { LogRead, LogReplay } from '@musubi/core/log';

/** Items per part: about 5 MB of JSON for changes. */
export const PART_SIZE = 10_000;

/** One part of a list of the log: the changes, or the records of one collection of the snapshot. */
export interface LogPart {
  list: 'changes' | Collection;
  /** A JSON array of the list's next items. */
  text: string;
}

/** A snapshot without its records, sent after them: which collections it has (some may be empty). */
export interface SnapshotHead {
  seq: number;
  changeId: string | null;
  collections: Collection[];
}

/** The reading without its changes, as JSON: sent after every part. */
export function readHead(read: LogRead): string {
  const { changes: _sent, ...rest } = read;
  return JSON.stringify(rest);
}

export function snapshotHead(snapshot: NetworkSnapshot): SnapshotHead {
  return {
    seq: snapshot.seq,
    changeId: snapshot.changeId,
    collections: Object.keys(snapshot.records) as Collection[],
  };
}

/** Parts of items of one list, each written when asked for (in the worker). */
export function* partsOf(list: LogPart['list'], items: readonly unknown[]): Generator<LogPart> {
  for (let i = 0; i < items.length; i += PART_SIZE)
    yield { list, text: JSON.stringify(items.slice(i, i + PART_SIZE)) };
}

/** The parts of a snapshot's records, collection by collection. */
export function* snapshotParts(snapshot: NetworkSnapshot): Generator<LogPart> {
  for (const [collection, records] of Object.entries(snapshot.records))
    yield* partsOf(collection as Collection, records ?? []);
}

/**
 * Builds the network on the page from the parts as they come: the snapshot's records are kept
 * until its head comes, then restored; each part of changes is replayed at once (`start` makes
 * the core's replay, from the snapshot or from the log's start). A change that cannot be replayed
 * ends the replay: later parts are ignored and {@link finish} rejects with its FORMAT error.
 */
export class LogReplayer {
  readonly #start: (snapshot: NetworkSnapshot | undefined) => LogReplay;
  readonly #records = new Map<Collection, StoredRecord[]>();
  #replay: LogReplay | undefined;
  #fromSnapshot = false;
  #failed: unknown;

  constructor(start: (snapshot: NetworkSnapshot | undefined) => LogReplay) {
    this.#start = start;
  }

  /** Changes replayed so far, after the snapshot when there is one. */
  get replayed(): number {
    return this.#replay?.replayed ?? 0;
  }

  get fromSnapshot(): boolean {
    return this.#fromSnapshot;
  }

  /** Takes the next part; throws what the texts' parsing throws (texts the worker wrote: a fault of the transfer). */
  add(part: LogPart): void {
    const items = JSON.parse(part.text) as unknown[];
    if (part.list !== 'changes') {
      const records = this.#records.get(part.list) ?? [];
      this.#records.set(part.list, records);
      for (const item of items) records.push(item as StoredRecord);
      return;
    }
    if (this.#failed !== undefined) return;
    this.#replay ??= this.#start(undefined);
    try {
      this.#replay.add(items as Change[]);
    } catch (error) {
      this.#failed = error;
    }
  }

  /** The snapshot's head, after its records and before any change: it is restored now. */
  snapshot(head: SnapshotHead): void {
    const records: Partial<Record<Collection, StoredRecord[]>> = {};
    for (const collection of head.collections) records[collection] = this.#records.get(collection) ?? [];
    this.#records.clear();
    this.#fromSnapshot = true;
    this.#replay = this.#start({ seq: head.seq, changeId: head.changeId, records });
  }

  /** The network, once the reading's head (after every part) has come; rejects when a change could not be replayed. */
  finish(head: string): Promise<StoredNetwork> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    this.#replay ??= this.#start(undefined);
    return this.#replay.finish(JSON.parse(head) as Omit<LogRead, 'changes'>);
  }
}
