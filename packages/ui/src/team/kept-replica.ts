/**
 * A team replica kept in this browser's IndexedDB, so that work goes on offline and survives a
 * reload: the server's records at a seq (a snapshot), the confirmed changes after it, and this
 * user's pending and set-aside changes. One database per server and user (pending changes belong
 * to who made them). Writes are queued one after another; `whenKept()` waits for them.
 */
import { type Change, MusubiError, type NetworkSnapshot } from '@musubi/core';
import type { Replica, SetAsideChange } from '@musubi/core/client';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** What a kept replica holds, to start a replica from. */
export interface KeptReplica {
  readonly snapshot: NetworkSnapshot | undefined;
  readonly log: Change[];
  readonly pending: Change[];
  readonly setAside: SetAsideChange[];
}

interface KeptError {
  code: MusubiError['code'];
  message: string;
  path: (string | number)[];
  details: Record<string, unknown>;
}

interface KeptSchema extends DBSchema {
  kept: {
    key: 'snapshot' | 'pending' | 'setAside';
    value: NetworkSnapshot | Change[] | { change: Change; error: KeptError }[];
  };
  confirmed: { key: number; value: Change };
}

/** After this many confirmed changes kept beside the snapshot, a new snapshot replaces them. */
export const COMPACT_AFTER = 2000;

/** The database name of `username`'s replica of `server`. */
export function keptName(server: string, username: string): string {
  return `musubi-team ${server} ${username}`;
}

function keptError(error: MusubiError): KeptError {
  return {
    code: error.code,
    message: error.message,
    path: [...error.path],
    details: JSON.parse(JSON.stringify(error.details ?? {})),
  };
}

function storageError(error: unknown, what: string): MusubiError {
  return new MusubiError('STORAGE', `${what}: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
  });
}

export class KeptReplicaStore {
  readonly #db: IDBPDatabase<KeptSchema>;
  #queue: Promise<void> = Promise.resolve();
  #failure: MusubiError | undefined;
  #dirty = false;

  private constructor(db: IDBPDatabase<KeptSchema>) {
    this.#db = db;
  }

  static async open(name: string): Promise<KeptReplicaStore> {
    try {
      const db = await openDB<KeptSchema>(name, 1, {
        upgrade(database) {
          database.createObjectStore('kept');
          database.createObjectStore('confirmed');
        },
      });
      return new KeptReplicaStore(db);
    } catch (error) {
      throw storageError(error, `IndexedDB ${name} cannot be opened`);
    }
  }

  /** What was kept (an empty replica on the first start). */
  async read(): Promise<KeptReplica> {
    const transaction = this.#db.transaction(['kept', 'confirmed']);
    const kept = transaction.objectStore('kept');
    const snapshot = (await kept.get('snapshot')) as NetworkSnapshot | undefined;
    const pending = ((await kept.get('pending')) as Change[] | undefined) ?? [];
    const aside = ((await kept.get('setAside')) as { change: Change; error: KeptError }[] | undefined) ?? [];
    const log = await transaction.objectStore('confirmed').getAll();
    await transaction.done;
    const after = snapshot?.seq ?? 0;
    return {
      snapshot,
      log: log.filter((c) => c.seq > after).sort((a, b) => a.seq - b.seq),
      pending,
      setAside: aside.map(({ change, error }) => ({
        change,
        error: new MusubiError(error.code, error.message, { path: error.path, details: error.details }),
      })),
    };
  }

  /** The first failure to keep something, if any (the app says its changes live in memory only). */
  get failure(): MusubiError | undefined {
    return this.#failure;
  }

  #enqueue(what: string, work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      this.#failure ??= storageError(error, what);
    });
  }

  /** Resolves when everything asked so far is kept. */
  async whenKept(): Promise<void> {
    await this.#queue;
  }

  /** Starts over from the server's snapshot (`pending` and set-aside changes are kept as they are). */
  startFrom(snapshot: NetworkSnapshot): Promise<void> {
    this.#enqueue('the snapshot cannot be kept', async () => {
      const transaction = this.#db.transaction(['kept', 'confirmed'], 'readwrite');
      await transaction.objectStore('confirmed').clear();
      await transaction.objectStore('kept').put(snapshot, 'snapshot');
      await transaction.done;
    });
    return this.whenKept();
  }

  /** Keeps the replica's confirmed records as the snapshot and drops the changes it covers. */
  compact(replica: Replica): Promise<void> {
    const snapshot = replica.confirmedSnapshot();
    this.#enqueue('the snapshot cannot be kept', async () => {
      const transaction = this.#db.transaction(['kept', 'confirmed'], 'readwrite');
      await transaction.objectStore('kept').put(snapshot, 'snapshot');
      await transaction.objectStore('confirmed').delete(IDBKeyRange.upperBound(snapshot.seq));
      await transaction.done;
    });
    return this.whenKept();
  }

  /** Writes the replica's pending and set-aside changes (once for many calls in a row). */
  #keepPending(replica: Replica): void {
    if (this.#dirty) return;
    this.#dirty = true;
    this.#enqueue('the changes to send cannot be kept', async () => {
      this.#dirty = false;
      const pending = replica.pending().map((c) => ({ ...c }));
      const setAside = replica.setAside().map((s) => ({ change: s.change, error: keptError(s.error) }));
      const transaction = this.#db.transaction('kept', 'readwrite');
      await transaction.store.put(pending, 'pending');
      await transaction.store.put(setAside, 'setAside');
      await transaction.done;
    });
  }

  /**
   * Keeps `replica` from now on: each confirmed change, and the pending and set-aside changes
   * whenever they change. Returns a function that stops.
   */
  keep(replica: Replica): () => void {
    const stops = [
      replica.onConfirmed((changes) => {
        const copy = changes.map((c) => ({ ...c }));
        this.#enqueue('the server’s changes cannot be kept', async () => {
          const transaction = this.#db.transaction('confirmed', 'readwrite');
          await Promise.all([...copy.map((c) => transaction.store.put(c, c.seq)), transaction.done]);
        });
        this.#keepPending(replica);
      }),
      replica.subscribe(() => this.#keepPending(replica)),
      replica.onSyncState(() => this.#keepPending(replica)),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  async close(): Promise<void> {
    await this.whenKept();
    this.#db.close();
  }
}
