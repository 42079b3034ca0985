import type { Database } from './database.js';
import { migrate } from './migrations.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase } from './postgres-database.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL (`postgres://user@host/db`); without one, PGlite in `dataDir`. */
  url?: string;
  /** PGlite's data folder (default `./musubi-data`); `memory://` for a throwaway database. */
  dataDir?: string;
}

/**
 * Opens the server's database, a real PostgreSQL when `url` is given and PGlite otherwise, and
 * brings its schema to the latest version.
 *
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: './musubi-data' });
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const db = options.url
    ? await PostgresDatabase.open(options.url)
    : await PgliteDatabase.open(options.dataDir ?? './musubi-data');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
