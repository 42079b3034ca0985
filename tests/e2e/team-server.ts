/**
 * A team server for the end-to-end tests, in the test's own process: `@musubi/server` on a free
 * loopback port, serving the built UI, with the example network pushed into it and the accounts the
 * test asks for. Its data lives in PGlite in a fresh temporary folder, or in the real PostgreSQL
 * named by `MUSUBI_E2E_DATABASE_URL` (a network of its own there). `stop()` and `start()` take the
 * server away and bring it back on the same port and data; `close()` stops it and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proposed } from '@musubi/core/client';
import { buildMieNetwork } from '@musubi/examples';
import { createServer, type MusubiServer, openDatabase, type Role } from '@musubi/server';

const root = new URL('../..', import.meta.url).pathname;

export interface TeamUserSpec {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName?: string;
}

export interface TeamServer {
  /** The server's address, ending with `/`. */
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let count = 0;

/** Starts a team server with `users` and the example network. */
export async function startTeamServer(users: readonly TeamUserSpec[]): Promise<TeamServer> {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-e2e-team-'));
  const url = process.env.MUSUBI_E2E_DATABASE_URL;
  const db = await openDatabase(url ? { url } : { dataDir: join(dir, 'data') });
  const network = `e2e-${process.pid}-${++count}`;
  const options = { db, network, staticDir: `${root}packages/ui/dist` };
  let server: MusubiServer | undefined = await createServer(options);
  const { error } = await server.sequencer.push(
    buildMieNetwork().log().map(proposed),
    'international-affairs',
  );
  if (error) throw error;
  for (const user of users) await server.accounts.addUser(user);
  const port = await freePort();
  await server.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      await server?.close();
      server = undefined;
    },
    async start() {
      server = await createServer(options);
      await server.listen({ port, host: '127.0.0.1' });
    },
    async close() {
      await server?.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
