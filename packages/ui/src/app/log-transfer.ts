/**
 * How the opening worker hands the page what it read: as JSON texts, one message each, not as one
 * message of objects. The changes come as the store hands them on while it checks them (a packed
 * block of IndexedDB, about 5,000 changes, as the very text stored: see open.worker.ts); the
 * snapshot's records, and changes a store keeps as objects, as texts of at most {@link PART_SIZE}
 * items written here. `postMessage` clones objects one by one
 * into one buffer that grows by copying (at scale M on a loaded machine, 4.4 s in the worker and
 * 5.3 s on the page's thread), while a part of text crosses as one block, and the page parses each
 * part as it comes, while the worker writes the next. No string nears the engine's length limit,
 * however big the network.
 */
import type { Change, Collection, StoredLog, StoredRecord } from '@musubi/core';

/** Items per part: about 5 MB of JSON for changes. */
export const PART_SIZE = 10_000;

/** One part of a list of the log: the changes, or the records of one collection of the snapshot. */
export interface LogPart {
  list: 'changes' | Collection;
  /** A JSON array of the list's next items. */
  text: string;
}

/** The log without its big lists, as JSON: sent after the parts. */
export function logHead(log: StoredLog): string {
  const { snapshot, read } = log;
  return JSON.stringify({
    read: { ...read, changes: [] },
    // each collection's list is empty here and filled by the parts
    ...(snapshot
      ? {
          snapshot: {
            ...snapshot,
            records: Object.fromEntries(Object.keys(snapshot.records).map((c) => [c, []])),
          },
        }
      : {}),
  });
}

/** The parts of the log's lists, in order, each written when asked for (in the worker). */
export function* logParts(log: StoredLog): Generator<LogPart> {
  const lists: [LogPart['list'], readonly unknown[]][] = [['changes', log.read.changes]];
  for (const [collection, records] of Object.entries(log.snapshot?.records ?? {}))
    lists.push([collection as Collection, records ?? []]);
  for (const [list, items] of lists) {
    for (let i = 0; i < items.length; i += PART_SIZE)
      yield { list, text: JSON.stringify(items.slice(i, i + PART_SIZE)) };
  }
}

/** Puts the log back together on the page: each part parsed as it comes, then the head. */
export class LogReceiver {
  readonly #lists = new Map<LogPart['list'], unknown[]>();

  add(part: LogPart): void {
    const items = this.#lists.get(part.list) ?? [];
    this.#lists.set(part.list, items);
    for (const item of JSON.parse(part.text) as unknown[]) items.push(item);
  }

  /** The log: fresh objects, as the store's own reading gives. */
  finish(head: string): StoredLog {
    const parsed = JSON.parse(head) as { read: StoredLog['read']; snapshot?: StoredLog['snapshot'] };
    const read = { ...parsed.read, changes: (this.#lists.get('changes') ?? []) as Change[] };
    if (!parsed.snapshot) return { read };
    const records: Partial<Record<Collection, readonly StoredRecord[]>> = { ...parsed.snapshot.records };
    for (const [list, items] of this.#lists) if (list !== 'changes') records[list] = items as StoredRecord[];
    return { read, snapshot: { ...parsed.snapshot, records } };
  }
}
