/**
 * A throwaway PostgreSQL cluster for tests and the bench: Debian's initdb and pg_ctl in a temporary
 * folder, listening on loopback only at a free port. As root they run as the `postgres` user
 * (PostgreSQL refuses to run as root). Not part of the public API.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const BIN = process.env.MUSUBI_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** A URL of the cluster's `postgres` database, as the superuser. */
  readonly url: string;
  readonly port: number;
  /** `pg_ctl restart` (fast shutdown: open connections are cut), without blocking this process. */
  restartAsync(): Promise<void>;
  stop(): void;
  /** Makes an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
}

/** True when Debian's PostgreSQL is installed (`apt-get install postgresql`). */
export function postgresInstalled(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function commandLine(command: string, args: readonly string[]): [string, string[]] {
  const quoted = [join(BIN, command), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return asRoot ? ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]] : [join(BIN, command), [...args]];
}

function run(command: string, args: readonly string[]): void {
  const [file, argv] = commandLine(command, args);
  execFileSync(file, argv, { stdio: 'pipe' });
}

/** The same without blocking this process (its server goes on answering, with errors). */
async function runAsync(command: string, args: readonly string[]): Promise<void> {
  const [file, argv] = commandLine(command, args);
  await promisify(execFile)(file, argv);
}

/** Starts a new cluster (initdb, then pg_ctl start and wait). */
export async function startCluster(): Promise<Cluster> {
  if (!postgresInstalled()) {
    throw new Error(
      `PostgreSQL is not installed (${BIN}/initdb): run \`apt-get install -y postgresql\` (scripts/ensure.mjs does it as root)`,
    );
  }
  const folder = mkdtempSync(join(tmpdir(), 'musubi-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(folder, uid, gid);
  }
  const data = join(folder, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-k ${folder} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=on -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', 'start']);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    restartAsync() {
      return runAsync('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-l',
        join(folder, 'log'),
        '-w',
        '-m',
        'fast',
        'restart',
      ]);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
  };
}
