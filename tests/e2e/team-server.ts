/**
 * A team server for the end-to-end tests: `musubi serve` (the built CLI) on a free loopback port,
 * with the example network, the built UI, and its data in a fresh temporary folder (PGlite), or in
 * a real PostgreSQL when `MUSUBI_E2E_DATABASE_URL` names one. Users are made with `musubi user add`
 * before it starts. `stop()` and `start()` take the server away and bring it back on the same port
 * and data (for offline tests); `close()` stops it and removes the folder.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = `${root}packages/cli/dist/main.js`;

export interface TeamUserSpec {
  readonly username: string;
  readonly password: string;
  readonly role: 'viewer' | 'editor' | 'admin';
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
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`musubi serve exited with ${child.exitCode}`);
    try {
      const response = await fetch(new URL('api/health', url));
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`musubi serve did not answer at ${url} within ${ms} ms`);
}

function database(dir: string): string[] {
  const url = process.env.MUSUBI_E2E_DATABASE_URL;
  return url ? ['--database', url] : ['--data', dir];
}

/** Starts a team server with `users` and the example network. */
export async function startTeamServer(users: readonly TeamUserSpec[]): Promise<TeamServer> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first`);
  if (!existsSync(`${root}packages/ui/dist/index.html`))
    throw new Error('the UI is not built: run `pnpm build` first');
  const dir = mkdtempSync(join(tmpdir(), 'musubi-e2e-team-'));
  for (const user of users) {
    const made = spawnSync(
      process.execPath,
      [
        cli,
        'user',
        'add',
        user.username,
        '--role',
        user.role,
        '--display-name',
        user.displayName ?? user.username,
        ...database(dir),
      ],
      {
        input: `${user.password}\n${user.password}\n`,
        encoding: 'utf8',
        env: { ...process.env, MUSUBI_PASSWORD: user.password },
      },
    );
    if (made.status !== 0) throw new Error(`musubi user add ${user.username} failed: ${made.stderr}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(
      process.execPath,
      [cli, 'serve', ...database(dir), '--host', '127.0.0.1', '--port', String(port), '--example', '--ui'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child = started;
    await waitForHealth(url, started);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
