/**
 * How the opening worker hands the page what it read: as JSON texts, one message each, not as one
 * message of objects. The snapshot's records come first, part by part as the store keeps them
 * (whole records of one collection, the collections in an order where references resolve: the
 * worker posts each part as soon as it has read and checked it, the very text stored), then the
 * snapshot's head once it is known to match the log, then the changes as the store hands them on
 * while it checks them (a packed block of IndexedDB, about 5,000 changes, as the very text
 * stored: see open.worker.ts), then the reading's head. `postMessage` clones objects one by one
 * into one buffer that grows by copying (at scale M on a loaded machine, 4.4 s in the worker and
 * 5.3 s on the page's thread), while a part of text crosses as one block. The page restores each
 * part of the snapshot and replays each part of changes as it comes ({@link LogReplayer}, the
 * core's `restoreInParts` and `replayInParts`), while the worker reads the next: the network
 * exists as soon as the last part is in. No string nears the engine's length limit, however big
 * the network.
 */
import type { Change, Collection, OpenNetworkOptions, StoredNetwork, StoredRecord } from '@musubi/core';
import {
  type LogRead,
  type LogReplay,
  replayInParts,
  restoreInParts,
  type SnapshotHead,
  type SnapshotRestore,
  type Store,
} from '@musubi/core/log';

/** Items per part: about 5 MB of JSON for changes. */
export const PART_SIZE = 10_000;

/** One part of a list of the log: the changes, or the records of one collection of the snapshot. */
export interface LogPart {
  list: 'changes' | Collection;
  /** A JSON array of the list's next items. */
  text: string;
}

export type { SnapshotHead };

/** The reading without its changes, as JSON: sent after every part. */
export function readHead(read: LogRead): string {
  const { changes: _sent, ...rest } = read;
  return JSON.stringify(rest);
}

/** Parts of items of one list, each written when asked for (in the worker). */
export function* partsOf(list: LogPart['list'], items: readonly unknown[]): Generator<LogPart> {
  for (let i = 0; i < items.length; i += PART_SIZE)
    yield { list, text: JSON.stringify(items.slice(i, i + PART_SIZE)) };
}

/**
 * Builds the network on the page from the parts as they come: each part of the snapshot's records
 * is restored at once (the core's `restoreInParts`), its head ends the restore; each part of
 * changes is replayed at once (`replayInParts`, from the snapshot or from the log's start). A
 * snapshot the worker drops (damaged, or not matching the log) is forgotten with what was restored
 * of it: the whole log follows. A change that cannot be replayed ends the replay: later parts are
 * ignored and {@link finish} rejects with its FORMAT error.
 */
export class LogReplayer {
  readonly #store: Store;
  readonly #options: OpenNetworkOptions | undefined;
  #restore: SnapshotRestore | undefined;
  #replay: LogReplay | undefined;
  #fromSnapshot = false;
  #failed: unknown;

  constructor(store: Store, options?: OpenNetworkOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Changes replayed so far, after the snapshot when there is one. */
  get replayed(): number {
    return this.#replay?.replayed ?? 0;
  }

  get fromSnapshot(): boolean {
    return this.#fromSnapshot;
  }

  /** Whether a snapshot's records came and its head has not yet. */
  get restoring(): boolean {
    return this.#restore !== undefined;
  }

  /** Takes the next part; throws what the texts' parsing throws (texts the worker wrote: a fault of the transfer). */
  add(part: LogPart): void {
    const items = JSON.parse(part.text) as unknown[];
    if (part.list !== 'changes') {
      if (this.#replay) throw new Error(`records of ${part.list} came after the changes`);
      this.#restore ??= restoreInParts(this.#store, this.#options);
      this.#restore.add(part.list, items as StoredRecord[]);
      return;
    }
    if (this.#failed !== undefined) return;
    if (this.#restore) throw new Error('changes came before the snapshot’s head');
    this.#replay ??= replayInParts(this.#store, {}, this.#options);
    try {
      this.#replay.add(items as Change[]);
    } catch (error) {
      this.#failed = error;
    }
  }

  /** The snapshot's head, after its records and before any change: its restore ends now. */
  snapshot(head: SnapshotHead): void {
    if (this.#replay) throw new Error('the snapshot’s head came after the changes');
    const restore = this.#restore ?? restoreInParts(this.#store, this.#options);
    this.#restore = undefined;
    this.#fromSnapshot = true;
    this.#replay = restore.finish({ seq: head.seq, changeId: head.changeId });
  }

  /** The worker dropped the snapshot (damaged, or not matching the log): what was restored of it is forgotten. */
  dropSnapshot(): void {
    this.#restore = undefined;
    this.#replay = undefined;
    this.#fromSnapshot = false;
    this.#failed = undefined;
  }

  /** The network, once the reading's head (after every part) has come; rejects when a change could not be replayed. */
  finish(head: string): Promise<StoredNetwork> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    if (this.#restore) return Promise.reject(new Error('the snapshot’s head never came'));
    this.#replay ??= replayInParts(this.#store, {}, this.#options);
    return this.#replay.finish(JSON.parse(head) as Omit<LogRead, 'changes'>);
  }
}
