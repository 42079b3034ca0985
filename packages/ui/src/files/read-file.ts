/** Reading a chosen file into memory, refusing one too large before reading it. */
import { MAX_IMPORT_BYTES, MusubiError } from '@musubi/core';
import type { ChosenFile } from './imports.js';

/** Reads `file`; a file over `max` bytes is refused (FORMAT, with its size) without being read. */
export async function readChosenFile(
  file: Pick<File, 'name' | 'size' | 'arrayBuffer'>,
  max = MAX_IMPORT_BYTES,
): Promise<ChosenFile> {
  if (file.size > max) {
    throw new MusubiError('FORMAT', `${file.name} is too large (${file.size} bytes; at most ${max})`, {
      details: { size: file.size, max },
    });
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
