import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Change } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import { checkHeader, decodeSnapshot, LogAssembler, parseLogJson } from '../log/log-codec.js';
import { LOG_FORMAT, LOG_FORMAT_VERSION, type LogRead, type Store } from '../log/store.js';
import type { NetworkSnapshot } from '../network/network.js';

/** An entry as kept in IndexedDB: the seq as key, the change (or snapshot) as JSON text. */
interface Entry {
  seq: number;
  text: string;
}

interface LogSchema extends DBSchema {
  meta: { key: string; value: { format: string; formatVersion: number; createdAt: string } };
  changes: { key: number; value: Entry };
  snapshots: { key: number; value: Entry };
}

/** Changes read by one `getAll` (about 5 MB of JSON): the next batch is read while one is checked. */
export const READ_BATCH = 10_000;

/** The IndexedDB schema version this library creates (the log's own format is `LOG_FORMAT_VERSION`). */
const DATABASE_VERSION = 1;

function storageError(error: unknown, what: string): MusubiError {
  if (error instanceof MusubiError) return error;
  return new MusubiError('STORAGE', `${what}: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
  });
}

/**
 * The change log in a browser's IndexedDB (through the `idb` wrapper): one database per network,
 * an object store of changes keyed by seq, one of snapshots, and a header with the format version.
 * Acknowledged = the `readwrite` transaction that adds the changes completed (with `strict`
 * durability where the browser supports it, i.e. flushed to disk). Changes are added, never put,
 * so a second tab writing the same network fails loudly instead of overwriting.
 *
 * @example
 * const network = await openNetwork(await IndexedDbStore.open('musubi-mie'), { author: 'suzuki' });
 */
export class IndexedDbStore implements Store {
  readonly description: string;
  readonly #db: IDBPDatabase<LogSchema>;
  #closed = false;

  private constructor(name: string, db: IDBPDatabase<LogSchema>) {
    this.description = `IndexedDB "${name}"`;
    this.#db = db;
  }

  /** Opens (creating when new) the database `name`; refuses one written by a newer Musubi (VERSION). */
  static async open(name: string): Promise<IndexedDbStore> {
    const what = `IndexedDB "${name}"`;
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
    const store = new IndexedDbStore(name, db);
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
    const last = await this.#db.transaction('changes').store.openCursor(null, 'prev');
    return last?.key ?? 0;
  }

  async readChanges(after = 0): Promise<LogRead> {
    this.#refuseClosed();
    const transaction = this.#db.transaction('changes', 'readonly');
    const last = await transaction.store.openCursor(null, 'prev');
    const lastKey = last?.key ?? 0;
    // what a snapshot covers is not read again; the change at `after` is read to match the snapshot
    const from = after > 0 && after <= lastKey ? after : 1;
    const assembler = new LogAssembler(after, from, { parsed: true });
    // in batches, each checked while the browser reads the next: one `getAll` of a big log left
    // the reader idle until every entry was read (most of scale M's reading)
    const batch = (range: IDBKeyRange) => {
      const request = transaction.store.getAll(range, READ_BATCH);
      request.catch(() => undefined); // awaited below; a check that throws first must not leave it unhandled
      return request;
    };
    let next: Promise<Entry[]> | undefined = batch(IDBKeyRange.lowerBound(from));
    while (next) {
      const entries: Entry[] = await next;
      const last = entries.at(-1);
      next =
        entries.length === READ_BATCH && last ? batch(IDBKeyRange.lowerBound(last.seq, true)) : undefined;
      for (const entry of entries) {
        assembler.add(parseLogJson(entry.text, [entry.seq], `change ${entry.seq}`), [entry.seq]);
      }
    }
    await transaction.done;
    return assembler.result();
  }

  async append(changes: readonly Change[]): Promise<void> {
    this.#refuseClosed();
    try {
      const transaction = this.#db.transaction('changes', 'readwrite', { durability: 'strict' });
      const adds = changes.map((change) =>
        transaction.store.add({ seq: change.seq, text: JSON.stringify(change) }),
      );
      await Promise.all([...adds, transaction.done]);
    } catch (error) {
      throw storageError(error, `cannot save changes to ${this.description}`);
    }
  }

  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    this.#refuseClosed();
    const latest = await this.#db.transaction('snapshots').store.openCursor(null, 'prev');
    if (!latest) return undefined;
    const where = ['snapshot', latest.value.seq];
    return decodeSnapshot(parseLogJson(latest.value.text, where, 'the snapshot'), where, { parsed: true });
  }

  /** Keeps the snapshot and drops older ones (the log itself is never shortened). */
  async writeSnapshot(snapshot: NetworkSnapshot): Promise<void> {
    this.#refuseClosed();
    try {
      const transaction = this.#db.transaction('snapshots', 'readwrite', { durability: 'strict' });
      await Promise.all([
        transaction.store.put({ seq: snapshot.seq, text: JSON.stringify(snapshot) }),
        transaction.store.delete(IDBKeyRange.upperBound(snapshot.seq, true)),
        transaction.done,
      ]);
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
