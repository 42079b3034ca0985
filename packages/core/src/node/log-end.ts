import { closeSync, constants, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { MusubiError } from '../errors.js';
import type { LineCheck } from './log-check.js';

/**
 * The end record `<file>.end`: the seq, line and check of the log's last line, so that a log cut
 * at a line boundary (every line whole, the last ones gone) is told from a whole one, which the
 * checks alone cannot do. It is rewritten in place after every append (a fixed-size write at
 * offset 0, no fsync of its own: after a crash it may lag behind the log, never run ahead of it,
 * because the log's lines are fsynced first) and fsynced when the store closes. A log without an
 * end record (copied without it, or of format 1) opens as before.
 */
export interface LogEnd {
  readonly seq: number;
  readonly line: number;
  readonly check: LineCheck;
}

const END_FORMAT = 'musubi-log-end';
/** Every end record is this long (padded with spaces), so that rewriting it never leaves old bytes. */
const RECORD_BYTES = 127;

export const endPath = (log: string): string => `${log}.end`;

/** Reads a log's end record: undefined when there is none; FORMAT when it is not one. */
export function readEnd(log: string): LogEnd | undefined {
  const file = endPath(log);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  if (text === '') return undefined; // created, not yet written (a crash right after opening)
  let value: Partial<Record<'format' | 'seq' | 'line' | 'check', unknown>> | null = null;
  try {
    value = JSON.parse(text);
  } catch {
    // refused below
  }
  const natural = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (
    value === null ||
    typeof value !== 'object' ||
    value.format !== END_FORMAT ||
    !natural(value.seq) ||
    !natural(value.line) ||
    typeof value.check !== 'string' ||
    !/^[0-9a-f]{8}$/.test(value.check)
  ) {
    throw new MusubiError(
      'FORMAT',
      `${file} is not a valid end record; run musubi repair to write it again / ${file} は正しい終端記録ではありません。musubi repair で書き直してください`,
      { path: [file], details: { file } },
    );
  }
  return { seq: value.seq, line: value.line, check: value.check };
}

/** Keeps a log's end record open for rewriting after each append. */
export class EndRecord {
  readonly #fd: number;

  constructor(log: string) {
    this.#fd = openSync(endPath(log), constants.O_RDWR | constants.O_CREAT, 0o644);
  }

  write(end: LogEnd): void {
    const text = JSON.stringify({ format: END_FORMAT, ...end }).padEnd(RECORD_BYTES);
    writeSync(this.#fd, `${text}\n`, 0);
  }

  /** Fsyncs and closes the record. */
  close(): void {
    try {
      fsyncSync(this.#fd);
    } finally {
      closeSync(this.#fd);
    }
  }
}

/** The log holds fewer lines than its end record says it had (FORMAT), or another line there. */
export function cutLog(
  file: string,
  end: LogEnd,
  lastSeq: number,
  lastLine: number,
  replaced: boolean,
): MusubiError {
  if (replaced) {
    return new MusubiError(
      'FORMAT',
      `${file}: line ${end.line} is not the line the end record (${file}.end) names: the file was replaced or edited; musubi repair accepts it as it is / ${file} の ${end.line} 行目が終端記録（${file}.end）と一致しません。ファイルが置き換えられたか編集されています。musubi repair で今の内容を受け入れられます`,
      { path: [end.line], details: { file, line: end.line, expectedSeq: end.seq, problem: 'replaced' } },
    );
  }
  return new MusubiError(
    'FORMAT',
    `${file}: the file ends at line ${lastLine} (change ${lastSeq}) but it held change ${end.seq} on line ${end.line} (its end record says so): the file was cut and changes ${lastSeq + 1}–${end.seq} are missing; musubi repair accepts it as it is / ${file} は ${lastLine} 行目（変更 ${lastSeq}）で終わっていますが、終端記録では ${end.line} 行目の変更 ${end.seq} までありました。ファイルが切り詰められ、変更 ${lastSeq + 1}〜${end.seq} が失われています。musubi repair で今の内容を受け入れられます`,
    {
      path: [lastLine + 1],
      details: { file, lastSeq, expectedSeq: end.seq, problem: 'cut' },
    },
  );
}
