import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempLog } from './fixtures/log-files.js';
import { openNetworkFile } from './index.js';

const child = new URL('./fixtures/storage-failure.ts', import.meta.url).pathname;

/**
 * Runs one storage operation in a child process whose files may not grow past `kilobytes`
 * (RLIMIT_FSIZE through the shell's `ulimit -f`: a write past it fails with EFBIG, as a write to a
 * full disk fails with ENOSPC; no root and no mock needed). Returns what the operation threw.
 */
function underLimit(kilobytes: number, operation: string, path: string): Record<string, unknown> {
  const result = spawnSync(
    'bash',
    [
      '-c',
      `ulimit -f ${kilobytes} && exec "$0" --import tsx "$1" "$2" "$3"`,
      process.execPath,
      child,
      operation,
      path,
    ],
    { encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const full = { ok: false, name: 'MusubiError', code: 'STORAGE', systemCode: 'EFBIG' };

/** A log of 20 entities with 2 kB notes (about 60 kB); line 5 damaged when asked. */
async function log(options: { damaged?: boolean } = {}): Promise<string> {
  const path = tempLog('musubi-full-');
  const network = await openNetworkFile(path, { create: true });
  for (let i = 0; i < 20; i++) {
    network.addEntity({ kind: 'company', name: { ja: `会社${i}` }, notes: '備考'.repeat(1_000) });
  }
  await network.close();
  if (options.damaged) {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[4] = (lines[4] ?? '').replace('会社3', '会社9');
    writeFileSync(path, lines.join('\n'));
  }
  return path;
}

const listing = (path: string) => readdirSync(dirname(path)).sort();

describe('storage failures are STORAGE errors and leave nothing behind', () => {
  it('repair on a full disk fails with STORAGE, leaves the log as it was, and no side or temporary file', async () => {
    const path = await log({ damaged: true });
    const before = readFileSync(path);
    const files = listing(path);
    // the side file (one damaged line) fits; the repaired log does not
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(underLimit(16, 'repair', path)).toMatchObject(full);
      expect(listing(path)).toEqual(files);
      expect(readFileSync(path).equals(before)).toBe(true);
    }
    // nothing can be written at all: not even an empty side file is left
    expect(underLimit(0, 'repair', path)).toMatchObject(full);
    expect(listing(path)).toEqual(files);
  });

  it('repair of a torn last line on a full disk leaves no empty .torn file at each try', async () => {
    const path = await log();
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"id":"chg_torn","seq":21,"rec`);
    const files = listing(path);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(underLimit(0, 'repair', path)).toMatchObject(full);
      expect(listing(path)).toEqual(files);
    }
  });

  it('a snapshot that cannot be written fails with STORAGE and leaves no .tmp file', async () => {
    const path = await log();
    const files = listing(path);
    expect(underLimit(8, 'snapshot', path)).toMatchObject(full);
    expect(listing(path)).toEqual(files);
  });

  it('creating a log on a full disk fails with STORAGE and leaves no empty log or lock', () => {
    const path = tempLog('musubi-full-');
    expect(underLimit(0, 'create', path)).toMatchObject(full);
    expect(listing(path)).toEqual([]);
  });

  it('an append past the limit fails with STORAGE; what was acknowledged before still opens', async () => {
    const path = await log();
    expect(underLimit(64, 'append', path)).toMatchObject(full);
    const network = await openNetworkFile(path, { readOnly: true });
    expect(network.entities()).toHaveLength(20);
    await network.close();
  });
});
