import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { MusubiError } from '../errors.js';
import type { Change } from '../history/change.js';
import type { NetworkSnapshot } from '../network/network.js';
import { checkHeader, decodeSnapshot, LogAssembler, parseLogJson } from '../storage/log-codec.js';
import { LOG_FORMAT, LOG_FORMAT_VERSION, type LogRead, type Store } from '../storage/store.js';
import { readLines } from './log-lines.js';
import { acquireLock } from './log-lock.js';

/** Options of {@link NdjsonFileStore.open}. */
export interface NdjsonFileStoreOptions {
  /** Create the file (with its header) when it does not exist. Default false: a missing file is NOT_FOUND. */
  create?: boolean;
  /** Open without the lock, for reading only (validate, export); appends are refused. */
  readOnly?: boolean;
  /** The longest line accepted, in bytes (reading and writing). Default 64 MiB. */
  maxLineBytes?: number;
}

/** What {@link NdjsonFileStore.repair} did. */
export interface RepairReport {
  /** The line number of the torn line that was moved. */
  readonly line: number;
  readonly bytes: number;
  /** The side file that now holds the torn bytes. */
  readonly movedTo: string;
}

const SNAPSHOT_FORMAT = 'musubi-snapshot';

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

function syncDirectory(path: string): void {
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

function storageError(error: unknown, what: string): MusubiError {
  return new MusubiError('STORAGE', `${what}: ${(error as Error).message}`, { cause: error });
}

/**
 * The change log as an append-only NDJSON file (Node only): a header line
 * `{"format":"musubi-log","formatVersion":1,…}`, then one change per line, so change seq N is on
 * line N + 1. Acknowledged = the line is written and fsynced before `appendSync` returns.
 *
 * A lock file (`<file>.lock`, with the holder's pid) keeps a second process from writing the same
 * file; a lock left by a dead process is taken over. If a crash cut the last line short, reading
 * keeps every complete change and reports the torn line (a `torn-tail` warning with its line
 * number); appending is refused until {@link NdjsonFileStore.repair} moves the torn bytes to a side
 * file. Nothing is ever truncated without that explicit call. Snapshots go to `<file>.snapshot`.
 *
 * @example
 * const store = NdjsonFileStore.open('mie.musubi.ndjson', { create: true });
 * const network = await openNetwork(store, { author: 'suzuki' });
 */
export class NdjsonFileStore implements Store {
  readonly path: string;
  readonly description: string;
  readonly readOnly: boolean;
  readonly maxLineBytes: number;
  #fd: number | null;
  #release: (() => void) | null = null;
  #broken: MusubiError | null = null;
  /** Known to end with a newline (checked once, then kept true by our own whole-line appends). */
  #whole = false;

  private constructor(path: string, options: NdjsonFileStoreOptions) {
    this.path = path;
    this.description = path;
    this.readOnly = options.readOnly ?? false;
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
    if (!existsSync(path) && !options.create) {
      throw new MusubiError('NOT_FOUND', `${path} does not exist (create it with { create: true })`, {
        details: { file: path },
      });
    }
    if (!this.readOnly) this.#release = acquireLock(`${path}.lock`, path);
    try {
      this.#fd = this.readOnly ? null : openSync(path, 'a+');
      if (this.#fd !== null && fstatSync(this.#fd).size === 0) {
        this.#writeHeader(this.#fd);
        syncDirectory(path); // a new file's name must survive a power cut too
      }
    } catch (error) {
      this.#release?.();
      throw storageError(error, `cannot open ${path}`);
    }
  }

  /** Opens (and with `create`, creates) a log file, taking its lock unless `readOnly`. */
  static open(path: string, options: NdjsonFileStoreOptions = {}): NdjsonFileStore {
    return new NdjsonFileStore(path, options);
  }

  #writeHeader(fd: number): void {
    const header = {
      format: LOG_FORMAT,
      formatVersion: LOG_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
    };
    writeAll(fd, Buffer.from(`${JSON.stringify(header)}\n`));
    fsyncSync(fd);
  }

  locate(seq: number): number[] {
    return [seq + 1];
  }

  /** The torn tail of the file, if a crash left one (checked from the file's last byte). */
  #tornTailStart(): { offset: number; size: number } | undefined {
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size === 0) return undefined;
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] === 10) return undefined;
      // find the last newline, reading backwards
      const block = Buffer.alloc(64 * 1024);
      let end = size;
      while (end > 0) {
        const start = Math.max(0, end - block.length);
        readSync(fd, block, 0, end - start, start);
        const at = block.subarray(0, end - start).lastIndexOf(10);
        if (at !== -1) return { offset: start + at + 1, size };
        end = start;
      }
      return { offset: 0, size };
    } finally {
      closeSync(fd);
    }
  }

  async readChanges(after = 0): Promise<LogRead> {
    this.#refuseClosed();
    const assembler = new LogAssembler(after);
    const { tornTail } = readLines(this.path, this.maxLineBytes, (text, line) => {
      const value = parseLogJson(text, [line], `${this.path}: line ${line}`);
      if (line === 1) checkHeader(value, [1], this.path);
      else assembler.add(value, [line]);
    });
    const read = assembler.result();
    if (tornTail) {
      read.warnings.push({
        code: 'torn-tail',
        at: tornTail.line,
        bytes: tornTail.bytes,
        message: {
          ja: `${this.path} の ${tornTail.line} 行目は書き込み途中で途切れています（${tornTail.bytes} バイト）。それより前の変更はすべて読み込みました。書き込みを再開するには repair で途切れた行を別ファイルに移してください。`,
          en: `${this.path}: line ${tornTail.line} was cut short by an interrupted write (${tornTail.bytes} bytes). Every change before it was read. To write again, run repair, which moves the torn line to a side file.`,
        },
      });
    }
    return read;
  }

  #writable(): number {
    this.#refuseClosed();
    if (this.#fd === null) throw new MusubiError('READ_ONLY', `${this.path} was opened read-only`);
    if (this.#broken) throw this.#broken;
    const torn = this.#whole ? undefined : this.#tornTailStart();
    this.#whole = torn === undefined;
    if (torn) {
      throw new MusubiError(
        'STORAGE',
        `${this.path} ends with a line cut short by an interrupted write; run repair before writing to it`,
        { details: { file: this.path, offset: torn.offset } },
      );
    }
    return this.#fd;
  }

  /** Writes the changes as lines and fsyncs before returning; throws STORAGE if that fails. */
  appendSync(changes: readonly Change[]): void {
    const fd = this.#writable();
    const lines = changes.map((change) => JSON.stringify(change));
    const long = lines.findIndex((line) => Buffer.byteLength(line) > this.maxLineBytes);
    if (long !== -1) {
      throw new MusubiError(
        'STORAGE',
        `a change is longer than ${this.maxLineBytes} bytes and would not be readable`,
        {
          details: { seq: changes[long]?.seq },
        },
      );
    }
    try {
      writeAll(fd, Buffer.from(`${lines.join('\n')}\n`));
      fsyncSync(fd);
    } catch (error) {
      // the file may now end with a partial line: refuse further appends until it is reopened and repaired
      this.#broken = storageError(error, `cannot write to ${this.path}`);
      this.#whole = false;
      throw this.#broken;
    }
  }

  async append(changes: readonly Change[]): Promise<void> {
    this.appendSync(changes);
  }

  /**
   * Moves a torn last line (left by a crash) to `<file>.torn-<time>` and cuts it from the log, so
   * that appending can resume. Returns what it moved, or undefined when the file was whole.
   */
  repair(): RepairReport | undefined {
    this.#refuseClosed();
    if (this.#fd === null) throw new MusubiError('READ_ONLY', `${this.path} was opened read-only`);
    const torn = this.#tornTailStart();
    if (!torn) return undefined;
    const bytes = torn.size - torn.offset;
    const buffer = Buffer.alloc(bytes);
    readSync(this.#fd, buffer, 0, bytes, torn.offset);
    const line =
      torn.offset === 0
        ? 1
        : readFileSync(this.path)
            .subarray(0, torn.offset)
            .filter((b) => b === 10).length + 1;
    const movedTo = `${this.path}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const side = openSync(movedTo, 'wx');
    try {
      writeAll(side, buffer);
      fsyncSync(side);
    } finally {
      closeSync(side);
    }
    syncDirectory(movedTo);
    ftruncateSync(this.#fd, torn.offset);
    fsyncSync(this.#fd);
    if (torn.offset === 0) this.#writeHeader(this.#fd);
    this.#broken = null;
    this.#whole = true;
    return { line, bytes, movedTo };
  }

  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    this.#refuseClosed();
    const file = `${this.path}.snapshot`;
    if (!existsSync(file)) return undefined;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
    } catch (error) {
      throw new MusubiError('FORMAT', `${file} is not valid UTF-8`, { path: [file], cause: error });
    }
    const value = parseLogJson(text, [file], file) as { format?: unknown; formatVersion?: unknown };
    if (value?.format !== SNAPSHOT_FORMAT) {
      throw new MusubiError('FORMAT', `${file} is not a Musubi snapshot`, { path: [file] });
    }
    checkHeader({ ...value, format: LOG_FORMAT }, [file], file);
    return decodeSnapshot(value, [file]);
  }

  /** Writes the snapshot to a temporary file, fsyncs it and renames it over `<file>.snapshot`. */
  async writeSnapshot(snapshot: NetworkSnapshot): Promise<void> {
    this.#writable();
    const file = `${this.path}.snapshot`;
    const temporary = `${file}.${process.pid}.tmp`;
    const body = { format: SNAPSHOT_FORMAT, formatVersion: LOG_FORMAT_VERSION, ...snapshot };
    try {
      const fd = openSync(temporary, 'w');
      try {
        writeAll(fd, Buffer.from(JSON.stringify(body)));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, file);
      syncDirectory(file);
    } catch (error) {
      throw storageError(error, `cannot write the snapshot ${file}`);
    }
  }

  #refuseClosed(): void {
    if (this.#closed) throw new MusubiError('STORAGE', `${this.path} is closed`);
  }

  #closed = false;

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
    this.#release?.();
    this.#release = null;
  }
}
