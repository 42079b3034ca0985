import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { storageError } from './database.js';

/** The address of a connection URL without its password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/**
 * A real PostgreSQL server through `pg` (node-postgres), with a pool of connections. A lost
 * connection (the server restarted) fails the calls in flight with STORAGE; later calls connect
 * again.
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres';
  readonly description: string;
  readonly #pool: pg.Pool;

  constructor(url: string, options: { maxConnections?: number } = {}) {
    this.description = describeUrl(url);
    this.#pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
    // an idle connection dropped by the server must not crash the process; the next call reconnects
    this.#pool.on('error', () => undefined);
  }

  /** Connects to `url` and checks that the server answers. */
  static async open(url: string, options: { maxConnections?: number } = {}): Promise<PostgresDatabase> {
    const db = new PostgresDatabase(url, options);
    try {
      await db.query('SELECT 1');
    } catch (error) {
      await db.close();
      throw error;
    }
    return db;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return (await this.#pool.query(sql, params as unknown[])).rows as Row[];
    } catch (error) {
      throw storageError(error, this.description);
    }
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw storageError(error, this.description);
    }
    let broken = false;
    // a checked-out connection that the server cuts emits `error`: the query in flight fails with it
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone: do not hand it out again
      }
      throw storageError(error, this.description);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end().catch(() => undefined);
  }
}
