/** Fresh databases for a test: PGlite in memory, or a new database in the run's PostgreSQL cluster. */
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
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

/**
 * One database of `engine` for the tests of a file: opened before them (PGlite compiles its
 * WebAssembly when it starts: on a busy machine that can take minutes, which is no test's time) and
 * closed after them. Call it where the file's hooks go (at the top level or in a describe).
 */
export function databaseFor(engine: (typeof engines)[number]): () => Promise<Database> {
  let opened: Promise<Database> | undefined;
  const database = () => {
    opened ??= engine.open();
    return opened;
  };
  beforeAll(() => database(), 600_000);
  afterAll(async () => {
    if (opened) await (await opened).close();
  });
  return database;
}
