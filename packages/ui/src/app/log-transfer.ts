/**
 * How the opening worker hands the page what it read: as JSON texts, not as objects. `postMessage`
 * clones objects one by one (at scale M, 4.4 s in the worker and 5.3 s on the page on a loaded
 * machine), while a string crosses as one block and `JSON.parse` rebuilds the objects faster than
 * the clone does. The big lists (the changes, each collection of the snapshot) go as texts of at
 * most {@link PART_SIZE} items, so that no string nears the engine's length limit however big the
 * network is.
 */
import type { Change, Collection, StoredLog, StoredRecord } from '@musubi/core';

/** Items per text: about 5 MB of JSON for changes. */
export const PART_SIZE = 10_000;

/** A list cut into JSON texts of a JSON array each. */
type Parts = string[];

/** A stored log as texts (see the module's comment); plain data for `postMessage`. */
export interface LogTexts {
  /** The log without its big lists, as JSON. */
  head: string;
  changes: Parts;
  /** The snapshot's records by collection, when there is a snapshot. */
  records?: Partial<Record<Collection, Parts>>;
}

function cut<T>(items: readonly T[]): Parts {
  const parts: Parts = [];
  for (let i = 0; i < items.length; i += PART_SIZE) parts.push(JSON.stringify(items.slice(i, i + PART_SIZE)));
  return parts;
}

function join<T>(parts: Parts): T[] {
  const items: T[] = [];
  for (const part of parts) {
    for (const item of JSON.parse(part) as T[]) items.push(item);
  }
  return items;
}

/** The log as texts, in the worker. */
export function logToTexts(log: StoredLog): LogTexts {
  const { snapshot, read } = log;
  const head = {
    read: { ...read, changes: [] },
    ...(snapshot ? { snapshot: { ...snapshot, records: {} } } : {}),
  };
  const texts: LogTexts = { head: JSON.stringify(head), changes: cut(read.changes) };
  if (snapshot) {
    const records: Partial<Record<Collection, Parts>> = {};
    for (const [collection, list] of Object.entries(snapshot.records) as [Collection, StoredRecord[]][])
      records[collection] = cut(list);
    texts.records = records;
  }
  return texts;
}

/** The log back from its texts, on the page: fresh objects, as the store's own reading gives. */
export function logFromTexts(texts: LogTexts): StoredLog {
  const head = JSON.parse(texts.head) as { read: StoredLog['read']; snapshot?: StoredLog['snapshot'] };
  const read = { ...head.read, changes: join<Change>(texts.changes) };
  if (!head.snapshot) return { read };
  const records: Partial<Record<Collection, StoredRecord[]>> = {};
  for (const [collection, parts] of Object.entries(texts.records ?? {}) as [Collection, Parts][])
    records[collection] = join<StoredRecord>(parts);
  return { read, snapshot: { ...head.snapshot, records } };
}
