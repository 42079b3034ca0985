import { MusubiError } from '@musubi/core';
import { z } from 'zod';
import { type Database, sqlState } from '../database/database.js';
import { type Role, roles, type TokenScope, type User } from './roles.js';
import { hashPassword, newSecret, secretHash, verifyPassword } from './secrets.js';

export const UsernameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, {
  message: 'a username is 1–64 letters, digits and . _ @ -, starting with a letter or digit',
});
export const PasswordSchema = z
  .string()
  .min(8, { message: 'a password has at least 8 characters' })
  .max(1024, { message: 'a password has at most 1024 characters' });
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a display name is one line of text
  .regex(/^[^\u0000-\u001f\u007f]*$/, { message: 'a display name is one line without control characters' });

function check<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new MusubiError('VALIDATION', `${field}: ${result.error.issues[0]?.message ?? 'invalid'}`, {
    path: [field],
  });
}

/** An account as an admin sees it. */
export interface Account extends User {
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** An API token as an admin sees it (never its secret). */
export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly scope: TokenScope;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly revoked: boolean;
  readonly lastUsedAt: string | null;
}

interface UserRow {
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  created_at: Date | string;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * The accounts of a server (users, API tokens) in its database. The CLI and the HTTP API both work
 * through this. `now` is the clock (tests inject one).
 */
export class Accounts {
  constructor(
    readonly db: Database,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds an account; CONFLICT when the username is taken. */
  async addUser(input: {
    username: string;
    password: string;
    role: Role;
    displayName?: string;
  }): Promise<Account> {
    const username = check(UsernameSchema, input.username, 'username');
    const password = check(PasswordSchema, input.password, 'password');
    const role = check(z.enum(roles), input.role, 'role');
    const displayName = check(DisplayNameSchema, input.displayName ?? username, 'displayName');
    const passwordHash = await hashPassword(password);
    const createdAt = this.now().toISOString();
    try {
      await this.db.query(
        `INSERT INTO users (username, display_name, role, password_hash, disabled, created_at)
         VALUES ($1, $2, $3, $4, false, $5)`,
        [username, displayName, role, passwordHash, createdAt],
      );
    } catch (error) {
      if (sqlState((error as { cause?: unknown }).cause) === '23505') {
        throw new MusubiError('CONFLICT', `the user ${username} already exists`, {
          path: ['username'],
          details: { username },
        });
      }
      throw error;
    }
    return { username, displayName, role, disabled: false, createdAt };
  }

  async listUsers(): Promise<Account[]> {
    const rows = await this.db.query<UserRow>('SELECT * FROM users ORDER BY username');
    return rows.map((row) => ({
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      disabled: row.disabled,
      createdAt: iso(row.created_at) as string,
    }));
  }

  async #row(username: string): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]))[0];
  }

  async #require(username: string): Promise<UserRow> {
    const row = await this.#row(username);
    if (!row) {
      throw new MusubiError('NOT_FOUND', `there is no user ${JSON.stringify(username.slice(0, 64))}`, {
        path: ['username'],
        details: { username },
      });
    }
    return row;
  }

  /** The active account named `username`, if any. */
  async user(username: string): Promise<User | undefined> {
    const row = await this.#row(username);
    if (!row || row.disabled) return undefined;
    return { username: row.username, displayName: row.display_name, role: row.role };
  }

  /** Disables an account (or enables it again) and revokes its sessions. */
  async setDisabled(username: string, disabled: boolean): Promise<void> {
    await this.#require(username);
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET disabled = $2 WHERE username = $1', [username, disabled]);
      if (disabled) {
        await tx.query('UPDATE sessions SET revoked_at = $2 WHERE username = $1 AND revoked_at IS NULL', [
          username,
          this.now().toISOString(),
        ]);
      }
    });
  }

  /** Sets a new password and revokes the account's sessions. */
  async setPassword(username: string, password: string): Promise<void> {
    const checked = check(PasswordSchema, password, 'password');
    await this.#require(username);
    const passwordHash = await hashPassword(checked);
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2 WHERE username = $1', [username, passwordHash]);
      await tx.query('UPDATE sessions SET revoked_at = $2 WHERE username = $1 AND revoked_at IS NULL', [
        username,
        this.now().toISOString(),
      ]);
    });
  }

  /** The account when `password` is its password and it is active; otherwise undefined. */
  async checkPassword(username: string, password: string): Promise<User | undefined> {
    const row = await this.#row(username);
    // verify against a hash even for an unknown user, so that timing does not tell which exist
    const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), password);
    if (!row || !ok || row.disabled) return undefined;
    return { username: row.username, displayName: row.display_name, role: row.role };
  }

  /** Makes an API token; its secret is returned once, and only its hash is kept. */
  async createToken(input: { name: string; scope: TokenScope; createdBy?: string }): Promise<{
    token: string;
    info: TokenInfo;
  }> {
    const name = check(DisplayNameSchema, input.name, 'name');
    const scope = check(z.enum(['read', 'write']), input.scope, 'scope');
    const id = `tok_${newSecret().slice(0, 12)}`;
    const token = `musubi_${id}_${newSecret()}`;
    const createdAt = this.now().toISOString();
    await this.db.query(
      `INSERT INTO tokens (id, secret_hash, name, scope, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, secretHash(token), name, scope, input.createdBy ?? null, createdAt],
    );
    return {
      token,
      info: {
        id,
        name,
        scope,
        createdBy: input.createdBy ?? null,
        createdAt,
        revoked: false,
        lastUsedAt: null,
      },
    };
  }

  async listTokens(): Promise<TokenInfo[]> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      scope: TokenScope;
      created_by: string | null;
      created_at: Date | string;
      revoked_at: Date | string | null;
      last_used_at: Date | string | null;
    }>('SELECT * FROM tokens ORDER BY created_at, id');
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      scope: row.scope,
      createdBy: row.created_by,
      createdAt: iso(row.created_at) as string,
      revoked: row.revoked_at !== null,
      lastUsedAt: iso(row.last_used_at),
    }));
  }

  /** Revokes a token; NOT_FOUND when there is none with that id. */
  async revokeToken(id: string): Promise<void> {
    const rows = await this.db.query('UPDATE tokens SET revoked_at = $2 WHERE id = $1 RETURNING id', [
      id,
      this.now().toISOString(),
    ]);
    if (rows.length === 0) {
      throw new MusubiError('NOT_FOUND', `there is no token ${JSON.stringify(id.slice(0, 64))}`, {
        path: ['id'],
        details: { id },
      });
    }
  }

  /** The live token whose secret is `token`, if any (its last use is written at most once a minute). */
  async tokenFor(token: string): Promise<{ id: string; name: string; scope: TokenScope } | undefined> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      scope: TokenScope;
      last_used_at: Date | string | null;
    }>('SELECT id, name, scope, last_used_at FROM tokens WHERE secret_hash = $1 AND revoked_at IS NULL', [
      secretHash(token),
    ]);
    const row = rows[0];
    if (!row) return undefined;
    const now = this.now();
    if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await this.db.query('UPDATE tokens SET last_used_at = $2 WHERE id = $1', [row.id, now.toISOString()]);
    }
    return { id: row.id, name: row.name, scope: row.scope };
  }

  /** Writes an event to the audit trail. */
  async audit(event: {
    kind: string;
    username?: string | null;
    ip?: string | null;
    detail?: string;
  }): Promise<void> {
    await this.db.query('INSERT INTO audit (at, kind, username, ip, detail) VALUES ($1, $2, $3, $4, $5)', [
      this.now().toISOString(),
      event.kind,
      event.username ?? null,
      event.ip ?? null,
      (event.detail ?? '').slice(0, 2000),
    ]);
  }

  /** The latest audit events, newest first. */
  async auditEvents(
    limit = 100,
  ): Promise<{ at: string; kind: string; username?: string; ip?: string; detail: string }[]> {
    const rows = await this.db.query<{
      at: Date | string;
      kind: string;
      username: string | null;
      ip: string | null;
      detail: string;
    }>('SELECT at, kind, username, ip, detail FROM audit ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((row) => ({
      at: iso(row.at) as string,
      kind: row.kind,
      ...(row.username === null ? {} : { username: row.username }),
      ...(row.ip === null ? {} : { ip: row.ip }),
      detail: row.detail,
    }));
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(newSecret());
  return dummy;
}
