import { MusubiError } from '@musubi/core';

/** Something SQL runs on: the database itself, or one transaction of it. Always parameterised. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * One PostgreSQL, embedded (PGlite in a data folder) or real (`pg`): the server and its tests run
 * the same SQL on both. Failures reject with a STORAGE MusubiError (the caller may retry).
 */
export interface Database extends Queryable {
  /** For messages: `PGlite ./data`, `PostgreSQL 127.0.0.1:5432/musubi` (never the password). */
  readonly description: string;
  /** `pglite` or `postgres`. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE of an error, when it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A STORAGE error for a failure of the database (a MusubiError passes through). */
export function storageError(error: unknown, what: string): MusubiError {
  if (error instanceof MusubiError) return error;
  const message = (error as Error)?.message ?? String(error);
  return new MusubiError('STORAGE', `${what}: ${message}`, {
    cause: error,
    details: { sqlState: sqlState(error) ?? null },
  });
}
