import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, unlinkSync } from 'node:fs';
import { type Change, type Effect, invertEffects } from '../changes/change.js';
import { checkEffectBase, effectTarget } from '../changes/proposed-change.js';
import { isMusubiError, MusubiError } from '../errors.js';
import { checkHeader, decodeChange, parseLogJson } from '../log/log-codec.js';
import { LOG_FORMAT } from '../log/store.js';
import { NetworkState } from '../projection/state.js';
import { removeQuietly, storageError, syncDirectory, writeAll } from './file-writes.js';
import { type LineCheck, sealLine, unsealLine } from './log-check.js';
import { EndRecord, endPath, type LogEnd, readEnd } from './log-end.js';
import { readLines } from './log-lines.js';

/** The NDJSON file format repair writes (the current one, with checks). */
const WRITTEN_VERSION = 2;

/** A line of a log that `repair` sets aside (and `inspect` would), with why. */
export interface SetAsideLine {
  /** Its line number in the file as it was. */
  readonly line: number;
  readonly bytes: number;
  /** The change's seq and id as the line gives them, when it can still be read. */
  readonly seq?: number;
  readonly id?: string;
  /**
   * `torn`: the last line, cut short by a crash; `damaged`: it fails its check or cannot be read
   * as a change; `depends`: whole, but it builds on a change set aside (a record that change made
   * or changed), so it cannot be kept without it.
   */
  readonly reason: 'torn' | 'damaged' | 'depends';
  /** What is wrong, in Japanese and English. */
  readonly message: { readonly ja: string; readonly en: string };
}

/** A run of seqs known to be missing from a log (a file cut short, a line removed). */
export interface MissingChanges {
  readonly from: number;
  readonly to: number;
}

/** What {@link inspectLog} found in a log file; what repairing it would do. */
export interface LogInspection {
  /** The file's format: 1 (no checks, written before them) or 2. */
  readonly formatVersion: number;
  /** The changes the repaired file would hold. */
  readonly kept: readonly Change[];
  readonly setAside: readonly SetAsideLine[];
  /** Seqs known to be lost: cut from the end (the end record says so) or gone from the middle. */
  readonly missing: readonly MissingChanges[];
  /** Changes that would move to another seq (those after a line set aside). */
  readonly renumbered: number;
  /** The end record: `ok`, `missing` (none beside the file), `wrong` (unreadable, or names another line). */
  readonly endRecord: 'ok' | 'missing' | 'wrong' | 'none-in-format-1';
  /** True when the file is whole and checked: repairing it would change nothing. */
  readonly sound: boolean;
  /** Private to repair: where each set-aside line's bytes are. */
  readonly places: readonly { offset: number; bytes: number; torn: boolean }[];
  readonly createdAt: string | undefined;
}

/** Lands a change on the state: all its effects or none; with `checkBase`, each on the record it was made on. */
function land(state: NetworkState, change: Change, checkBase: boolean): void {
  const applied: Effect[] = [];
  try {
    for (const [index, effect] of change.effects.entries()) {
      if (checkBase) {
        const target = effectTarget(effect);
        checkEffectBase(change.id, index, effect, state.get(target.collection, target.id));
      }
      state.apply(effect);
      applied.push(effect);
    }
  } catch (error) {
    for (const effect of invertEffects(applied)) state.apply(effect);
    throw error;
  }
}

const both = (en: string, ja: string) => ({ en, ja });

const unreadableWords = {
  'too-long': both('it is longer than the longest line read', '読み込める最長の行より長い'),
  'not-utf8': both('it is not valid UTF-8', 'UTF-8 として正しくない'),
  'no-check': both(
    'it has no integrity check at its end (cut, joined with another line, or edited)',
    '末尾に整合性チェックがない（切れた・他の行とつながった・編集された）',
  ),
  mismatch: both(
    'it does not match its integrity check (a byte in it changed, or a line just before it was removed)',
    '整合性チェックと一致しない（内容が変わったか、直前の行が消えた）',
  ),
};

/**
 * Reads a log file as `repair` does, without changing it: every line that fails its check or
 * cannot be read as a change is set aside; the changes before the first such line are kept as
 * they are (they replay as before); each later whole change is kept only if it still lands on
 * what was kept (each of its effects on the very record it was made on), under the next seq;
 * the others are set aside as depending on what was lost. A torn last line is set aside too, and
 * the end record tells a file cut at a line boundary. The header must be readable.
 */
export function inspectLog(path: string, maxLineBytes: number): LogInspection {
  const state = new NetworkState();
  const kept: Change[] = [];
  const ids = new Set<string>();
  const setAside: SetAsideLine[] = [];
  const places: { offset: number; bytes: number; torn: boolean }[] = [];
  const missing: MissingChanges[] = [];
  let version = 1;
  let createdAt: string | undefined;
  let previous: LineCheck | undefined;
  let lastSeq = 0;
  let renumbered = 0;
  let end: LogEnd | undefined;
  let endRecord: LogInspection['endRecord'] = 'missing';
  let checkAtEnd: LineCheck | undefined;

  const aside = (line: SetAsideLine, offset: number, torn = false) => {
    setAside.push(line);
    places.push({ offset, bytes: line.bytes, torn });
  };
  const noteSeq = (seq: number) => {
    if (seq > lastSeq + 1) missing.push({ from: lastSeq + 1, to: seq - 1 });
    if (seq > lastSeq) lastSeq = seq;
  };

  const onLine = (text: string, line: number, offset: number, bytes: number, raw: Uint8Array) => {
    if (line === 1) {
      const value = parseLogJson(text, [1], `${path}: line 1`) as {
        formatVersion: number;
        createdAt?: unknown;
      };
      checkHeader(value, [1], path, WRITTEN_VERSION);
      version = value.formatVersion;
      if (typeof value.createdAt === 'string') createdAt = value.createdAt;
      if (version >= 2) {
        const found = unsealLine(text, undefined);
        if (!found.ok) {
          throw new MusubiError(
            'FORMAT',
            `${path}: the header (line 1) is damaged; nothing after it can be trusted`,
            {
              path: [1],
              details: { file: path, problem: found.problem },
            },
          );
        }
        previous = found.check;
      }
      return;
    }
    let body = text;
    if (version >= 2) {
      const found = unsealLine(text, previous, raw);
      if (found.check !== undefined) previous = found.check;
      if (line === end?.line) checkAtEnd = found.check;
      if (!found.ok) {
        const peek = peekChange(found.body ?? text);
        if (peek.seq !== undefined) noteSeq(peek.seq);
        aside({ line, bytes, ...peek, reason: 'damaged', message: unreadableWords[found.problem] }, offset);
        return;
      }
      body = found.body;
    }
    let change: Change;
    try {
      change = decodeChange(parseLogJson(body, [line], `line ${line}`), [line]);
    } catch (error) {
      if (!isMusubiError(error, 'FORMAT')) throw error;
      const peek = peekChange(body);
      if (peek.seq !== undefined) noteSeq(peek.seq);
      aside({ line, bytes, ...peek, reason: 'damaged', message: both(error.message, error.message) }, offset);
      return;
    }
    noteSeq(change.seq);
    const who = { seq: change.seq, id: change.id };
    if (ids.has(change.id)) {
      const message = both(`it repeats change ${change.id}`, `変更 ${change.id} の繰り返しです`);
      aside({ line, bytes, ...who, reason: 'damaged', message }, offset);
      return;
    }
    const seq = kept.length + 1;
    const placed = seq === change.seq ? change : { ...change, seq };
    try {
      // before anything was set aside the log replays as it always did; after, each effect must
      // find the very record it was made on
      land(state, placed, setAside.length > 0);
    } catch (error) {
      if (!(error instanceof MusubiError)) throw error;
      const reason = setAside.length > 0 ? 'depends' : 'damaged';
      aside({ line, bytes, ...who, reason, message: both(error.message, error.message) }, offset);
      return;
    }
    if (placed !== change) renumbered++;
    kept.push(placed);
    ids.add(change.id);
  };

  if (existsSync(endPath(path))) {
    try {
      end = readEnd(path);
    } catch (error) {
      if (!isMusubiError(error, 'FORMAT')) throw error;
      endRecord = 'wrong';
    }
  }
  const { tornTail, lines } = readLines(
    path,
    maxLineBytes,
    onLine,
    { offset: 0, line: 1 },
    Number.POSITIVE_INFINITY,
    (problem, line, offset, bytes) => {
      if (line === 1) {
        throw new MusubiError('FORMAT', `${path}: the header (line 1) cannot be read`, { path: [1] });
      }
      aside({ line, bytes, reason: 'damaged', message: unreadableWords[problem] }, offset);
    },
  );
  // a file whose header was torn holds nothing yet: it is written again with a new header
  if (lines === 0) version = WRITTEN_VERSION;
  if (tornTail) {
    const message = both('cut short by an interrupted write', '書き込み途中で途切れた');
    aside({ line: tornTail.line, bytes: tornTail.bytes, reason: 'torn', message }, tornTail.offset, true);
  }
  if (version < 2) endRecord = 'none-in-format-1';
  else if (end) {
    endRecord = 'ok';
    if (lastSeq < end.seq) {
      missing.push({ from: lastSeq + 1, to: end.seq });
      endRecord = 'wrong';
    } else if (checkAtEnd !== undefined && checkAtEnd !== end.check) endRecord = 'wrong';
  }
  const sound = version >= 2 && setAside.length === 0 && missing.length === 0 && endRecord === 'ok';
  return { formatVersion: version, kept, setAside, missing, renumbered, endRecord, sound, places, createdAt };
}

/** The seq and id a damaged line still shows, if any (for the report). */
function peekChange(text: string): { seq?: number; id?: string } {
  const seq = /"seq":(\d{1,15})[,}]/.exec(text)?.[1];
  const id = /^\{"id":"([^"\\]{1,200})"/.exec(text)?.[1];
  return { ...(seq === undefined ? {} : { seq: Number(seq) }), ...(id === undefined ? {} : { id }) };
}

/** What {@link repairLog} did. */
export interface RepairReport {
  /** The lines set aside, in order, each with why. */
  readonly setAside: readonly SetAsideLine[];
  /** The side file that holds them, verbatim, one per line (a torn line last, as it was). */
  readonly movedTo?: string;
  /** The first line set aside (the torn line, when that is all). */
  readonly line?: number;
  /** How many bytes were set aside. */
  readonly bytes: number;
  /** How many changes the repaired file holds. */
  readonly kept: number;
  /** How many of them moved to another seq (those after a line set aside). */
  readonly renumbered: number;
  /** Seqs known to be lost without a line to set aside (a file cut at a line boundary). */
  readonly missing: readonly MissingChanges[];
  /** The file was of format 1 (no checks) and now has them. */
  readonly upgraded: boolean;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Copies the set-aside lines, verbatim, into a new side file. */
function writeSideFile(path: string, side: string, places: LogInspection['places']): void {
  const source = openSync(path, 'r');
  try {
    const out = openSync(side, 'wx');
    try {
      for (const place of places) {
        const bytes = Buffer.alloc(place.bytes + (place.torn ? 0 : 1));
        readSync(source, bytes, 0, bytes.length, place.offset);
        writeAll(out, bytes);
      }
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
  } finally {
    closeSync(source);
  }
}

/** Writes the kept changes as a checked log (format 2) and returns the end record of it. */
function writeLog(temporary: string, inspection: LogInspection): LogEnd {
  const header = {
    format: LOG_FORMAT,
    formatVersion: WRITTEN_VERSION,
    createdAt: inspection.createdAt ?? new Date().toISOString(),
  };
  const out = openSync(temporary, 'wx');
  try {
    let sealed = sealLine(JSON.stringify(header), undefined);
    const lines = [sealed.text];
    let size = 0;
    const flush = () => {
      writeAll(out, Buffer.from(`${lines.join('\n')}\n`));
      lines.length = 0;
      size = 0;
    };
    for (const change of inspection.kept) {
      sealed = sealLine(JSON.stringify(change), sealed.check);
      lines.push(sealed.text);
      size += sealed.text.length;
      if (size > 8 * 1024 * 1024) flush();
    }
    if (lines.length > 0) flush();
    fsyncSync(out);
    return { seq: inspection.kept.length, line: inspection.kept.length + 1, check: sealed.check };
  } finally {
    closeSync(out);
  }
}

/**
 * Repairs a log file (see {@link inspectLog} for what is kept): the lines set aside go verbatim to
 * `<file>.torn-<time>` (only a torn last line) or `<file>.damaged-<time>`; the kept changes are
 * written, checked, to a temporary file that is fsynced and renamed over the log; the end record
 * is written again and a snapshot beside the file is removed (it is only a cache, and it may
 * describe lines that are gone). Returns undefined when the file is sound. A failure (a full disk)
 * is a STORAGE error and leaves the log as it was and no file behind.
 */
export function repairLog(path: string, maxLineBytes: number): RepairReport | undefined {
  const inspection = inspectLog(path, maxLineBytes);
  if (inspection.sound) return undefined;
  const onlyTorn = inspection.setAside.length === 1 && inspection.setAside[0]?.reason === 'torn';
  const side =
    inspection.setAside.length > 0 ? `${path}.${onlyTorn ? 'torn' : 'damaged'}-${stamp()}` : undefined;
  const temporary = `${path}.repair-${process.pid}.tmp`;
  const made: string[] = [];
  let end: LogEnd;
  try {
    if (side) {
      made.push(side);
      writeSideFile(path, side, inspection.places);
    }
    made.push(temporary);
    end = writeLog(temporary, inspection);
    // the old end record describes the old file: without one the new file still opens
    removeQuietly([endPath(path)]);
    renameSync(temporary, path);
    made.pop();
  } catch (error) {
    removeQuietly(made);
    throw storageError(error, `cannot repair ${path}`);
  }
  syncDirectory(path);
  try {
    const record = new EndRecord(path);
    record.write(end);
    record.close();
    if (existsSync(`${path}.snapshot`)) unlinkSync(`${path}.snapshot`);
  } catch {
    // the log is repaired; without its end record or with the snapshot left it still opens
  }
  const bytes = inspection.setAside.reduce((sum, line) => sum + line.bytes, 0);
  const first = inspection.setAside[0];
  return {
    setAside: inspection.setAside,
    ...(side ? { movedTo: side } : {}),
    ...(first ? { line: first.line } : {}),
    bytes,
    kept: inspection.kept.length,
    renumbered: inspection.renumbered,
    missing: inspection.missing,
    upgraded: inspection.formatVersion < WRITTEN_VERSION,
  };
}
