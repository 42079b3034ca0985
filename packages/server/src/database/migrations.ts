import { MusubiError } from '@musubi/core';
import type { Database } from './database.js';

/** One step of the schema: applied once, in order, recorded in `schema_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema, as numbered steps. Never edit a step that shipped: add the next one. Every table
 * that belongs to a network has a `network` column, so that one server can later hold several.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'the change log and its snapshots',
    sql: `
      CREATE TABLE changes (
        network text NOT NULL,
        seq bigint NOT NULL,
        id text NOT NULL,
        recorded_at timestamptz NOT NULL,
        author text NOT NULL,
        operation text NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (network, seq),
        UNIQUE (network, id)
      );
      CREATE TABLE snapshots (
        network text PRIMARY KEY,
        seq bigint NOT NULL,
        change_id text,
        body text NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 2,
    name: 'users, sessions, API tokens and the audit trail',
    sql: `
      CREATE TABLE users (
        username text PRIMARY KEY,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        username text NOT NULL REFERENCES users (username),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX sessions_by_user ON sessions (username);
      CREATE TABLE tokens (
        id text PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        name text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('read', 'write')),
        created_by text,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      );
      CREATE TABLE audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        username text,
        ip text,
        detail text NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_by_time ON audit (at);`,
  },
];

/** An arbitrary number that names the lock taken while migrating (two servers starting at once). */
const MIGRATION_LOCK = 7_311_107;

/**
 * Brings the database's schema to the latest version, each step in its own transaction. Refuses
 * (VERSION) a database migrated by a newer Musubi. Returns the versions it applied.
 */
export async function migrate(db: Database, steps: readonly Migration[] = migrations): Promise<number[]> {
  const latest = Math.max(0, ...steps.map((step) => step.version));
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const step of steps) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
      const versions = rows.map((row) => Number(row.version));
      const newest = Math.max(0, ...versions);
      if (newest > latest) {
        throw new MusubiError(
          'VERSION',
          `${db.description} was migrated by a newer Musubi (schema ${newest}; this version knows up to ${latest}); update Musubi`,
          { details: { schema: newest, supported: latest } },
        );
      }
      if (versions.includes(step.version)) return false;
      await tx.query(step.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        step.version,
        step.name,
      ]);
      return true;
    });
    if (done) applied.push(step.version);
  }
  return applied;
}
