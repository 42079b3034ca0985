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
import { type ErrorPath, MusubiError } from '../errors.js';
import { type Change, type Collection, collections, type StoredRecord } from '../history/change.js';
import type { NetworkSnapshot } from '../network/network.js';
import {
  checkHeader,
  decodeRecord,
  decodeSnapshot,
  LogAssembler,
  parseLogJson,
} from '../storage/log-codec.js';
import { LOG_FORMAT, LOG_FORMAT_VERSION, type LogRead, type Store } from '../storage/store.js';
import { type LineStart, readLines } from './log-lines.js';
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

/** The line of change `seq` in the log: where it starts (bytes) and its number. */
interface LogPlace extends LineStart {
  readonly seq: number;
}

interface SnapshotHeader {
  seq: number;
  changeId: string | null;
  log?: LineStart;
}

const isCollection = (value: unknown): value is Collection =>
  typeof value === 'string' && (collections as readonly string[]).includes(value);

const natural = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Checks a snapshot's header line. */
function snapshotHeader(value: unknown, where: ErrorPath, file: string): SnapshotHeader {
  const h = value as Partial<Record<'format' | 'formatVersion' | 'seq' | 'changeId' | 'log', unknown>> | null;
  if (h === null || typeof h !== 'object' || h.format !== SNAPSHOT_FORMAT) {
    throw new MusubiError('FORMAT', `${file} is not a Musubi snapshot`, { path: where });
  }
  checkHeader({ ...h, format: LOG_FORMAT }, where, file);
  if (!natural(h.seq) || !(h.changeId === null || (typeof h.changeId === 'string' && h.changeId !== ''))) {
    throw new MusubiError('FORMAT', `${file} has no valid seq and changeId`, { path: where });
  }
  const log = h.log as { offset?: unknown; line?: unknown } | undefined;
  const place =
    log !== undefined && log !== null && natural(log.offset) && natural(log.line) && log.line > 1
      ? { offset: log.offset, line: log.line }
      : undefined;
  return { seq: h.seq, changeId: h.changeId, ...(place ? { log: place } : {}) };
}

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

/** Where the line that ends at byte `end` starts: after the last newline before `end`, read backwards. */
function lineStartBefore(fd: number, end: number): number {
  const block = Buffer.alloc(64 * 1024);
  for (let pos = end; pos > 0; ) {
    const from = Math.max(0, pos - block.length);
    readSync(fd, block, 0, pos - from, from);
    const at = block.subarray(0, pos - from).lastIndexOf(10);
    if (at !== -1) return from + at + 1;
    pos = from;
  }
  return 0;
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
  /** The place in the log of the change the last snapshot read covers. */
  #snapshotPlace: LogPlace | undefined;

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
      return { offset: lineStartBefore(fd, size), size };
    } finally {
      closeSync(fd);
    }
  }

  async readChanges(after = 0): Promise<LogRead> {
    this.#refuseClosed();
    const place = this.#snapshotPlace;
    if (after > 0 && place?.seq === after) {
      try {
        return this.#read(after, place);
      } catch (error) {
        // the place no longer holds that change (the file was replaced or edited): read it all
        if (!(error instanceof MusubiError && error.code === 'FORMAT')) throw error;
      }
    }
    return this.#read(after, undefined);
  }

  /**
   * Reads the log; from `place` (the line of change `after`, recorded with the snapshot) the lines
   * before it are not read at all: opening from a snapshot costs what came after it.
   */
  #read(after: number, place: LogPlace | undefined): LogRead {
    let from: LineStart = { offset: 0, line: 1 };
    let assembler = new LogAssembler(after);
    if (place) {
      const header = (text: string, line: number) =>
        checkHeader(parseLogJson(text, [line], `${this.path}: line ${line}`), [1], this.path);
      readLines(this.path, this.maxLineBytes, header, { offset: 0, line: 1 }, 1);
      from = { offset: place.offset, line: place.line };
      assembler = new LogAssembler(after, after);
    }
    const { tornTail } = readLines(
      this.path,
      this.maxLineBytes,
      (text, line) => {
        const value = parseLogJson(text, [line], `${this.path}: line ${line}`);
        if (line === 1) checkHeader(value, [1], this.path);
        else assembler.add(value, [line]);
      },
      from,
    );
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

  /**
   * Reads `<file>.snapshot`: a header line (seq, change id, and the place of that change's line in
   * the log), then one record per line as `[collection, record]`, every record validated. A
   * snapshot of the first format (one JSON object) is still read.
   */
  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    this.#refuseClosed();
    this.#snapshotPlace = undefined;
    const file = `${this.path}.snapshot`;
    if (!existsSync(file)) return undefined;
    if (!this.#endsWithNewline(file)) return this.#readWholeSnapshot(file);
    let header: SnapshotHeader | undefined;
    const records: Partial<Record<Collection, StoredRecord[]>> = {};
    const { tornTail } = readLines(file, this.maxLineBytes, (text, line) => {
      const where = [file, line];
      const value = parseLogJson(text, where, `${file}: line ${line}`);
      if (line === 1) {
        header = snapshotHeader(value, where, file);
        return;
      }
      if (!Array.isArray(value) || value.length !== 2 || !isCollection(value[0])) {
        throw new MusubiError('FORMAT', `${file}: line ${line} is not a [collection, record] pair`, {
          path: where,
        });
      }
      const collection = value[0];
      let list = records[collection];
      if (!list) {
        list = [];
        records[collection] = list;
      }
      list.push(decodeRecord(collection, value[1], where, `${file}: line ${line}`));
    });
    if (tornTail || !header) {
      throw new MusubiError('FORMAT', `${file} is cut short`, { path: [file] });
    }
    const found: SnapshotHeader = header;
    if (found.log) this.#snapshotPlace = { seq: found.seq, ...found.log };
    return { seq: found.seq, changeId: found.changeId, records };
  }

  #endsWithNewline(file: string): boolean {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const last = Buffer.alloc(1);
      return size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 10;
    } finally {
      closeSync(fd);
    }
  }

  /** The first snapshot format: the whole snapshot as one JSON object. */
  #readWholeSnapshot(file: string): NetworkSnapshot {
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

  /**
   * Writes the snapshot to a temporary file, fsyncs it and renames it over `<file>.snapshot`. When
   * the log's last line is the snapshot's change, its place is kept too, so that the next opening
   * starts reading the log there.
   */
  async writeSnapshot(snapshot: NetworkSnapshot): Promise<void> {
    const fd = this.#writable();
    const file = `${this.path}.snapshot`;
    const temporary = `${file}.${process.pid}.tmp`;
    const log = this.#placeOf(fd, snapshot);
    const header = {
      format: SNAPSHOT_FORMAT,
      formatVersion: LOG_FORMAT_VERSION,
      seq: snapshot.seq,
      changeId: snapshot.changeId,
      ...(log ? { log } : {}),
    };
    try {
      const out = openSync(temporary, 'w');
      try {
        // written in pieces: a big network's snapshot is longer than the longest string V8 makes
        const lines: string[] = [JSON.stringify(header)];
        let bytes = 0;
        const flush = () => {
          writeAll(out, Buffer.from(`${lines.join('\n')}\n`));
          lines.length = 0;
          bytes = 0;
        };
        for (const [collection, records] of Object.entries(snapshot.records)) {
          for (const record of records ?? []) {
            const line = JSON.stringify([collection, record]);
            lines.push(line);
            bytes += line.length;
            if (bytes > 8 * 1024 * 1024) flush();
          }
        }
        if (lines.length > 0) flush();
        fsyncSync(out);
      } finally {
        closeSync(out);
      }
      renameSync(temporary, file);
      syncDirectory(file);
    } catch (error) {
      throw storageError(error, `cannot write the snapshot ${file}`);
    }
  }

  /** Where the line of the snapshot's change starts, if it is the log's last line. */
  #placeOf(fd: number, snapshot: NetworkSnapshot): { offset: number; line: number } | undefined {
    if (snapshot.seq < 1) return undefined;
    const size = fstatSync(fd).size;
    const end = size - 1; // the last line's newline (the file is whole: #writable checked)
    if (end < 0) return undefined;
    const start = lineStartBefore(fd, end);
    if (end - start > this.maxLineBytes) return undefined;
    const line = Buffer.alloc(end - start);
    readSync(fd, line, 0, line.length, start);
    try {
      const last = JSON.parse(line.toString('utf8')) as { seq?: unknown; id?: unknown };
      if (last.seq !== snapshot.seq || last.id !== snapshot.changeId) return undefined;
    } catch {
      return undefined;
    }
    return { offset: start, line: snapshot.seq + 1 };
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
