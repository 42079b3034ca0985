/**
 * A team server for the end-to-end tests, in the test's own process: `@musubi/server` on a free
 * loopback port, serving the built UI, with the example network pushed into it and the accounts the
 * test asks for. On PGlite its data lives in a fresh temporary folder; on PostgreSQL in a throwaway
 * cluster started for it on loopback (Debian's PostgreSQL, as the server's own tests use), or in the
 * PostgreSQL named by `MUSUBI_E2E_DATABASE_URL` when it is set (a network of its own there).
 * `stop()` and `start()` take the server away and bring it back on the same port and data;
 * `close()` stops it and removes what it made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proposed } from '@musubi/core/client';
import { buildMieNetwork } from '@musubi/examples';
import { createServer, type MusubiServer, openDatabase, type Role } from '@musubi/server';
import { type Cluster, startCluster } from '../../packages/server/src/testing/postgres-cluster.js';

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

/** Where the server keeps its log. */
export type TeamEngine = 'PGlite' | 'PostgreSQL';

/** Starts a team server with `users` and the example network, its log on `engine`. */
export async function startTeamServer(
  users: readonly TeamUserSpec[],
  engine: TeamEngine = 'PGlite',
): Promise<TeamServer> {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-e2e-team-'));
  let cluster: Cluster | undefined;
  let url: string | undefined;
  if (engine === 'PostgreSQL') {
    url = process.env.MUSUBI_E2E_DATABASE_URL;
    if (!url) {
      cluster = await startCluster();
      url = await cluster.createDatabase('musubi_e2e');
    }
  }
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
      try {
        await server?.close();
        await db.close();
      } finally {
        cluster?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
