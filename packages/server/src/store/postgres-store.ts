import { type Change, type LogRead, MusubiError, type NetworkSnapshot, type Store } from '@musubi/core';
import { decodeSnapshot, LogAssembler, parseLogJson } from '@musubi/core/log';
import type { Database, Queryable } from '../database/database.js';

/** Rows per INSERT: 7 parameters a row stays far below PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

/**
 * Inserts changes into the log of `network` in the transaction `tx` (one statement per thousand).
 * A seq or an id already there fails the transaction (unique violation).
 */
export async function insertChanges(
  tx: Queryable,
  network: string,
  changes: readonly Change[],
): Promise<void> {
  for (let start = 0; start < changes.length; start += ROWS_PER_INSERT) {
    const slice = changes.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const rows = slice.map((change) => {
      const at = params.length;
      params.push(
        network,
        change.seq,
        change.id,
        change.recordedAt,
        change.author,
        change.operation,
        JSON.stringify(change),
      );
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7})`;
    });
    await tx.query(
      `INSERT INTO changes (network, seq, id, recorded_at, author, operation, body) VALUES ${rows.join(', ')}`,
      params,
    );
  }
}

/**
 * The change log in PostgreSQL (PGlite or a real server): one row per change, its JSON kept as
 * text exactly as written and read back through the core's log reader (schemas, seq order,
 * forbidden keys). Acknowledged = the transaction that inserted the batch committed. A database
 * can hold several networks' logs, each under its name.
 *
 * @example
 * const network = await openNetwork(new PostgresStore(await openDatabase({ dataDir })), { author: 'suzuki' });
 */
export class PostgresStore implements Store {
  readonly description: string;
  readonly #db: Database;
  readonly #network: string;
  readonly #ownsDatabase: boolean;
  #closed = false;

  /** `ownsDatabase`: close the database with the store (default false: the caller closes it). */
  constructor(db: Database, options: { network?: string; ownsDatabase?: boolean } = {}) {
    this.#db = db;
    this.#network = options.network ?? 'main';
    this.#ownsDatabase = options.ownsDatabase ?? false;
    this.description = `${db.description} (network "${this.#network}")`;
  }

  /** The name of the network whose log this store keeps. */
  get network(): string {
    return this.#network;
  }

  #open(): void {
    if (this.#closed) throw new MusubiError('STORAGE', `${this.description} is closed`);
  }

  /** The seq of the last change in the log (0 when it is empty), without reading the log. */
  async lastSeq(): Promise<number> {
    this.#open();
    const rows = await this.#db.query<{ last: unknown }>(
      'SELECT max(seq) AS last FROM changes WHERE network = $1',
      [this.#network],
    );
    return Number(rows[0]?.last ?? 0);
  }

  async readChanges(after = 0): Promise<LogRead> {
    this.#open();
    // from the change at `after` (its id is asked for) when there is one; else the whole log
    if (after > 0) {
      const last = await this.lastSeq();
      if (last < after) return this.#beyond(last);
      const rows = await this.#rows(after);
      if (rows.length > 0 && Number(rows[0]?.seq) === after) return this.#assemble(rows, after, after);
    }
    return this.#assemble(await this.#rows(0), after, 1);
  }

  #beyond(last: number): LogRead {
    return { changes: [], idAt: null, lastSeq: last, warnings: [] };
  }

  async #rows(from: number): Promise<{ seq: unknown; body: string }[]> {
    return this.#db.query<{ seq: unknown; body: string }>(
      'SELECT seq, body FROM changes WHERE network = $1 AND seq >= $2 ORDER BY seq',
      [this.#network, from],
    );
  }

  #assemble(rows: readonly { seq: unknown; body: string }[], after: number, firstSeq: number): LogRead {
    const assembler = new LogAssembler(after, firstSeq);
    for (const row of rows) {
      const seq = Number(row.seq);
      assembler.add(parseLogJson(row.body, [seq], `change ${seq}`), [seq]);
    }
    return assembler.result();
  }

  async append(changes: readonly Change[]): Promise<void> {
    this.#open();
    if (changes.length === 0) return;
    await this.#db.transaction((tx) => insertChanges(tx, this.#network, changes));
  }

  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    this.#open();
    const rows = await this.#db.query<{ body: string }>('SELECT body FROM snapshots WHERE network = $1', [
      this.#network,
    ]);
    const body = rows[0]?.body;
    if (body === undefined) return undefined;
    return decodeSnapshot(parseLogJson(body, ['snapshot'], 'the snapshot'), ['snapshot']);
  }

  async writeSnapshot(snapshot: NetworkSnapshot): Promise<void> {
    this.#open();
    await this.#db.query(
      `INSERT INTO snapshots (network, seq, change_id, body, written_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (network) DO UPDATE SET seq = $2, change_id = $3, body = $4, written_at = now()`,
      [this.#network, snapshot.seq, snapshot.changeId, JSON.stringify(snapshot)],
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDatabase) await this.#db.close();
  }
}
