import type { Database } from '../database/database.js';
import type { User } from './roles.js';
import { newSecret, secretHash } from './secrets.js';

/** Browser sessions: a random id in an HttpOnly cookie (only its hash is kept) and a CSRF token. */
export class Sessions {
  constructor(
    readonly db: Database,
    readonly now: () => Date,
    /** A session unused this long expires (default 12 h). */
    readonly idleMs = 12 * 60 * 60 * 1000,
  ) {}

  /** Opens a session for `username`; returns the cookie's value and the CSRF token. */
  async open(username: string): Promise<{ id: string; csrfToken: string }> {
    const id = newSecret();
    const csrfToken = newSecret();
    const at = this.now().toISOString();
    await this.db.query(
      `INSERT INTO sessions (id_hash, username, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)`,
      [secretHash(id), username, csrfToken, at],
    );
    return { id, csrfToken };
  }

  /**
   * The user and CSRF token of a live session (not revoked, not idle past its limit, its account
   * active), marking it seen; undefined otherwise.
   */
  async find(id: string): Promise<{ user: User; csrfToken: string } | undefined> {
    const now = this.now();
    const rows = await this.db.query<{
      csrf_token: string;
      last_seen_at: Date | string;
      username: string;
      display_name: string;
      role: User['role'];
    }>(
      `SELECT s.csrf_token, s.last_seen_at, u.username, u.display_name, u.role
       FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND NOT u.disabled AND s.last_seen_at > $2`,
      [secretHash(id), new Date(now.getTime() - this.idleMs).toISOString()],
    );
    const row = rows[0];
    if (!row) return undefined;
    // written at most once a minute: a busy client does not write at every request
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [
        secretHash(id),
        now.toISOString(),
      ]);
    }
    return {
      user: { username: row.username, displayName: row.display_name, role: row.role },
      csrfToken: row.csrf_token,
    };
  }

  /** Revokes a session (signing out). */
  async revoke(id: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL', [
      secretHash(id),
      this.now().toISOString(),
    ]);
  }
}
