/**
 * The team server's session and admin requests, as a browser makes them (docs/team-server.md): the
 * session cookie goes with every request (`credentials: 'include'`), and every unsafe request
 * carries the session's CSRF token. The replica's own requests (changes, events, snapshot) go
 * through {@link TeamApi.fetch}, which adds the same. Refusals are `MusubiError`s with the server's
 * code (`UNAUTHENTICATED`, `FORBIDDEN`, `RATE_LIMITED`…), `UNAVAILABLE` when it cannot be reached.
 */
import { isMusubiError, MusubiError } from '@musubi/core';
import { errorOfResponse } from '@musubi/core/client';

/** A user of the team server. */
export interface TeamUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: TeamRole;
}

export const teamRoles = ['viewer', 'editor', 'admin'] as const;
export type TeamRole = (typeof teamRoles)[number];

/** An account as an admin sees it. */
export interface TeamAccount extends TeamUser {
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** One line of the audit log. */
export interface AuditEvent {
  readonly at: string;
  readonly kind: string;
  readonly username?: string;
  readonly ip?: string;
  readonly detail?: unknown;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A browser's session with one team server. */
export class TeamApi {
  #csrf: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(
    readonly server: string,
    fetcher: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {
    this.#fetch = fetcher;
  }

  /**
   * `fetch` against the server with the session's cookie and, for unsafe methods, its CSRF token.
   * A page that has none yet (it started while the server could not be reached) asks for it first;
   * when that fails the request is not sent (it fails as a request to a server that cannot be
   * reached, to be tried again), since without the token the server would refuse it as forbidden
   * and a push would be set aside. A token the server no longer takes (the session was renewed in
   * another tab) is asked for again, and the request sent once more.
   */
  readonly fetch: typeof fetch = async (input, init = {}) => {
    const url = typeof input === 'string' || input instanceof URL ? new URL(input, this.server) : input;
    const method = (init.method ?? 'GET').toUpperCase();
    if (!unsafe.has(method)) return this.#fetch(url, { ...init, credentials: 'include' });
    if (this.#csrf === undefined) await this.#askToken();
    const send = () => {
      const headers = new Headers(init.headers);
      if (this.#csrf !== undefined) headers.set('x-csrf-token', this.#csrf);
      return this.#fetch(url, { ...init, headers, credentials: 'include' });
    };
    const response = await send();
    if (response.status !== 403 || !(await refusedForCsrf(response))) return response;
    this.#csrf = undefined;
    await this.#askToken();
    return send();
  };

  /** Asks the server for the session's CSRF token; throws when it cannot tell (not when nobody is signed in). */
  async #askToken(): Promise<void> {
    try {
      await this.session();
    } catch (error) {
      throw new TypeError(`the session's CSRF token could not be fetched: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `${method} ${path}`;
    let response: Response;
    try {
      response = await this.fetch(path, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new MusubiError('UNAVAILABLE', `${this.server} cannot be reached (${what})`, {
        details: { url: this.server },
        cause: error,
      });
    }
    if (!response.ok) throw await errorOfResponse(response, what);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new MusubiError('UNAVAILABLE', `${what}: the answer was cut short or is not JSON`, {
        cause: error,
      });
    }
  }

  /** The signed-in user, or undefined when nobody is signed in (the server answers 401). */
  async session(): Promise<TeamUser | undefined> {
    try {
      const { user, csrfToken } = await this.#request<{ user: TeamUser; csrfToken: string }>(
        'GET',
        'api/session',
      );
      this.#csrf = csrfToken;
      return user;
    } catch (error) {
      if (isMusubiError(error, 'UNAUTHENTICATED')) return undefined;
      throw error;
    }
  }

  /** Signs in; rejects with `UNAUTHENTICATED` for a wrong name or password, `RATE_LIMITED` after too many tries. */
  async signIn(username: string, password: string): Promise<TeamUser> {
    const { user, csrfToken } = await this.#request<{ user: TeamUser; csrfToken: string }>(
      'POST',
      'api/session',
      { username, password },
    );
    this.#csrf = csrfToken;
    return user;
  }

  /** Signs out (the server revokes the session). */
  async signOut(): Promise<void> {
    await this.#request('DELETE', 'api/session');
    this.#csrf = undefined;
  }

  /** The accounts (admins only). */
  async users(): Promise<TeamAccount[]> {
    return (await this.#request<{ users: TeamAccount[] }>('GET', 'api/users')).users;
  }

  /** The latest audit events (admins only). */
  async audit(limit = 200): Promise<AuditEvent[]> {
    return (await this.#request<{ events: AuditEvent[] }>('GET', `api/audit?limit=${limit}`)).events;
  }
}

/** True when the server refused a request for its missing or stale CSRF token (docs/team-server.md). */
async function refusedForCsrf(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { error?: { details?: { header?: unknown } } };
    return body.error?.details?.header === 'x-csrf-token';
  } catch {
    return false;
  }
}

/** True when `role` may write (editor, admin). */
export function canWrite(role: TeamRole | undefined): boolean {
  return role === 'editor' || role === 'admin';
}
