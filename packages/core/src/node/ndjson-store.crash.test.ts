import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openNetwork } from '../storage/open-network.js';
import { NdjsonFileStore } from './ndjson-store.js';

const writer = new URL('./fixtures/log-writer.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function tempLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'musubi-crash-')), 'network.ndjson');
}

/** Starts the writer child; calls `onLine` with each line it prints. */
function startWriter(path: string, mode: 'write' | 'hold', onLine: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, path, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    buffered += text;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('NdjsonFileStore across processes', () => {
  it('keeps every acknowledged change when writing processes are killed with SIGKILL mid-write', async () => {
    const path = tempLog();
    const acked: string[] = [];
    // three writers in turn, each killed while writing; each takes over the lock its predecessor left
    for (let round = 1; round <= 3; round++) {
      const target = acked.length + 10 * (20 + round * 7);
      const child = startWriter(path, 'write', (line) => {
        if (line.startsWith('ack ')) acked.push(...line.slice(4).split(' '));
      });
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (acked.length >= target) {
            clearInterval(timer);
            resolve();
          }
        }, 2);
      });
      child.kill('SIGKILL');
      await exited(child);
      const store = NdjsonFileStore.open(path);
      const network = await openNetwork(store);
      for (const id of acked) expect(network.entity(id), id).toBeDefined();
      const torn = network.warnings.find((w) => w.code === 'torn-tail');
      if (torn) {
        // (Linux rarely cuts a write short on SIGKILL; ndjson-store.files.test.ts forges torn lines)
        expect(torn.at).toBe(network.log().length + 2);
        expect(store.repair()).toMatchObject({ line: torn.at, bytes: torn.bytes });
      }
      await network.close();
    }
    const reopened = await openNetwork(NdjsonFileStore.open(path));
    expect(reopened.warnings).toEqual([]);
    reopened.addEntity({ kind: 'company', name: { ja: '再開' } });
    expect(reopened.entities().length).toBeGreaterThanOrEqual(acked.length + 1);
    await reopened.close();
  });

  it('refuses a second writer while another process holds the file, and names it', async () => {
    const path = tempLog();
    const child = await new Promise<ChildProcess>((resolve) => {
      const started = startWriter(path, 'hold', (line) => {
        if (line === 'ready') resolve(started);
      });
    });
    let refused: unknown;
    try {
      NdjsonFileStore.open(path);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'STORAGE', details: { holder: { pid: child.pid } } });
    // reading without the lock is allowed
    const reader = NdjsonFileStore.open(path, { readOnly: true });
    expect((await reader.readChanges()).changes).toEqual([]);
    await reader.close();
    child.kill('SIGKILL');
    await exited(child);
    const store = NdjsonFileStore.open(path);
    expect(existsSync(`${path}.lock`)).toBe(true);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses a second writer in the same process', async () => {
    const path = tempLog();
    const first = NdjsonFileStore.open(path, { create: true });
    expect(() => NdjsonFileStore.open(path)).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    await first.close();
    const second = NdjsonFileStore.open(path);
    await second.close();
  });

  it('takes over a lock file left empty by a crash long ago, but not a fresh one', async () => {
    const path = tempLog();
    await NdjsonFileStore.open(path, { create: true }).close();
    writeFileSync(`${path}.lock`, '');
    expect(() => NdjsonFileStore.open(path)).toThrow(expect.objectContaining({ code: 'STORAGE' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    await NdjsonFileStore.open(path).close();
  });
});
