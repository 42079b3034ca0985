import {
  type Change,
  createNetwork,
  isMusubiError,
  MusubiError,
  type Network,
  type NetworkSnapshot,
  type ProposedChange,
} from '@musubi/core';
import { Mutex } from 'async-mutex';
import type { Database } from '../database/database.js';
import { insertChanges, PostgresStore } from '../store/postgres-store.js';

/** What a push gives back: the stored changes, and the refusal that stopped it, if any. */
export interface PushResult {
  readonly accepted: Change[];
  readonly error?: MusubiError;
}

interface Pending {
  readonly changes: readonly ProposedChange[];
  readonly author: string;
  resolve(result: PushResult): void;
  reject(error: unknown): void;
}

export interface SequencerOptions {
  /** The network's name in the database (default `main`). */
  network?: string;
  /** The clock for record time (default the system clock). */
  now?: () => Date;
  /** At most this many pushes share one transaction (group commit; default 256). */
  maxGroup?: number;
}

/**
 * The one writer of a network's log. It keeps the network in memory, replayed from the database
 * at start; pushes are queued and taken in groups: each change is accepted in memory
 * (`Network.accept`: schemas, references, conflicts), then the group's new changes are inserted in
 * one transaction, and the pushes are answered only after it commits. If the database fails, the
 * network is replayed again from the database (so nothing unacknowledged stays in memory) and the
 * pushes of the group are refused with STORAGE.
 */
export class Sequencer {
  readonly #db: Database;
  readonly #name: string;
  readonly #now: () => Date;
  readonly #maxGroup: number;
  readonly #mutex = new Mutex();
  readonly #listeners = new Set<(changes: readonly Change[]) => void>();
  #network: Network;
  /**
   * How many changes of the network's log are committed (what pulls and streams read, by position:
   * the network is replayed from the whole log, so the change of seq `s` is at position `s - 1`).
   * Between accept and commit the network holds more.
   */
  #committed: number;
  #queue: Pending[] = [];
  #draining = false;
  #broken = false;

  private constructor(db: Database, network: Network, options: SequencerOptions) {
    this.#db = db;
    this.#name = options.network ?? 'main';
    this.#now = options.now ?? (() => new Date());
    this.#maxGroup = options.maxGroup ?? 256;
    this.#network = network;
    this.#committed = network.changeCount;
  }

  /** Replays the network's log from the database. */
  static async open(db: Database, options: SequencerOptions = {}): Promise<Sequencer> {
    return new Sequencer(db, await Sequencer.#replay(db, options), options);
  }

  static async #replay(db: Database, options: SequencerOptions): Promise<Network> {
    const store = new PostgresStore(db, { network: options.network ?? 'main' });
    const read = await store.readChanges();
    return createNetwork({ log: read.changes, author: 'server', now: options.now ?? (() => new Date()) });
  }

  /** The seq of the last committed change. */
  get head(): number {
    return this.#committed;
  }

  /** Committed changes with seq > `after`, oldest first, at most `limit`. */
  changesAfter(after: number, limit = Number.POSITIVE_INFINITY): Change[] {
    return changesOf(
      this.#network,
      Math.max(0, after),
      Math.min(this.#committed, Math.max(0, after) + limit),
    );
  }

  /** The current records after the last committed change. */
  snapshot(): Promise<NetworkSnapshot> {
    // under the lock: between accept and commit the network holds changes not yet acknowledged
    return this.#mutex.runExclusive(() => this.#network.snapshot());
  }

  /** Tells `listener` of every group of changes once committed; returns a function that stops it. */
  subscribe(listener: (changes: readonly Change[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Lands `changes` in order as written by `author`: each whole or not at all; at the first refused
   * one the push stops and its result carries the error (with `details.accepted`). Rejects with
   * STORAGE when the database failed (nothing of the group was acknowledged; retry).
   */
  push(changes: readonly ProposedChange[], author: string): Promise<PushResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ changes, author, resolve, reject });
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue.splice(0, this.#maxGroup);
        await this.#mutex.runExclusive(async () => {
          try {
            await this.#land(group);
          } catch (error) {
            // a failure that is no refusal (a bug): answer every push, and start again from the database
            this.#broken = true;
            for (const pending of group) pending.reject(error);
          }
        });
      }
    } finally {
      this.#draining = false;
    }
  }

  async #land(group: readonly Pending[]): Promise<void> {
    if (this.#broken) {
      try {
        await this.#rebuild();
      } catch (error) {
        for (const pending of group) pending.reject(error);
        return;
      }
    }
    const head = this.#committed;
    const results: PushResult[] = [];
    const fresh: Change[] = [];
    for (const pending of group) {
      const accepted: Change[] = [];
      let refusal: MusubiError | undefined;
      for (const proposed of pending.changes) {
        try {
          const stored = this.#network.accept(proposed, { author: pending.author });
          accepted.push(stored);
          if (stored.seq > head && !fresh.includes(stored)) fresh.push(stored);
        } catch (error) {
          if (!isMusubiError(error)) throw error;
          refusal = new MusubiError(error.code, error.message, {
            path: error.path,
            issues: error.issues,
            details: { ...error.details, accepted },
            cause: error,
          });
          break;
        }
      }
      results.push(refusal ? { accepted, error: refusal } : { accepted });
    }
    if (fresh.length > 0) {
      try {
        await this.#db.transaction((tx) => insertChanges(tx, this.#name, fresh));
      } catch (error) {
        const failure = isMusubiError(error, 'STORAGE')
          ? error
          : new MusubiError('STORAGE', `the changes could not be stored: ${(error as Error).message}`, {
              cause: error,
            });
        this.#broken = true;
        try {
          await this.#rebuild();
        } catch {
          // still broken: the next group tries again
        }
        for (const pending of group) pending.reject(failure);
        return;
      }
      this.#committed = this.#network.changeCount;
    }
    for (const [i, pending] of group.entries()) pending.resolve(results[i] as PushResult);
    if (fresh.length > 0) {
      for (const listener of this.#listeners) {
        try {
          listener(fresh);
        } catch {
          // a failing listener (a closed stream) must not fail a push
        }
      }
    }
  }

  /** Replays the network from the database: what is there is what was acknowledged or committed. */
  async #rebuild(): Promise<void> {
    const network = await Sequencer.#replay(this.#db, { network: this.#name, now: this.#now });
    // a commit whose reply was lost may be there: it joins the log (and the streams) now
    const recovered = changesOf(network, this.#committed, network.changeCount);
    this.#network = network;
    this.#committed = network.changeCount;
    this.#broken = false;
    if (recovered.length > 0) for (const listener of this.#listeners) listener(recovered);
  }
}

/** The changes at positions `from` to `to` (not included) of the network's log, made only for them. */
function changesOf(network: Network, from: number, to: number): Change[] {
  const out: Change[] = [];
  for (let i = from; i < to; i++) out.push(network.changeAt(i) as Change);
  return out;
}
