import { closeSync, openSync, readSync } from 'node:fs';
import { MusubiError } from '../errors.js';

/** The bytes after the last newline: a line a crash cut short. */
export interface TornTail {
  /** Its line number (1-based). */
  readonly line: number;
  /** Where it starts in the file. */
  readonly offset: number;
  readonly bytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Where {@link readLines} starts: a byte offset that begins a line, and that line's number. */
export interface LineStart {
  readonly offset: number;
  readonly line: number;
}

/**
 * Reads a file line by line (lines end with `\n`), decoding each as strict UTF-8, without holding
 * more than one line in memory. A line longer than `maxLineBytes` is refused with a FORMAT error
 * naming it; bytes after the last newline are returned as the torn tail, not passed on. `from`
 * starts at a known line (a snapshot's place in the log) instead of the first; `limit` stops after
 * that many lines. With `onUnreadable` (repair), a line that is too long or not UTF-8 is handed to
 * it instead of refused. Each line comes with where it starts, its length and its bytes (valid only
 * during the call).
 */
export function readLines(
  path: string,
  maxLineBytes: number,
  onLine: (text: string, line: number, offset: number, bytes: number, raw: Uint8Array) => void,
  from: LineStart = { offset: 0, line: 1 },
  limit = Number.POSITIVE_INFINITY,
  onUnreadable?: (problem: 'too-long' | 'not-utf8', line: number, offset: number, bytes: number) => void,
): { tornTail?: TornTail; lines: number } {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = from.line;
  let lineStart = from.offset;
  let position = from.offset;
  const tooLong = () =>
    new MusubiError('FORMAT', `${path}: line ${line} is longer than ${maxLineBytes} bytes`, {
      path: [line],
      details: { file: path, maxLineBytes },
    });
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) break;
      position += read;
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(10, start);
        if (newline === -1 || newline >= read) break;
        const piece = chunk.subarray(start, newline);
        const length = pendingBytes + piece.length;
        let text: string | undefined;
        let bytes: Uint8Array = piece;
        if (length > maxLineBytes) {
          if (!onUnreadable) throw tooLong();
          onUnreadable('too-long', line, lineStart, length);
        } else {
          bytes = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
          try {
            text = utf8.decode(bytes);
          } catch (error) {
            if (!onUnreadable) {
              throw new MusubiError('FORMAT', `${path}: line ${line} is not valid UTF-8`, {
                path: [line],
                details: { file: path },
                cause: error,
              });
            }
            onUnreadable('not-utf8', line, lineStart, length);
          }
        }
        if (text !== undefined) onLine(text, line, lineStart, length, bytes);
        if (line - from.line + 1 >= limit) return { lines: limit };
        line++;
        lineStart += length + 1;
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
      }
      const rest = read - start;
      // an overlong tail is kept only up to the limit: if a newline follows it is refused, else it is torn
      if (pendingBytes <= maxLineBytes) pending.push(Buffer.from(chunk.subarray(start, read)));
      pendingBytes += rest;
    }
  } finally {
    closeSync(fd);
  }
  return pendingBytes > 0
    ? { tornTail: { line, offset: lineStart, bytes: pendingBytes }, lines: line - from.line }
    : { lines: line - from.line };
}
