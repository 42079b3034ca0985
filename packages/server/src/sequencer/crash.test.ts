import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl } from '../testing/databases.js';
import { readLog, runWriters, type Target } from '../testing/writers.js';

const child = new URL('../testing/serve-child.ts', import.meta.url).pathname;

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const server of children) server.kill('SIGKILL');
});

/** Starts the server in a child process; resolves once it prints where it listens. */
function startChild(database: string): Promise<{ process: ChildProcess; target: Target }> {
  const server = spawn(process.execPath, ['--import', 'tsx', child, database], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(server);
  server.once('exit', () => children.delete(server));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve({ process: server, target: JSON.parse(line) as Target }));
    server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
  });
}

function killed(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGKILL');
  });
}

const targets = [
  { name: 'PostgreSQL', database: async () => ({ database: await freshPostgresUrl(), cleanup: () => {} }) },
  {
    name: 'PGlite',
    database: async () => {
      const folder = mkdtempSync(join(tmpdir(), 'musubi-crash-'));
      return {
        database: join(folder, 'data'),
        cleanup: () => rmSync(folder, { recursive: true, force: true }),
      };
    },
  },
];

for (const engine of targets) {
  describe(`kill -9 of the server on ${engine.name}`, () => {
    it('keeps every acknowledged change exactly once, and stores a retried unanswered push once', async () => {
      const { database, cleanup } = await engine.database();
      let current = await startChild(database);
      let signalBack: () => void = () => {};
      let back = new Promise<void>((resolve) => {
        signalBack = resolve;
      });
      let reachedKillPoint: () => void = () => {};
      const killPoint = new Promise<void>((resolve) => {
        reachedKillPoint = resolve;
      });
      const writing = runWriters({
        clients: 10,
        perClient: 8,
        target: () => current.target,
        whenBroken: () => back,
        onAck: (count) => {
          if (count === 30) reachedKillPoint();
        },
      });
      await killPoint;
      await killed(current.process);
      current = await startChild(database);
      signalBack();
      back = Promise.resolve();
      const report = await writing;

      const log = await readLog(current.target);
      const ids = log.map((change) => change.id);
      expect(log.map((change) => change.seq)).toEqual(log.map((_, i) => i + 1));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of report.acknowledged) expect(ids.filter((x) => x === id)).toHaveLength(1);
      // ten clients push without pause: some pushes were cut off by the kill and retried
      expect(report.unanswered.length).toBeGreaterThan(0);
      for (const id of report.unanswered) expect(ids.filter((x) => x === id)).toHaveLength(1);
      expect(report.acknowledged).toHaveLength(80);
      expect(ids).toHaveLength(80);
      await killed(current.process);
      cleanup();
    }, 600_000); // PGlite compiles its WebAssembly at each start: slow on a busy machine
  });
}
