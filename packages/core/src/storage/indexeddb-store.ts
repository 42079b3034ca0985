import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type Change, type Collection, collections, type StoredRecord } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import {
  checkHeader,
  decodeRecord,
  LogAssembler,
  mayHideForbiddenKey,
  parseLogJson,
} from '../log/log-codec.js';
import {
  LOG_FORMAT,
  LOG_FORMAT_VERSION,
  type LogRead,
  type SnapshotHead,
  type SnapshotPartText,
  type Store,
} from '../log/store.js';
import { type NetworkSnapshot, SNAPSHOT_ORDER } from '../network/network.js';

/** A loose entry: one change, the seq as key, the change (or a snapshot) as JSON text. */
interface Entry {
  seq: number;
  text: string;
}

/**
 * A snapshot's head (its one entry in `snapshots`): which change it follows, how many parts hold
 * its records, and its collections (some may be empty).
 */
interface SnapshotEntry {
  seq: number;
  changeId: string | null;
  parts: number;
  collections: Collection[];
}

/**
 * One part of a snapshot's records (`part` from 0): whole records of one collection, `count` of
 * them, as a JSON array, the parts in {@link SNAPSHOT_ORDER} of their collections.
 */
interface SnapshotPart {
  seq: number;
  part: number;
  collection: Collection;
  count: number;
  text: string;
}

/**
 * A packed block: the changes `first` to `last` (consecutive seqs) as one JSON array, one change
 * per line (`[c1,\nc2,\n…]`): read as one value and parsed at once, and still located line by line
 * when damaged. Keyed by `last`, so that the blocks holding seqs from N on are `lowerBound(N)`.
 */
interface Block {
  first: number;
  last: number;
  text: string;
}

interface LogSchema extends DBSchema {
  meta: { key: string; value: { format: string; formatVersion: number; createdAt: string } };
  changes: { key: number; value: Entry };
  blocks: { key: number; value: Block };
  snapshots: { key: number; value: SnapshotEntry };
  snapshotParts: { key: [number, number]; value: SnapshotPart };
}

/** Loose changes read by one `getAll` (about 5 MB of JSON): the next batch is read while one is checked. */
export const READ_BATCH = 10_000;
/** Blocks read by one `getAll`. */
const BLOCK_BATCH = 4;

/** How loose changes are packed into blocks (see {@link IndexedDbStore}). */
export interface PackOptions {
  /** Changes per block (about 2.5 MB of JSON at the bench's scale M). */
  blockSize: number;
  /** A reading that met at least this many loose changes packs them before it returns. */
  after: number;
}

export const DEFAULT_PACKING: PackOptions = { blockSize: 5_000, after: 1_000 };

/**
 * The characters of a snapshot's records kept in one part (whole records: a part passes it by at
 * most one record). Chromium refuses a value over about 127 MB serialised ("The serialized keys
 * and/or value are too large"), which a snapshot of bench scale M passes whole; parts of 4 M
 * characters (at most 8 MB even in UTF-16, about 30 at scale M) are read, checked and restored
 * one while the next is read.
 */
export const SNAPSHOT_PART = 4 * 1024 * 1024;

/**
 * The IndexedDB schema version this library creates (the log's own format is `LOG_FORMAT_VERSION`).
 * 1: one entry per change; 2: adds the `blocks` store; 3: adds `snapshotParts` (a snapshot too long for one
 * value); 4: a snapshot is a head and parts of whole records (the upgrade drops a snapshot of
 * version 3, a text cut at any character: the next opening replays the whole log and the next
 * save writes one again). An older Musubi refuses a database of a later version (VERSION: "written
 * by a newer Musubi") instead of reading it without its blocks or parts.
 */
const DATABASE_VERSION = 4;

/** One stretch of checked changes with seq > `after`, as the JSON array text of them. */
export interface ChangesText {
  first: number;
  last: number;
  /** A JSON array of the changes, as `JSON.parse` gives them back exactly (the store's own text when it can). */
  text: string;
}

/** Joins loose change texts into a block's text (one change per line). */
function blockText(texts: readonly string[]): string {
  return `[${texts.join(',\n')}]`;
}

/**
 * The changes of a block, parsed. The whole text is parsed at once; when that fails, or the text
 * may hide a forbidden key, it is read line by line so that the error names the seq of the change
 * at fault (as for a loose entry).
 */
function blockChanges(block: Block): unknown[] {
  const { text, first, last } = block;
  try {
    const items: unknown = JSON.parse(text);
    if (Array.isArray(items) && items.length === last - first + 1 && !mayHideForbiddenKey(text)) return items;
  } catch {
    // located below
  }
  const lines = text.split('\n');
  const count = last - first + 1;
  const items: unknown[] = [];
  for (let i = 0; i < Math.max(lines.length, count); i++) {
    const seq = first + i;
    const line = lines[i];
    const opens = i === 0 ? '[' : '';
    const closes = i === count - 1 ? ']' : ',';
    if (line === undefined || i >= count || !line.startsWith(opens) || !line.endsWith(closes)) {
      throw new MusubiError('FORMAT', `the block of changes ${first}–${last} is damaged at change ${seq}`, {
        path: [Math.min(seq, last)],
        details: { reason: 'damaged-block', first, last },
      });
    }
    items.push(parseLogJson(line.slice(opens.length, line.length - 1), [seq], `change ${seq}`));
  }
  return items;
}

function storageError(error: unknown, what: string): MusubiError {
  if (error instanceof MusubiError) return error;
  return new MusubiError('STORAGE', `${what}: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
  });
}

/**
 * The change log in a browser's IndexedDB (through the `idb` wrapper): one database per network,
 * a header with the format version, a store of snapshots, and the changes in two stores:
 * - `changes`: loose entries, one per change keyed by seq, as each append writes them;
 * - `blocks`: packed blocks of thousands of consecutive changes (see {@link Block}), so that a long
 *   log is read as a few hundred values instead of one per change.
 *
 * A reading that met at least `packing.after` loose changes packs them into blocks before it
 * returns, in one `readwrite` transaction that first checks that they are all still loose (another
 * tab may have packed them meanwhile), writes the blocks and deletes the loose entries: either the
 * loose entries or the block exist, never both nor neither, and a reading (one `readonly`
 * transaction) sees one or the other. Reading takes both kinds in seq order.
 *
 * Acknowledged = the `readwrite` transaction that adds the changes completed (with `strict`
 * durability where the browser supports it, i.e. flushed to disk). Changes are added, never put,
 * and an append whose first seq a block already holds is refused, so a second tab writing the same
 * network fails loudly instead of overwriting.
 *
 * @example
 * const network = await openNetwork(await IndexedDbStore.open('musubi-mie'), { author: 'suzuki' });
 */
export class IndexedDbStore implements Store {
  readonly description: string;
  readonly #db: IDBPDatabase<LogSchema>;
  readonly #packing: PackOptions;
  readonly #snapshotPart: number;
  #closed = false;

  private constructor(name: string, db: IDBPDatabase<LogSchema>, packing: PackOptions, snapshotPart: number) {
    this.description = `IndexedDB "${name}"`;
    this.#db = db;
    this.#packing = packing;
    this.#snapshotPart = snapshotPart;
  }

  /**
   * Opens (creating when new) the database `name`; refuses one written by a newer Musubi (VERSION).
   * A database of an older Musubi (one entry per change) is upgraded; its changes are packed by
   * the first reading. `options.packing` sets how (tests use small blocks).
   */
  static async open(
    name: string,
    options: { packing?: Partial<PackOptions>; snapshotPart?: number } = {},
  ): Promise<IndexedDbStore> {
    const what = `IndexedDB "${name}"`;
    const packing = { ...DEFAULT_PACKING, ...options.packing };
    if (!(Number.isInteger(packing.blockSize) && packing.blockSize >= 1 && packing.after >= 1))
      throw new MusubiError('VALIDATION', 'packing.blockSize and packing.after must be positive integers', {
        details: { packing },
      });
    const snapshotPart = options.snapshotPart ?? SNAPSHOT_PART;
    if (!(Number.isInteger(snapshotPart) && snapshotPart >= 1))
      throw new MusubiError('VALIDATION', 'snapshotPart must be a positive integer', {
        details: { snapshotPart },
      });
    let db: IDBPDatabase<LogSchema>;
    if (typeof indexedDB === 'undefined')
      throw new MusubiError('STORAGE', 'this environment has no IndexedDB');
    try {
      db = await openDB<LogSchema>(name, DATABASE_VERSION, {
        upgrade(database, oldVersion, _newVersion, transaction) {
          if (oldVersion < 1) {
            database.createObjectStore('meta');
            database.createObjectStore('changes', { keyPath: 'seq' });
            database.createObjectStore('snapshots', { keyPath: 'seq' });
            void transaction.objectStore('meta').put(
              {
                format: LOG_FORMAT,
                formatVersion: LOG_FORMAT_VERSION,
                createdAt: new Date().toISOString(),
              },
              'header',
            );
          }
          if (oldVersion < 2) database.createObjectStore('blocks', { keyPath: 'last' });
          if (oldVersion < 3) database.createObjectStore('snapshotParts', { keyPath: ['seq', 'part'] });
          else if (oldVersion < 4) {
            // a snapshot of version 3 is one text cut at any character: dropped (a cache), written again
            void transaction.objectStore('snapshots').clear();
            void transaction.objectStore('snapshotParts').clear();
          }
        },
        // a newer Musubi in another tab wants to upgrade: let it; later saves here then fail loudly
        blocking(_current, _next, event) {
          (event.target as IDBDatabase).close();
        },
      });
    } catch (error) {
      if ((error as Error)?.name === 'VersionError') {
        throw new MusubiError('VERSION', `${what} was written by a newer Musubi; update Musubi to open it`, {
          cause: error,
        });
      }
      throw storageError(error, `cannot open ${what}`);
    }
    const store = new IndexedDbStore(name, db, packing, snapshotPart);
    try {
      checkHeader(await db.get('meta', 'header'), ['header'], what);
    } catch (error) {
      db.close();
      throw error;
    }
    return store;
  }

  #refuseClosed(): void {
    if (this.#closed) throw new MusubiError('STORAGE', `${this.description} is closed`);
  }

  /** The seq of the last change stored (0 when the log is empty), without reading the log. */
  async lastSeq(): Promise<number> {
    this.#refuseClosed();
    const transaction = this.#db.transaction(['changes', 'blocks']);
    const [loose, block] = await Promise.all([
      transaction.objectStore('changes').openKeyCursor(null, 'prev'),
      transaction.objectStore('blocks').openKeyCursor(null, 'prev'),
    ]);
    return Math.max(loose?.key ?? 0, block?.key ?? 0);
  }

  /** How many changes are kept loose and in blocks (to tell whether a log is packed). */
  async layout(): Promise<{ loose: number; blocks: number }> {
    this.#refuseClosed();
    const transaction = this.#db.transaction(['changes', 'blocks']);
    const [loose, blocks] = await Promise.all([
      transaction.objectStore('changes').count(),
      transaction.objectStore('blocks').count(),
    ]);
    return { loose, blocks };
  }

  async readChanges(after = 0): Promise<LogRead> {
    return this.#read(after);
  }

  /**
   * Reads and checks the changes after `after` as {@link readChanges} does, but hands them on as
   * JSON texts instead of keeping them: `onText` gets each stretch of changes with seq > `after`,
   * in order, once every change in it is checked, with the id of the change at `after` (known by
   * then). A block is handed on as the very text stored. Resolves with the rest of the reading
   * (its `changes` empty); a damaged change rejects, as `readChanges` does, after the stretches
   * before it were handed on.
   *
   * @example
   * const read = await store.readChangeTexts(0, (part) => postMessage(part.text)); // in a worker
   */
  async readChangeTexts(
    after: number,
    onText: (part: ChangesText, idAt: string | null) => void,
  ): Promise<LogRead> {
    return this.#read(after, onText);
  }

  async #read(after: number, onText?: (part: ChangesText, idAt: string | null) => void): Promise<LogRead> {
    this.#refuseClosed();
    const transaction = this.#db.transaction(['changes', 'blocks'], 'readonly');
    const looseStore = transaction.objectStore('changes');
    const blockStore = transaction.objectStore('blocks');
    const [lastLoose, lastBlock] = await Promise.all([
      looseStore.openKeyCursor(null, 'prev'),
      blockStore.openKeyCursor(null, 'prev'),
    ]);
    const lastKey = Math.max(lastLoose?.key ?? 0, lastBlock?.key ?? 0);
    // what a snapshot covers is not read again; the change at `after` is read to match the snapshot
    const from = after > 0 && after <= lastKey ? after : 1;
    const assembler = new LogAssembler(after, from, { parsed: true, keep: !onText });
    // in batches, each checked while the browser reads the next: one `getAll` of a big log left
    // the reader idle until every entry was read
    const unhandled = <T>(request: Promise<T>) => {
      request.catch(() => undefined); // awaited below; a check that throws first must not leave it unhandled
      return request;
    };
    const loose = new Batches<Entry>(
      (lower, open) => unhandled(looseStore.getAll(IDBKeyRange.lowerBound(lower, open), READ_BATCH)),
      (entry) => entry.seq,
      READ_BATCH,
      from,
    );
    // blocks are keyed by their last seq: those holding seqs from `from` on
    const blocks = new Batches<Block>(
      (lower, open) => unhandled(blockStore.getAll(IDBKeyRange.lowerBound(lower, open), BLOCK_BATCH)),
      (block) => block.last,
      BLOCK_BATCH,
      from,
    );
    // the loose changes read, in stretches of consecutive seqs: packed after the reading
    const packable: Block[] = [];
    let looseCount = 0;
    const hand = (first: number, last: number, text: () => string) => {
      if (onText && last > after) onText({ first, last, text: text() }, assembler.idAt);
    };
    for (;;) {
      const [entry, block] = await Promise.all([loose.peek(), blocks.peek()]);
      if (!entry && !block) break;
      if (block && (!entry || block.first < entry.seq)) {
        blocks.next();
        const items = blockChanges(block);
        const kept: Change[] = [];
        let asIs = true;
        for (let i = 0; i < items.length; i++) {
          const seq = block.first + i;
          if (seq < from) continue;
          const change = assembler.add(items[i], [seq]);
          if (seq > after) {
            if (change !== items[i]) asIs = false;
            kept.push(change);
          }
        }
        hand(Math.max(block.first, after + 1), block.last, () =>
          asIs && block.first > after ? block.text : JSON.stringify(kept),
        );
        continue;
      }
      // a stretch of loose changes, up to the next block and at most one block's size
      const texts: string[] = [];
      const kept: Change[] = [];
      let asIs = true;
      let first = 0;
      let last = 0;
      for (
        let next: Entry | undefined = entry;
        next && (!block || next.seq < block.first) && texts.length < this.#packing.blockSize;
        next = await loose.peek()
      ) {
        loose.next();
        const raw = parseLogJson(next.text, [next.seq], `change ${next.seq}`);
        const change = assembler.add(raw, [next.seq]);
        if (texts.length === 0) first = next.seq;
        last = next.seq;
        texts.push(next.text);
        if (next.seq > after) {
          if (change !== raw) asIs = false;
          kept.push(change);
        }
      }
      looseCount += texts.length;
      const text = blockText(texts);
      packable.push({ first, last, text });
      hand(Math.max(first, after + 1), last, () => (asIs && first > after ? text : JSON.stringify(kept)));
    }
    await transaction.done;
    if (looseCount >= this.#packing.after) await this.#pack(packable);
    return assembler.result();
  }

  /**
   * Packs stretches of loose changes (as read and checked) into blocks: per stretch, in one
   * `readwrite` transaction, only when every change of it is still loose. A failure leaves the
   * changes loose (packing is a matter of speed, the log is the same either way).
   */
  async #pack(stretches: readonly Block[]): Promise<void> {
    try {
      const transaction = this.#db.transaction(['changes', 'blocks'], 'readwrite', { durability: 'strict' });
      const looseStore = transaction.objectStore('changes');
      const blockStore = transaction.objectStore('blocks');
      const writes: Promise<unknown>[] = [];
      for (const stretch of stretches) {
        const range = IDBKeyRange.bound(stretch.first, stretch.last);
        // another tab may have packed them since they were read: then they are left as they are
        if ((await looseStore.count(range)) !== stretch.last - stretch.first + 1) continue;
        writes.push(blockStore.add(stretch), looseStore.delete(range));
      }
      await Promise.all([...writes, transaction.done]);
    } catch {
      // the loose changes stay; the next reading tries again
    }
  }

  async append(changes: readonly Change[]): Promise<void> {
    this.#refuseClosed();
    try {
      const transaction = this.#db.transaction(['changes', 'blocks'], 'readwrite', { durability: 'strict' });
      const first = changes[0]?.seq;
      if (first !== undefined) {
        const lastBlock = await transaction.objectStore('blocks').openKeyCursor(null, 'prev');
        if (lastBlock && lastBlock.key >= first) {
          transaction.done.catch(() => undefined); // aborted on purpose
          transaction.abort();
          throw new MusubiError('STORAGE', `change ${first} is already stored in ${this.description}`, {
            details: { seq: first },
          });
        }
      }
      const looseStore = transaction.objectStore('changes');
      const adds = changes.map((change) => looseStore.add({ seq: change.seq, text: JSON.stringify(change) }));
      await Promise.all([...adds, transaction.done]);
    } catch (error) {
      throw storageError(error, `cannot save changes to ${this.description}`);
    }
  }

  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    const records: Partial<Record<Collection, StoredRecord[]>> = {};
    const head = await this.#readSnapshot((collection, items) => {
      const list = records[collection] ?? [];
      records[collection] = list;
      for (const item of items) list.push(item);
    }, records);
    return head && { seq: head.seq, changeId: head.changeId, records };
  }

  /**
   * Reads and checks the latest snapshot as {@link readSnapshot} does, but hands its records on
   * part by part as JSON texts (the very text stored when every record of it is kept as it is)
   * instead of keeping them; resolves with its head. See `Store.readSnapshotTexts`.
   *
   * @example
   * const head = await store.readSnapshotTexts((part) => postMessage(part)); // in a worker
   */
  async readSnapshotTexts(onPart: (part: SnapshotPartText) => void): Promise<SnapshotHead | undefined> {
    return this.#readSnapshot((collection, items, text, asIs) =>
      onPart({ collection, text: asIs ? text : JSON.stringify(items) }),
    );
  }

  /**
   * Reads the latest snapshot in one `readonly` transaction, part by part (the next asked for
   * while one is checked): every part must be there, in order, of the snapshot's seq, a JSON array
   * of `count` valid records of one of its collections; else FORMAT. `records` gets the snapshot's
   * collections (some may be empty).
   */
  async #readSnapshot(
    onPart: (collection: Collection, records: StoredRecord[], text: string, asIs: boolean) => void,
    records?: Partial<Record<Collection, StoredRecord[]>>,
  ): Promise<SnapshotHead | undefined> {
    this.#refuseClosed();
    const transaction = this.#db.transaction(['snapshots', 'snapshotParts']);
    transaction.done.catch(() => undefined); // a refusal below leaves it to end by itself
    const latest = await transaction.objectStore('snapshots').openCursor(null, 'prev');
    if (!latest) return undefined;
    const head = latest.value;
    const where = ['snapshot', head.seq];
    const refuse = (why: string, path: (string | number)[] = where): never => {
      throw new MusubiError('FORMAT', `${this.description}: the snapshot at ${head.seq} ${why}`, { path });
    };
    const known = (c: unknown): c is Collection => (collections as readonly unknown[]).includes(c);
    if (
      !(
        Number.isInteger(head.seq) &&
        head.seq >= 0 &&
        (head.changeId === null || typeof head.changeId === 'string') &&
        Number.isInteger(head.parts) &&
        head.parts >= 0 &&
        Array.isArray(head.collections) &&
        head.collections.every(known)
      )
    )
      refuse('is malformed');
    for (const collection of head.collections) if (records) records[collection] ??= [];
    const partStore = transaction.objectStore('snapshotParts');
    const ask = (part: number) => {
      const request = partStore.get([head.seq, part]);
      request.catch(() => undefined); // awaited below
      return request;
    };
    let next = head.parts > 0 ? ask(0) : undefined;
    for (let part = 0; part < head.parts; part++) {
      const value = await next;
      next = part + 1 < head.parts ? ask(part + 1) : undefined;
      const at = [...where, part];
      if (!value) refuse(`lacks part ${part} of its ${head.parts}`, at);
      const { collection, count, text } = value as SnapshotPart;
      if (!(known(collection) && head.collections.includes(collection) && typeof text === 'string'))
        refuse(`has a malformed part ${part}`, at);
      const items = parseLogJson(text, at, 'the snapshot');
      if (!Array.isArray(items) || items.length !== count)
        refuse(`has a part ${part} that is not its ${count} records`, at);
      let asIs = true;
      const kept = (items as unknown[]).map((raw) => {
        const record = decodeRecord(collection, raw, at, 'the snapshot', { parsed: true });
        if (record !== raw) asIs = false;
        return record;
      });
      onPart(collection, kept, text, asIs);
    }
    return { seq: head.seq, changeId: head.changeId };
  }

  /**
   * Keeps the snapshot and drops older ones (the log itself is never shortened), in one
   * transaction: its head, and its records in parts of whole records of one collection (at most
   * about `snapshotPart` characters), the collections in {@link SNAPSHOT_ORDER}.
   */
  async writeSnapshot(snapshot: NetworkSnapshot): Promise<void> {
    this.#refuseClosed();
    // made before the transaction: a transaction left without a request while this runs may end
    const parts: SnapshotPart[] = [];
    const present = Object.keys(snapshot.records) as Collection[];
    const order = [
      ...SNAPSHOT_ORDER.filter((c) => present.includes(c)),
      ...present.filter((c) => !SNAPSHOT_ORDER.includes(c)),
    ];
    for (const collection of order) {
      let texts: string[] = [];
      let length = 0;
      const cut = () => {
        if (texts.length === 0) return;
        parts.push({
          seq: snapshot.seq,
          part: parts.length,
          collection,
          count: texts.length,
          text: `[${texts.join(',')}]`,
        });
        texts = [];
        length = 0;
      };
      for (const record of snapshot.records[collection] ?? []) {
        const text = JSON.stringify(record);
        texts.push(text);
        length += text.length + 1;
        if (length >= this.#snapshotPart) cut();
      }
      cut();
    }
    try {
      const transaction = this.#db.transaction(['snapshots', 'snapshotParts'], 'readwrite', {
        durability: 'strict',
      });
      const snapshots = transaction.objectStore('snapshots');
      const partStore = transaction.objectStore('snapshotParts');
      const requests: Promise<unknown>[] = [
        snapshots.delete(IDBKeyRange.upperBound(snapshot.seq, true)),
        partStore.delete(IDBKeyRange.upperBound([snapshot.seq, Number.POSITIVE_INFINITY])),
        snapshots.put({
          seq: snapshot.seq,
          changeId: snapshot.changeId,
          parts: parts.length,
          collections: order,
        }),
        ...parts.map((part) => partStore.put(part)),
      ];
      await Promise.all([...requests, transaction.done]);
    } catch (error) {
      throw storageError(error, `cannot save the snapshot to ${this.description}`);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

/**
 * Values of one object store read in key order by `getAll` batches, the next batch asked for as
 * soon as one arrives (so the browser reads it while this one is checked).
 */
class Batches<T> {
  #values: T[] = [];
  #at = 0;
  #next: Promise<T[]> | undefined;

  constructor(
    private readonly read: (lower: number, open: boolean) => Promise<T[]>,
    private readonly key: (value: T) => number,
    private readonly size: number,
    from: number,
  ) {
    this.#next = read(from, false);
  }

  /** The next value, without taking it (undefined at the end). */
  async peek(): Promise<T | undefined> {
    if (this.#at < this.#values.length) return this.#values[this.#at];
    if (!this.#next) return undefined;
    this.#values = await this.#next;
    this.#at = 0;
    const last = this.#values.at(-1);
    this.#next = this.#values.length === this.size && last ? this.read(this.key(last), true) : undefined;
    return this.#values[0];
  }

  /** Takes the value `peek` gave. */
  next(): void {
    this.#at++;
  }
}
