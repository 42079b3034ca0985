import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { MusubiError } from '../errors.js';

/** Writes the whole buffer (writeSync may write less than asked). */
export function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

/** Fsyncs the folder of `path`, so that a new or renamed name survives a power cut too. */
export function syncDirectory(path: string): void {
  try {
    const fd = openSync(dirname(path), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some file systems cannot fsync a directory; the rename is still atomic
  }
}

/** A failure of the file system as a STORAGE MusubiError (the system's message and code kept in `details.systemCode`). */
export function storageError(error: unknown, what: string): MusubiError {
  if (error instanceof MusubiError) return error; // already named (a damaged line is FORMAT, not STORAGE)
  const code = (error as { code?: unknown } | null)?.code;
  return new MusubiError('STORAGE', `${what}: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
    ...(typeof code === 'string' ? { details: { systemCode: code } } : {}),
  });
}

/** Removes files a failed operation created, so that it leaves nothing behind (a missing one is fine). */
export function removeQuietly(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      unlinkSync(path);
    } catch {
      // already gone, or never made
    }
  }
}
