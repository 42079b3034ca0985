import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { type Change, type Collection, collections, type StoredRecord } from '../changes/change.js';
import { type ErrorPath, MusubiError } from '../errors.js';
import {
  checkHeader,
  decodeChange,
  decodeRecord,
  decodeSnapshot,
  LogAssembler,
  parseLogJson,
} from '../log/log-codec.js';
import { LOG_FORMAT, LOG_FORMAT_VERSION, type LogRead, type Store } from '../log/store.js';
import type { NetworkSnapshot } from '../network/network.js';
import { removeQuietly, storageError, syncDirectory, writeAll } from './file-writes.js';
import { damagedLine, type LineCheck, sealLine, splitLine, unsealLine } from './log-check.js';
import { cutLog, EndRecord, endPath, type LogEnd, readEnd } from './log-end.js';
import { type LineStart, readLines } from './log-lines.js';
import { acquireLock } from './log-lock.js';
import { type RepairReport, repairLog } from './log-repair.js';
import { LogValidator, ReadAgain, receivedError, workerWanted } from './log-validator.js';

export type { RepairReport } from './log-repair.js';

/**
 * The version of the NDJSON file's own format: 2 adds an integrity check to every line (see
 * log-check.ts) and the end record (log-end.ts). Files of format 1 (no checks) are still read and
 * appended to as they are; `repair` rewrites them in format 2.
 */
export const NDJSON_LOG_VERSION = 2;

/** Options of {@link NdjsonFileStore.open}. */
export interface NdjsonFileStoreOptions {
  /** Create the file (with its header) when it does not exist. Default false: a missing file is NOT_FOUND. */
  create?: boolean;
  /** Open without the lock, for reading only (validate, export); appends are refused. */
  readOnly?: boolean;
  /** The longest line accepted, in bytes (reading and writing). Default 64 MiB. */
  maxLineBytes?: number;
  /**
   * During a one-pass open (`readChangesInto`), check and validate the log in a worker thread while
   * this thread replays it (see log-validator.ts). `'auto'` (`openNetworkFile`'s default): for files
   * of 24 MiB or more, when the machine has a core to spare (two or more cores, the other processes
   * busy on less than their number less one and a half, watched for 100 ms); `true`: always;
   * `false` (the store's default): never, everything on this thread. With a worker, `readChangesInto` may reject with `ReadAgain` (see there), which
   * `openNetworkFile` handles by opening again.
   */
  validateInWorker?: boolean | 'auto';
}

const SNAPSHOT_FORMAT = 'musubi-snapshot';

/** The line of change `seq` in the log: where it starts (bytes), its number and its check (format 2). */
interface LogPlace extends LineStart {
  readonly seq: number;
  readonly check?: LineCheck;
}

interface SnapshotHeader {
  seq: number;
  changeId: string | null;
  log?: LineStart & { check?: LineCheck };
}

/** What appending goes on from: the file's format, and the seq and check of its last line. */
interface LogTail {
  readonly version: number;
  readonly seq: number;
  readonly check: LineCheck | undefined;
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
  const log = h.log as { offset?: unknown; line?: unknown; check?: unknown } | undefined;
  const place =
    log !== undefined && log !== null && natural(log.offset) && natural(log.line) && log.line > 1
      ? { offset: log.offset, line: log.line, ...(typeof log.check === 'string' ? { check: log.check } : {}) }
      : undefined;
  return { seq: h.seq, changeId: h.changeId, ...(place ? { log: place } : {}) };
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
  #validateInWorker: boolean | 'auto';
  #lastReadChecked: 'here' | 'in-worker' | undefined;
  #fd: number | null = null;
  #release: (() => void) | null = null;
  #broken: MusubiError | null = null;
  /** Known to end with a newline (checked once, then kept true by our own whole-line appends). */
  #whole = false;
  /** The place in the log of the change the last snapshot read covers. */
  #snapshotPlace: LogPlace | undefined;
  /** What the next append goes on from (read from the file's ends when first needed). */
  #tail: LogTail | undefined;
  /** The end record, open for rewriting (format 2, writable stores only). */
  #end: EndRecord | null = null;
  #version: number | undefined;

  private constructor(path: string, options: NdjsonFileStoreOptions) {
    this.path = path;
    this.description = path;
    this.readOnly = options.readOnly ?? false;
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
    this.#validateInWorker = options.validateInWorker ?? false;
    if (!existsSync(path) && !options.create) {
      throw new MusubiError('NOT_FOUND', `${path} does not exist (create it with { create: true })`, {
        details: { file: path },
      });
    }
    const existed = existsSync(path);
    if (!this.readOnly) this.#release = acquireLock(`${path}.lock`, path);
    try {
      this.#fd = this.readOnly ? null : openSync(path, 'a+');
      if (this.#fd !== null && fstatSync(this.#fd).size === 0) {
        this.#writeHeader(this.#fd);
        syncDirectory(path); // a new file's name must survive a power cut too
      }
    } catch (error) {
      if (this.#fd !== null) closeSync(this.#fd);
      this.#fd = null;
      try {
        this.#end?.close();
      } catch {
        // removed below, or left as it was
      }
      // a file this call created and could not finish is not left behind (a full disk)
      if (!existed) removeQuietly([path, endPath(path)]);
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
      formatVersion: NDJSON_LOG_VERSION,
      createdAt: new Date().toISOString(),
    };
    const { text, check } = sealLine(JSON.stringify(header), undefined);
    writeAll(fd, Buffer.from(`${text}\n`));
    fsyncSync(fd);
    this.#tail = { version: NDJSON_LOG_VERSION, seq: 0, check };
    this.#version = NDJSON_LOG_VERSION;
    this.#writeEnd({ seq: 0, line: 1, check });
  }

  /**
   * The format of the file (its header's `formatVersion`): 2 for files with integrity checks, 1
   * for files written before them (read and appended to without checks until `repair` rewrites them).
   */
  get formatVersion(): number {
    if (this.#version === undefined) {
      let version = 1;
      readLines(
        this.path,
        this.maxLineBytes,
        (text) => {
          const value = parseLogJson(text, [1], `${this.path}: line 1`);
          checkHeader(value, [1], this.path, NDJSON_LOG_VERSION);
          version = (value as { formatVersion: number }).formatVersion;
        },
        { offset: 0, line: 1 },
        1,
      );
      this.#version = version;
    }
    return this.#version;
  }

  /** The format, seq and check of the file's last line, which the next append goes on from. */
  #tailOf(fd: number): LogTail {
    if (this.#tail) return this.#tail;
    const version = this.formatVersion;
    let tail: LogTail = { version, seq: 0, check: undefined };
    if (version >= 2) {
      const size = fstatSync(fd).size; // whole: #writable checked that it ends with a newline
      const start = lineStartBefore(fd, size - 1);
      const bytes = Buffer.alloc(size - 1 - start);
      readSync(fd, bytes, 0, bytes.length, start);
      const text = bytes.toString('utf8');
      const found = unsealLine(text, undefined); // the line before is not read: only its own check is taken
      const body = found.body;
      if (found.check === undefined || body === undefined) {
        const line =
          readFileSync(this.path)
            .subarray(0, start)
            .filter((b) => b === 10).length + 1;
        throw damagedLine(this.path, line, 'no-check');
      }
      const seq = start === 0 ? 0 : (JSON.parse(body) as { seq: number }).seq;
      tail = { version, seq, check: found.check };
    }
    this.#tail = tail;
    return tail;
  }

  /**
   * Rewrites the end record. Not fsynced here (the log's lines are, before it): after a crash it
   * may lag behind the log, which it may; a failure to write it costs only the detection of a cut
   * after that line, so it does not fail the append, whose lines are already acknowledged.
   */
  #writeEnd(end: LogEnd): void {
    if (this.#fd === null) return;
    try {
      this.#end ??= new EndRecord(this.path);
      this.#end.write(end);
    } catch {
      // see above: the log is what counts
    }
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
    try {
      return this.#readFrom(after);
    } catch (error) {
      throw storageError(error, `cannot read ${this.path}`);
    }
  }

  /**
   * Reads the whole log, handing each change to `onChange` as it is read. A large file is checked
   * and validated by a worker thread meanwhile (see log-validator.ts, `validateInWorker`): the
   * outcome is the same as reading on this thread, but for a log whose records validation would
   * change (a file not written by Musubi), or when the worker itself fails (it could not start the
   * core, it crashed), where it rejects with `ReadAgain` after handing the changes on: the caller
   * drops them and reads again, and every later read validates here.
   */
  /**
   * Where the last `readChangesInto` checked and validated the log: on this thread, or in the
   * validating worker (see `validateInWorker`); undefined before one.
   */
  get lastReadChecked(): 'here' | 'in-worker' | undefined {
    return this.#lastReadChecked;
  }

  async readChangesInto(
    onChange: (change: Change) => void,
    onCount?: (changes: number) => void,
  ): Promise<LogRead> {
    this.#refuseClosed();
    const wanted = await workerWanted(this.path, this.#validateInWorker);
    const validator = LogValidator.start(this.path, this.maxLineBytes, wanted);
    this.#lastReadChecked = validator ? 'in-worker' : 'here';
    if (!validator) {
      try {
        return this.#read(0, undefined, onChange, undefined, undefined, onCount);
      } catch (error) {
        throw storageError(error, `cannot read ${this.path}`);
      }
    }
    let read: LogRead | undefined;
    let fault: unknown;
    try {
      read = this.#read(0, undefined, onChange, validator, undefined, onCount);
    } catch (error) {
      fault = error;
    }
    const verdict = await validator.verdict();
    if (!verdict.ok && verdict.broken) {
      // the worker failed, not the log: nothing is known of the log, so it is read again on this
      // thread (this read's own fault, if any, may not be the first a sequential read meets)
      this.#validateInWorker = false;
      throw new ReadAgain(verdict.error.message);
    }
    // the worker's fault first: it reads as a sequential read does, so its first fault is that read's
    if (!verdict.ok) throw receivedError(verdict.error);
    if (fault !== undefined && !(fault instanceof WorkerFailed))
      throw storageError(fault, `cannot read ${this.path}`);
    const again =
      read === undefined || verdict.lastSeq !== read.lastSeq
        ? 'the end of the log differs'
        : verdict.asIs
          ? undefined
          : 'validation changes records';
    if (again === undefined) return read as LogRead;
    // the next read validates on this thread
    this.#validateInWorker = false;
    throw new ReadAgain(again);
  }

  /**
   * Reads the whole log as a sequential read does (every check, every record validated), keeping
   * nothing: the validating worker's task. `asIs`: every change came through validation as it was
   * in the file (see {@link readChangesInto}).
   */
  checkLog(): { lastSeq: number; asIs: boolean } {
    this.#refuseClosed();
    const seen = { asIs: true };
    try {
      const read = this.#read(0, undefined, () => undefined, undefined, seen);
      return { lastSeq: read.lastSeq, asIs: seen.asIs };
    } catch (error) {
      throw storageError(error, `cannot read ${this.path}`);
    }
  }

  #readFrom(after: number): LogRead {
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
  #read(
    after: number,
    place: LogPlace | undefined,
    onChange?: (change: Change) => void,
    /** Checks and validates the same file meanwhile: lines are not checked, nor fast-path records validated, here. */
    validator?: LogValidator,
    /** Told when a change's validation returned anything but the parsed value itself. */
    seen?: { asIs: boolean },
    /**
     * Told before the first change how many the end record says the log holds, at most one per 64
     * bytes of the file (no change's line is shorter): the replay makes room for them at once.
     */
    onCount?: (changes: number) => void,
  ): LogRead {
    let from: LineStart = { offset: 0, line: 1 };
    // with a validating worker, the assembler checks envelopes and seqs only (no change is after
    // its `after`) and the changes are handed on below
    let assembler = validator
      ? new LogAssembler(Number.MAX_SAFE_INTEGER, 1, { parsed: true })
      : new LogAssembler(after, 1, { parsed: true, ...(onChange ? { onChange } : {}) });
    const end = readEnd(this.path);
    if (end !== undefined && onCount !== undefined) {
      const count = Math.min(end.seq, Math.floor(statSync(this.path).size / 64));
      if (count > 0) onCount(count);
    }
    let version = 1;
    let previous: LineCheck | undefined;
    let checkAtEnd: LineCheck | undefined;
    /** The line's JSON text: for format 2 its body, once its check is verified against the line before. */
    const verified = (text: string, line: number, bytes?: Uint8Array): string => {
      if (version < 2) return text;
      if (validator && line > 1) {
        // the worker verifies the check; here the line is only split (a line without one is its fault too)
        const split = splitLine(text);
        if (split === undefined) throw damagedLine(this.path, line, 'no-check');
        previous = split.check;
        if (line === end?.line) checkAtEnd = split.check;
        return split.body;
      }
      const found = unsealLine(text, previous, bytes);
      if (!found.ok) {
        // the line a snapshot starts from: its check is the one the snapshot recorded
        const anchor = place !== undefined && line === place.line && found.check === place.check;
        if (!anchor || found.body === undefined) throw damagedLine(this.path, line, found.problem);
      }
      previous = found.check;
      if (line === end?.line) checkAtEnd = found.check;
      return found.body as string;
    };
    const header = (text: string, line: number) => {
      const value = parseLogJson(text, [line], `${this.path}: line ${line}`);
      checkHeader(value, [1], this.path, NDJSON_LOG_VERSION);
      version = (value as { formatVersion: number }).formatVersion;
      this.#version = version;
      verified(text, line);
    };
    if (place) {
      readLines(this.path, this.maxLineBytes, header, { offset: 0, line: 1 }, 1);
      from = { offset: place.offset, line: place.line };
      assembler = new LogAssembler(after, after, { parsed: true });
    }
    const { tornTail } = readLines(
      this.path,
      this.maxLineBytes,
      (text, line, _offset, _length, bytes) => {
        if (line === 1) return header(text, line);
        const value = parseLogJson(verified(text, line, bytes), [line], `${this.path}: line ${line}`);
        if (validator) {
          // a fault the worker already found ends the reading here: it is the open's error
          if ((line & 4095) === 0 && validator.failedYet()) throw new WorkerFailed();
          // the records of the collections the fast path does not read are validated here
          const checked = hasFastPathCollections(value)
            ? value
            : decodeChange(value, [line], { parsed: true });
          onChange?.(assembler.add(checked, [line]));
        } else if (seen) {
          if (assembler.add(value, [line]) !== value && hasFastPathCollections(value)) seen.asIs = false;
        } else assembler.add(value, [line]);
      },
      from,
    );
    const read = assembler.result();
    if (version >= 2 && end) {
      if (read.lastSeq < end.seq) throw cutLog(this.path, end, read.lastSeq, read.lastSeq + 1, false);
      if (checkAtEnd !== undefined && checkAtEnd !== end.check) {
        throw cutLog(this.path, end, read.lastSeq, read.lastSeq + 1, true);
      }
    }
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
    let torn: { offset: number } | undefined;
    try {
      torn = this.#whole ? undefined : this.#tornTailStart();
    } catch (error) {
      throw storageError(error, `cannot read ${this.path}`);
    }
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
    if (changes.length === 0) return; // (an empty write would leave an empty line)
    let tail: LogTail;
    try {
      tail = this.#tailOf(fd);
    } catch (error) {
      throw storageError(error, `cannot read ${this.path}`);
    }
    let check = tail.check;
    const lines = changes.map((change) => {
      if (tail.version < 2) return JSON.stringify(change);
      const sealed = sealLine(JSON.stringify(change), check);
      check = sealed.check;
      return sealed.text;
    });
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
      this.#tail = undefined;
      throw this.#broken;
    }
    const last = changes.at(-1);
    if (!last) return;
    this.#tail = { version: tail.version, seq: last.seq, check };
    if (tail.version >= 2 && check !== undefined)
      this.#writeEnd({ seq: last.seq, line: last.seq + 1, check });
  }

  async append(changes: readonly Change[]): Promise<void> {
    this.appendSync(changes);
  }

  /**
   * Repairs the file so that it opens and takes appends again: a torn last line (left by a crash),
   * lines that fail their integrity check or cannot be read, and the changes that depend on them go
   * verbatim to a side file (`<file>.torn-<time>`, `<file>.damaged-<time>`); every change that can
   * still be trusted is kept; a file of format 1 gets its checks. Returns what it did (every line set
   * aside, and why), or undefined when the file was sound. See `log-repair.ts`.
   */
  repair(): RepairReport | undefined {
    this.#refuseClosed();
    if (this.#fd === null) throw new MusubiError('READ_ONLY', `${this.path} was opened read-only`);
    try {
      this.#end?.close();
    } catch {
      // written again by the repair
    }
    this.#end = null;
    let report: RepairReport | undefined;
    try {
      report = repairLog(this.path, this.maxLineBytes);
    } catch (error) {
      throw storageError(error, `cannot repair ${this.path}`);
    }
    this.#tail = undefined;
    this.#version = undefined;
    this.#snapshotPlace = undefined;
    this.#whole = false;
    if (report) {
      // the file was replaced: append to the new one
      closeSync(this.#fd);
      this.#fd = null;
      try {
        this.#fd = openSync(this.path, 'a+');
      } catch (error) {
        this.#broken = storageError(error, `cannot open ${this.path}`);
        throw this.#broken;
      }
    }
    this.#broken = null;
    return report;
  }

  /**
   * Reads `<file>.snapshot`: a header line (seq, change id, and the place of that change's line in
   * the log), then one record per line as `[collection, record]`, every record validated. A
   * snapshot of the first format (one JSON object) is still read.
   */
  async readSnapshot(): Promise<NetworkSnapshot | undefined> {
    this.#refuseClosed();
    try {
      return this.#readSnapshot();
    } catch (error) {
      throw storageError(error, `cannot read the snapshot of ${this.path}`);
    }
  }

  #readSnapshot(): NetworkSnapshot | undefined {
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
      list.push(decodeRecord(collection, value[1], where, `${file}: line ${line}`, { parsed: true }));
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
    return decodeSnapshot(value, [file], { parsed: true });
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
    let log: (LineStart & { check?: LineCheck }) | undefined;
    try {
      log = this.#placeOf(fd, snapshot);
    } catch (error) {
      throw storageError(error, `cannot write the snapshot ${file}`);
    }
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
      // a write, an fsync or a close that failed (a full disk) leaves no temporary file
      removeQuietly([temporary]);
      throw storageError(error, `cannot write the snapshot ${file}`);
    }
  }

  /** Where the line of the snapshot's change starts, if it is the log's last line. */
  #placeOf(fd: number, snapshot: NetworkSnapshot): (LineStart & { check?: LineCheck }) | undefined {
    if (snapshot.seq < 1) return undefined;
    const size = fstatSync(fd).size;
    const end = size - 1; // the last line's newline (the file is whole: #writable checked)
    if (end < 0) return undefined;
    const start = lineStartBefore(fd, end);
    if (end - start > this.maxLineBytes) return undefined;
    const line = Buffer.alloc(end - start);
    readSync(fd, line, 0, line.length, start);
    const text = line.toString('utf8');
    const { check } = unsealLine(text, undefined);
    try {
      const last = JSON.parse(text) as { seq?: unknown; id?: unknown };
      if (last.seq !== snapshot.seq || last.id !== snapshot.changeId) return undefined;
    } catch {
      return undefined;
    }
    return { offset: start, line: snapshot.seq + 1, ...(check === undefined ? {} : { check }) };
  }

  #refuseClosed(): void {
    if (this.#closed) throw new MusubiError('STORAGE', `${this.path} is closed`);
  }

  #closed = false;

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#end?.close();
    } catch {
      // the end record lags at worst (see #writeEnd)
    }
    this.#end = null;
    try {
      if (this.#fd !== null) closeSync(this.#fd);
    } catch (error) {
      throw storageError(error, `cannot close ${this.path}`);
    } finally {
      this.#fd = null;
      this.#release?.();
      this.#release = null;
    }
  }
}

/** The main thread's reading stopped because the validating worker already found a fault. */
class WorkerFailed extends Error {}

/**
 * True when `raw` looks like a change whose every effect is of a collection the fast path reads
 * (entity, link, engagement). A reader whose records are validated elsewhere (the NDJSON store's
 * validating worker) takes such a change as it is and checks only its envelope; the changes of the
 * other collections it still validates itself. Only a look: it says nothing of the records.
 */
function hasFastPathCollections(raw: unknown): boolean {
  const effects = (raw as { effects?: unknown } | null)?.effects;
  if (!Array.isArray(effects)) return false;
  for (const effect of effects) {
    const collection = (effect as { collection?: unknown } | null)?.collection;
    if (collection !== 'entity' && collection !== 'link' && collection !== 'engagement') return false;
  }
  return true;
}
