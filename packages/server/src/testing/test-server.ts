/** A team server for tests: a movable clock, three accounts, two API tokens. Not part of the API. */
import type { Change } from '@musubi/core';
import type { Database } from '../database/database.js';
import { createServer, type MusubiServer, type ServerOptions } from '../server.js';

export const PASSWORD = 'correct horse battery staple';

/** A clock the test moves by hand. */
export class TestClock {
  #t = Date.parse('2026-04-01T09:00:00.000Z');
  readonly now = (): Date => new Date(this.#t);
  advance(ms: number): void {
    this.#t += ms;
  }
}

let counter = 0;

export interface TestServer {
  readonly server: MusubiServer;
  readonly clock: TestClock;
  /** The network's name in the database. */
  readonly network: string;
  /** Usernames of this server's accounts (unique in the database the tests share). */
  readonly users: { admin: string; editor: string; viewer: string };
  readonly tokens: { read: string; write: string };
  /** Signs in through the API; the cookie header and the CSRF token. */
  signIn(username: string): Promise<{ cookie: string; csrfToken: string }>;
}

/** Builds a server on `db` with a network and accounts of its own (tests share one database per file). */
export async function testServer(db: Database, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const n = `${process.pid}-${++counter}`;
  const clock = new TestClock();
  const network = `test-${n}`;
  const server = await createServer({ db, network, now: clock.now, ...options });
  const users = { admin: `admin-${n}`, editor: `editor-${n}`, viewer: `viewer-${n}` };
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    await server.accounts.addUser({ username: users[role], password: PASSWORD, role });
  }
  const read = (await server.accounts.createToken({ name: `reader-${n}`, scope: 'read' })).token;
  const write = (await server.accounts.createToken({ name: `writer-${n}`, scope: 'write' })).token;
  return {
    server,
    clock,
    network,
    users,
    tokens: { read, write },
    async signIn(username) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'musubi_session');
      return { cookie: `musubi_session=${cookie?.value}`, csrfToken: response.json().csrfToken };
    },
  };
}

/** What a replica sends for a change it made: without its seq, time and author. */
export function proposalOf(change: Change): Record<string, unknown> {
  const { seq: _seq, recordedAt: _at, author: _author, ...rest } = change;
  return rest;
}
