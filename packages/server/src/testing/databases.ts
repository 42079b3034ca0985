/** Fresh databases for a test: PGlite in memory, or a new database in the run's PostgreSQL cluster. */
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../database/database.js';
import { openDatabase } from '../database/open-database.js';

let counter = 0;

/** A URL of a new, empty database in the cluster the globalSetup started. */
export async function freshPostgresUrl(): Promise<string> {
  const admin = inject('postgresUrl');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The two engines every server test runs on, each opening a fresh, migrated database. */
export const engines: readonly { name: string; open(): Promise<Database> }[] = [
  { name: 'PGlite', open: () => openDatabase({ dataDir: 'memory://' }) },
  { name: 'PostgreSQL', open: async () => openDatabase({ url: await freshPostgresUrl() }) },
];
