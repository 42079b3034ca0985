import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'packages/cli/dist/main.js');

/**
 * The system calls of one `musubi import`, as strace(1) sees them: proof that the change reaches the
 * disk (fsync) before the command says it imported. (Debian: `apt-get install strace`.)
 */
function traceImport(file: string, csv: string, trace: string) {
  const run = spawnSync(
    'strace',
    [
      '-f',
      '-qq',
      '-e',
      'trace=openat,write,fsync,fdatasync',
      '-o',
      trace,
      process.execPath,
      main,
      '--lang',
      'en',
      'import',
      file,
      csv,
    ],
    { encoding: 'utf8', env: { ...process.env, MUSUBI_AUTHOR: 'test' } },
  );
  if (run.error) throw new Error(`strace is needed for this test: ${run.error.message}`);
  return { code: run.status, stdout: run.stdout, calls: readFileSync(trace, 'utf8').split('\n') };
}

describe('the NDJSON store on disk', () => {
  it('fsyncs the log after writing an import and before the command acknowledges it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'musubi-fsync-'));
    const file = join(dir, 'mie.musubi.ndjson');
    expect(spawnSync(process.execPath, [main, 'init', file]).status).toBe(0);
    writeFileSync(join(dir, 'entities.csv'), 'kind,name_ja\r\nself,三重県\r\nmunicipality,津市\r\n');
    const { code, stdout, calls } = traceImport(file, join(dir, 'entities.csv'), join(dir, 'trace.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('imported 2 rows');
    // the log is opened for appending; its descriptor is the one the change line must go through
    const opened = calls.findIndex((c) => c.includes(`"${file}", O_RDWR|O_CREAT|O_APPEND`));
    expect(opened).toBeGreaterThan(-1);
    const fd = /= (\d+)$/.exec(calls[opened] ?? '')?.[1];
    const after = calls.slice(opened);
    const wrote = after.findIndex((c) => c.includes(`write(${fd}, "{\\"id\\":\\"chg_`));
    const synced = after.findIndex(
      (c, i) => i > wrote && /\b(fsync|fdatasync)\(/.test(c) && c.includes(`(${fd})`),
    );
    const acked = after.findIndex((c) => c.includes('write(1, "imported 2 rows'));
    expect(wrote).toBeGreaterThan(-1);
    expect(synced).toBeGreaterThan(wrote);
    expect(acked).toBeGreaterThan(synced);
  });
});
