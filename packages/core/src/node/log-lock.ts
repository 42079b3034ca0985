import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { MusubiError } from '../errors.js';

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    if (typeof holder.pid === 'number' && typeof holder.host === 'string') return holder as LockHolder;
  } catch {
    // unreadable: judged by its age below
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock's holder is certainly gone: a dead pid on this host, or an empty lock left long ago. */
function isStale(lockPath: string, holder: LockHolder | undefined): boolean {
  if (!holder) {
    // a holder writes its pid right after creating the file; an empty lock older than 5 s was left by a crash
    try {
      return Date.now() - statSync(lockPath).mtimeMs > 5_000;
    } catch {
      return true;
    }
  }
  if (holder.host !== hostname()) return false; // another machine's process cannot be checked
  if (holder.pid === process.pid) return false;
  return !isRunning(holder.pid);
}

/**
 * Takes the lock file `lockPath` (created with O_EXCL, holding this process's pid and host), so that
 * two processes cannot write one log at once. A lock left by a process that died on this host is
 * taken over. Returns the function that releases it.
 */
export function acquireLock(lockPath: string, what: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MusubiError('STORAGE', `cannot lock ${what}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const holder = readHolder(lockPath);
      if (!isStale(lockPath, holder)) {
        const who = holder
          ? `process ${holder.pid} on ${holder.host} since ${holder.since}`
          : 'another process';
        throw new MusubiError(
          'STORAGE',
          `${what} is open for writing by ${who}; close it there first (if that process is gone, delete ${lockPath})`,
          { details: { lockPath, holder } },
        );
      }
      rmSync(lockPath, { force: true });
      continue;
    }
    const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    try {
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      // a full disk: no empty lock is left behind to block the next try
      rmSync(lockPath, { force: true });
      throw new MusubiError('STORAGE', `cannot lock ${what}: ${(error as Error).message}`, {
        cause: error,
        details: { systemCode: (error as NodeJS.ErrnoException).code },
      });
    }
    return () => {
      // release only our own lock (never one a later holder took over)
      if (readHolder(lockPath)?.pid === me.pid) rmSync(lockPath, { force: true });
    };
  }
  throw new MusubiError('STORAGE', `cannot lock ${what}: the lock file keeps changing (${lockPath})`);
}
