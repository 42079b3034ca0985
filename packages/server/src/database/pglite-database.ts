import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';
import { storageError } from './database.js';

/**
 * Runs one statement with parameters, or a script of several without (a migration): PGlite's
 * prepared statements take one command.
 */
async function run<Row>(db: Pick<PGlite, 'query' | 'exec'>, sql: string, params: readonly unknown[]) {
  if (params.length > 0) return (await db.query<Row>(sql, params as unknown[])).rows;
  const results = await db.exec(sql);
  return (results.at(-1)?.rows ?? []) as Row[];
}

/**
 * PGlite, a real PostgreSQL compiled to WebAssembly, in this process: the embedded default, with
 * its data in a folder (or in memory with `memory://`). One connection; PGlite runs one query at a
 * time, and a transaction holds it until it ends.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite';
  readonly description: string;
  readonly #db: PGlite;

  private constructor(description: string, db: PGlite) {
    this.description = description;
    this.#db = db;
  }

  /** Opens (creating when new) the data folder `dataDir`; `memory://` keeps it in memory. */
  static async open(dataDir: string): Promise<PgliteDatabase> {
    try {
      const db = await PGlite.create(dataDir);
      return new PgliteDatabase(`PGlite ${dataDir}`, db);
    } catch (error) {
      throw storageError(error, `PGlite could not open ${dataDir}`);
    }
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return await run<Row>(this.#db, sql, params);
    } catch (error) {
      throw storageError(error, `${this.description}`);
    }
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction(async (tx) =>
        work({
          query: <Row>(sql: string, params: readonly unknown[] = []) => run<Row>(tx, sql, params),
        }),
      );
    } catch (error) {
      throw storageError(error, `${this.description}`);
    }
  }

  async close(): Promise<void> {
    if (!this.#db.closed) await this.#db.close();
  }
}
