import {
  type Change,
  type Collection,
  collections,
  type Effect,
  type StoredRecord,
} from '../changes/change.js';
import type { Id } from '../model/ids.js';

/** Where a log starts: after the snapshot a network was restored from (seq 0 and no id without one). */
export interface ChangeLogStart {
  readonly seq: number;
  readonly changeId: Id | null;
}

/** What a change may hold besides its id, seq, time, author, operation and effects. */
type Extras = Pick<Change, 'label' | 'undoes' | 'redoes'>;

const effectTypes = ['create', 'update', 'delete'] as const;
/** An effect's type and collection in one byte: type × 8 + collection. */
const kindOf = (type: number, collection: number) => type * 8 + collection;
/** How many words (authors, operations) the columns name; a change by a later one is kept whole. */
const MAX_WORDS = 0xffff;
/** How many changes made on read (or appended frozen) are kept, so that reads of one change agree. */
const CACHED = 256;

/**
 * The change log of a network, in memory: its changes oldest first, read by position, seq or id,
 * and the two stacks `undo()` and `redo()` act on. It holds changes; it neither checks nor applies
 * them (the network does, before it appends).
 *
 * **Compact.** A change is not kept as the object it came as (a change, its effects array, an
 * object per effect, its id and time strings: some 280 bytes before its records, 420 MB at 1.5
 * million changes). The log keeps columns instead: the time as a number, the author and
 * operation as the index of a word, each effect's type and collection as one byte, and its
 * records as references to the very record objects the projection stores (or stored: an update's
 * `before` is the record it replaced), so that a record is kept once for both. About 70 bytes a
 * change before its id. A change is made again, frozen, when it is read (`at`, `byId`, iterating);
 * the last few made (and those appended frozen, a network's own) are kept, so that reading one
 * change twice gives the same object. A change the columns cannot say exactly (its keys in
 * another order, a key more, a time not in the form `toISOString` writes, an unknown collection)
 * is kept as it came, frozen.
 *
 * **Undo and redo.** The stacks follow the log's own undo and redo entries (as `undoStacks` of
 * `../changes/change.ts` replays them): a change appended with `append` is pushed on the undo stack
 * (or, an undo or redo, moves its target from one stack to the other); a new ordinary change clears
 * the redo stack. `land` appends without touching them (a replica's changes, whose stacks the
 * replica keeps itself).
 */
export class ChangeLog {
  readonly #start: ChangeLogStart;
  #length = 0;
  // ── the columns, one entry a change ──
  readonly #ids = new IdColumn();
  #recordedAt = new Float64Array(64);
  #author = new Uint16Array(64);
  #operation = new Uint16Array(64);
  /** The change's first effect in the effect columns, and its first record in `#records`. */
  #effectStart = new Uint32Array(64);
  #recordStart = new Uint32Array(64);
  // ── one entry an effect, one a record an effect names ──
  #effectCount = 0;
  #effectKind = new Uint8Array(64);
  #records: StoredRecord[] = [];
  // ── what few changes hold ──
  /** The seq of a change whose seq does not follow on from the start (a replica's). */
  readonly #seq = new Map<number, number>();
  readonly #extras = new Map<number, Extras>();
  /** Changes the columns cannot say exactly, kept as they came. */
  readonly #whole = new Map<number, Change>();
  // ── words ──
  readonly #words: string[] = [];
  readonly #wordIndex = new Map<string, number>();
  // ── reading ──
  readonly #made = new Map<number, Change>();
  // ── undo and redo ──
  #undo: Id[] = [];
  #redo: Id[] = [];
  // ── landings, for readers that follow the log ──
  /** How many changes have landed (those taken off too): a mark of the log as it stands. */
  #landings = 0;
  /**
   * Runs of positions whose changes landed one after another: the change at position `i` of a run
   * landed as number `first + i - at`. One run while the log only grows; a replica that takes
   * changes off and lands them again starts a new one there.
   */
  readonly #runs: { at: number; first: number }[] = [];

  constructor(start: ChangeLogStart = { seq: 0, changeId: null }) {
    this.#start = { seq: start.seq, changeId: start.changeId };
  }

  /** How many changes the log holds (those after its start). */
  get length(): number {
    return this.#length;
  }

  /**
   * The start's seq plus the number of changes held: the seq of the last change when the seqs
   * follow on from the start (always, but in a replica, which holds the server's seqs).
   */
  get lastSeq(): number {
    return this.#start.seq + this.#length;
  }

  /** The id of the last change, or the start's when the log holds none. */
  get lastId(): Id | null {
    return this.#length > 0 ? this.#ids.get(this.#length - 1) : this.#start.changeId;
  }

  /** The seq the next change of this network takes. */
  get nextSeq(): number {
    return this.lastSeq + 1;
  }

  /**
   * Gives back most of the room kept for later changes (the columns grow by doubling: up to half
   * of them empty after a long replay), keeping an eighth more for the writes that follow: a
   * column copied to twice its size on the first write after an open (90 MB of new buffers at
   * 1.5 million changes) made V8 collect the whole heap in that write. The records' array keeps
   * what room its pushes left it (V8 grows it by half, and copying it would not free that room).
   */
  trim(): void {
    const n = this.#length;
    // (a column that has no more room than that, as `reserve` made it, is left as it is)
    if (this.#recordedAt.length > withRoom(n)) {
      const size = withRoom(n);
      this.#recordedAt = resized(this.#recordedAt, new Float64Array(size), n);
      this.#author = resized(this.#author, new Uint16Array(size), n);
      this.#operation = resized(this.#operation, new Uint16Array(size), n);
      this.#effectStart = resized(this.#effectStart, new Uint32Array(size), n);
      this.#recordStart = resized(this.#recordStart, new Uint32Array(size), n);
    }
    if (this.#effectKind.length > withRoom(this.#effectCount)) {
      this.#effectKind = resized(
        this.#effectKind,
        new Uint8Array(withRoom(this.#effectCount)),
        this.#effectCount,
      );
    }
    this.#ids.trim();
  }

  /**
   * Makes room at once for `changes` more changes (and as many effects: most changes have one), as
   * a log about to be replayed says it holds: its columns are then not copied to twice their size
   * again and again while it is (at 1.5 million changes, 0.5 s of an open went to copying them into
   * new memory), nor trimmed after. Room only: a wrong count costs a doubling or a trim, as before.
   */
  reserve(changes: number): void {
    if (!(changes > 0)) return;
    this.#grow(withRoom(this.#length + changes), withRoom(this.#effectCount + changes));
    this.#ids.reserve(this.#length + changes);
  }

  /** Appends a change and moves the undo and redo stacks by it. */
  append(change: Change): void {
    this.land(change);
    if (change.operation === 'undo' && change.undoes !== undefined) {
      // an accepted undo may target a change other than the latest
      if (this.#undo[this.#undo.length - 1] === change.undoes) this.#undo.pop();
      this.#redo.push(change.undoes);
    } else if (change.operation === 'redo' && change.redoes !== undefined) {
      if (this.#redo[this.#redo.length - 1] === change.redoes) this.#redo.pop();
      this.#undo.push(change.redoes);
    } else {
      this.#undo.push(change.id);
      this.#redo = [];
    }
  }

  /** Appends a change without touching the undo and redo stacks. */
  land(change: Change): void {
    const i = this.#length;
    this.#grow(i + 1, this.#effectCount + change.effects.length);
    this.#ids.push(change.id);
    this.#effectStart[i] = this.#effectCount;
    this.#recordStart[i] = this.#records.length;
    if (!this.#keepInColumns(i, change)) {
      freezeChange(change);
      this.#whole.set(i, change);
      this.#recordedAt[i] = Number.NaN;
    } else if (
      Object.isFrozen(change) &&
      Object.isFrozen(change.effects) &&
      change.effects.every(Object.isFrozen)
    ) {
      // a network's own change: reading it back gives this very object
      this.#remember(i, change);
    }
    this.#length = i + 1;
    this.#landings++;
    const run = this.#runs[this.#runs.length - 1];
    if (run === undefined || run.first + i - run.at !== this.#landings) {
      this.#runs.push({ at: i, first: this.#landings });
    }
  }

  /** How many changes have landed so far, those taken off since too: a mark for `firstLandedAfter`. */
  get landings(): number {
    return this.#landings;
  }

  /**
   * The first position whose change landed after `mark` (a value of `landings`), or the length
   * when none did. Changes land in the order of their positions, so the positions below it hold
   * what they held at the mark.
   */
  firstLandedAfter(mark: number): number {
    // the first run whose last change landed after the mark (runs land in order)
    let lo = 0;
    let hi = this.#runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const run = this.#runs[mid] as { at: number; first: number };
      const end = mid + 1 < this.#runs.length ? (this.#runs[mid + 1]?.at as number) : this.#length;
      if (run.first + (end - 1 - run.at) > mark) hi = mid;
      else lo = mid + 1;
    }
    const run = this.#runs[lo];
    return run === undefined ? this.#length : run.at + Math.max(0, mark + 1 - run.first);
  }

  /**
   * Writes the change into the columns; false (and nothing of its effects written) when they
   * cannot say it exactly.
   */
  #keepInColumns(i: number, change: Change): boolean {
    if (!canonicalKeys(change)) return false;
    const at = canonicalTime(change.recordedAt);
    const author = this.#word(change.author);
    const operation = this.#word(change.operation);
    if (at === undefined || author === undefined || operation === undefined) return false;
    let kinds = 0;
    for (const effect of change.effects) {
      const kind = effectKind(effect);
      if (kind === undefined) {
        this.#effectCount -= kinds;
        return false;
      }
      this.#effectKind[this.#effectCount++] = kind;
      kinds++;
    }
    for (const effect of change.effects) {
      if (effect.type === 'update') this.#records.push(frozen(effect.before), frozen(effect.after));
      else this.#records.push(frozen(effect.record));
    }
    this.#recordedAt[i] = at;
    this.#author[i] = author;
    this.#operation[i] = operation;
    if (change.seq !== this.#start.seq + i + 1) this.#seq.set(i, change.seq);
    if (change.label !== undefined || change.undoes !== undefined || change.redoes !== undefined) {
      const { label, undoes, redoes } = change;
      this.#extras.set(i, {
        ...(label === undefined
          ? {}
          : { label: Object.isFrozen(label) ? label : Object.freeze(structuredClone(label)) }),
        ...(undoes === undefined ? {} : { undoes }),
        ...(redoes === undefined ? {} : { redoes }),
      });
    }
    return true;
  }

  #word(value: unknown): number | undefined {
    if (typeof value !== 'string') return undefined;
    const known = this.#wordIndex.get(value);
    if (known !== undefined) return known;
    if (this.#words.length >= MAX_WORDS) return undefined;
    this.#wordIndex.set(value, this.#words.length);
    this.#words.push(value);
    return this.#words.length - 1;
  }

  /** Makes room for `changes` changes and `effects` effects (doubling, as arrays grow). */
  #grow(changes: number, effects: number): void {
    if (changes > this.#recordedAt.length) {
      const size = Math.max(changes, this.#recordedAt.length * 2, 64);
      this.#recordedAt = grown(this.#recordedAt, new Float64Array(size));
      this.#author = grown(this.#author, new Uint16Array(size));
      this.#operation = grown(this.#operation, new Uint16Array(size));
      this.#effectStart = grown(this.#effectStart, new Uint32Array(size));
      this.#recordStart = grown(this.#recordStart, new Uint32Array(size));
    }
    if (effects > this.#effectKind.length) {
      this.#effectKind = grown(
        this.#effectKind,
        new Uint8Array(Math.max(effects, this.#effectKind.length * 2, 64)),
      );
    }
  }

  #remember(i: number, change: Change): void {
    if (this.#made.size >= CACHED) this.#made.delete(this.#made.keys().next().value as number);
    this.#made.set(i, change);
  }

  /** The change at position `i`, made from the columns (or kept whole). */
  #read(i: number): Change {
    const whole = this.#whole.get(i);
    if (whole !== undefined) return whole;
    const made = this.#made.get(i);
    if (made !== undefined) return made;
    const firstEffect = this.#effectStart[i] as number;
    const endEffect = i + 1 < this.#length ? (this.#effectStart[i + 1] as number) : this.#effectCount;
    let slot = this.#recordStart[i] as number;
    const effects: Effect[] = [];
    for (let e = firstEffect; e < endEffect; e++) {
      const kind = this.#effectKind[e] as number;
      const type = effectTypes[kind >> 3] as Effect['type'];
      const collection = collections[kind & 7] as Collection;
      effects.push(
        Object.freeze(
          type === 'update'
            ? {
                type,
                collection,
                before: this.#records[slot++] as StoredRecord,
                after: this.#records[slot++] as StoredRecord,
              }
            : { type, collection, record: this.#records[slot++] as StoredRecord },
        ),
      );
    }
    const change: Change = Object.freeze({
      id: this.#ids.get(i),
      seq: this.#seq.get(i) ?? this.#start.seq + i + 1,
      recordedAt: new Date(this.#recordedAt[i] as number).toISOString(),
      author: this.#words[this.#author[i] as number] as string,
      operation: this.#words[this.#operation[i] as number] as string,
      ...this.#extras.get(i),
      effects: Object.freeze(effects),
    });
    this.#remember(i, change);
    return change;
  }

  /**
   * Takes the last `count` changes off the log and returns them oldest first. The undo and redo
   * stacks are left as they are (a replica puts the changes back).
   */
  takeOffLast(count: number): Change[] {
    const from = Math.max(0, this.#length - Math.max(0, count));
    const taken: Change[] = [];
    for (let i = from; i < this.#length; i++) taken.push(this.#read(i));
    for (let i = from; i < this.#length; i++) {
      this.#seq.delete(i);
      this.#extras.delete(i);
      this.#whole.delete(i);
      this.#made.delete(i);
    }
    if (from < this.#length) {
      while ((this.#runs[this.#runs.length - 1]?.at ?? -1) >= from) this.#runs.pop();
      this.#effectCount = this.#effectStart[from] as number;
      this.#records.length = this.#recordStart[from] as number;
      this.#ids.truncate(from);
      this.#length = from;
    }
    return taken;
  }

  /** The change at a position of the log (0 is the oldest it holds). */
  at(index: number): Change | undefined {
    return Number.isInteger(index) && index >= 0 && index < this.#length ? this.#read(index) : undefined;
  }

  #seqAt(i: number): number {
    return this.#whole.get(i)?.seq ?? this.#seq.get(i) ?? this.#start.seq + i + 1;
  }

  /** The change with this seq, if the log holds it (the latest, should a hand-made log repeat one). */
  bySeq(seq: number): Change | undefined {
    // a replica's log holds the server's seqs, which need not follow on from the start
    if (this.#seq.size === 0 && this.#whole.size === 0) return this.at(seq - this.#start.seq - 1);
    for (let i = this.#length - 1; i >= 0; i--) if (this.#seqAt(i) === seq) return this.#read(i);
    return undefined;
  }

  /** The change with this id (the latest, should a hand-made log repeat one). */
  byId(id: Id): Change | undefined {
    const i = typeof id === 'string' ? this.#ids.find(id) : -1;
    return i < 0 ? undefined : this.#read(i);
  }

  /** The changes, oldest first, each made as it is reached. */
  *[Symbol.iterator](): IterableIterator<Change> {
    for (let i = 0; i < this.#length; i++) yield this.#read(i);
  }

  /** The changes as a new array, oldest first. */
  toArray(): Change[] {
    const out: Change[] = new Array(this.#length);
    for (let i = 0; i < this.#length; i++) out[i] = this.#read(i);
    return out;
  }

  /** True when there is a change to undo. */
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** True when there is a change to redo. */
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** The change `undo()` would undo, if any. */
  nextUndo(): Change | undefined {
    const id = this.#undo[this.#undo.length - 1];
    return id === undefined ? undefined : this.byId(id);
  }

  /** The change `redo()` would redo, if any. */
  nextRedo(): Change | undefined {
    const id = this.#redo[this.#redo.length - 1];
    return id === undefined ? undefined : this.byId(id);
  }
}

/** A size with an eighth more room (and a little for a short log). */
function withRoom(size: number): number {
  return size + (size >> 3) + 64;
}

/** The first `count` items of `from` in `to` (a column trimmed to a new size). */
function resized<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(
  from: T,
  to: T,
  count: number,
): T {
  to.set(from.subarray(0, Math.min(count, to.length)) as never);
  return to;
}

function grown<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** The order of a change's keys as the network writes them (and the log's codec reads them). */
const changeKeys = ['id', 'seq', 'recordedAt', 'author', 'operation', 'label', 'undoes', 'redoes', 'effects'];
const optionalKeys = new Set(['label', 'undoes', 'redoes']);

/** True when the change has exactly the keys a change made again from the columns has, in that order. */
function canonicalKeys(change: Change): boolean {
  let k = 0;
  for (const key in change) {
    while (k < changeKeys.length && changeKeys[k] !== key && optionalKeys.has(changeKeys[k] as string)) k++;
    if (changeKeys[k] !== key) return false;
    k++;
  }
  const c = change as unknown as Record<string, unknown>;
  return (
    k === changeKeys.length &&
    typeof c.id === 'string' &&
    typeof c.seq === 'number' &&
    Array.isArray(c.effects) &&
    (!('undoes' in c) || typeof c.undoes === 'string') &&
    (!('redoes' in c) || typeof c.redoes === 'string')
  );
}

/**
 * The time as a number when `toISOString` writes it back exactly (`2024-01-31T09:05:00.000Z`), or
 * undefined: read digit by digit in one pass (each character once), without a `Date` or a string
 * made per change (a replay reads one per change). Held to `Date.parse` and `toISOString` by
 * `change-log.property.test.ts`.
 */
export function canonicalTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length !== 24) return undefined;
  if (
    value.charCodeAt(4) !== 45 /* - */ ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 /* T */ ||
    value.charCodeAt(13) !== 58 /* : */ ||
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 /* . */ ||
    value.charCodeAt(23) !== 90 /* Z */
  )
    return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const ms = digits(value, 20, 3);
  // (a character that is not a digit made its number negative)
  if (year < 0 || day < 1 || hour < 0 || minute < 0 || second < 0 || ms < 0) return undefined;
  if (month < 1 || month > 12 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return (
    daysFromEpoch(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms
  );
}

/** The number written by `count` digits of `value` from `at`, or -1 when one is not a digit. */
function digits(value: string, at: number, count: number): number {
  let n = 0;
  for (let k = at; k < at + count; k++) {
    const d = value.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar, as `Date` counts them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar (years 0 to 9999). */
function daysFromEpoch(year: number, month: number, day: number): number {
  // H. Hinnant's days_from_civil: years start in March, so that February's leap day comes last
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The byte of an effect's type and collection, when its keys are those of its type, in order. */
function effectKind(effect: Effect): number | undefined {
  if (effect === null || typeof effect !== 'object') return undefined;
  const type = effectTypes.indexOf(effect.type);
  const collection = collections.indexOf(effect.collection);
  if (type < 0 || collection < 0) return undefined;
  const keys = effect.type === 'update' ? updateKeys : recordKeys;
  let k = 0;
  for (const key in effect) if (keys[k++] !== key) return undefined;
  if (k !== keys.length) return undefined;
  const hasRecords =
    effect.type === 'update' ? isObject(effect.before) && isObject(effect.after) : isObject(effect.record);
  return hasRecords ? kindOf(type, collection) : undefined;
}
function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}
const recordKeys = ['type', 'collection', 'record'];
const updateKeys = ['type', 'collection', 'before', 'after'];

/** A record the log keeps is frozen (the projection's are already). */
function frozen(record: StoredRecord): StoredRecord {
  return Object.isFrozen(record) ? record : Object.freeze(record);
}

/** Freezes a change kept whole, its effects and each effect: the log is the source of truth. */
function freezeChange(change: Change): void {
  Object.freeze(change);
  if (Array.isArray(change.effects)) {
    Object.freeze(change.effects);
    for (const effect of change.effects) Object.freeze(effect);
  }
}

/** The length of a generated change id: `chg_` and a ULID. */
const CHANGE_ID_LENGTH = 30;

/** FNV-1a of a string's code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/**
 * The changes' ids, one after another in a byte pool (an id of ASCII characters, as generated
 * ids and the log's id pattern are: 30 bytes for `chg_` and a ULID, against 56 for a string and
 * its place in an array), the others kept as strings. Found by id through a hash table of
 * positions, built on the first look-up the last 256 ids do not answer (undo and redo look for
 * recent changes), kept up to date as ids are pushed, and dropped when ids are taken off.
 * Hand-written: no library keeps strings in typed arrays with an index like this one.
 */
class IdColumn {
  #bytes = new Uint8Array(1024);
  /** Where each id ends in `#bytes` (it starts where the one before ends). */
  #end = new Uint32Array(64);
  #length = 0;
  readonly #strings = new Map<number, Id>();
  /** Position + 1 of the id in each slot (0: empty), open addressing; undefined until needed. */
  #table: Int32Array | undefined;
  #mask = 0;

  /** Keeps an eighth more room than the ids take (see `ChangeLog.trim`). */
  trim(): void {
    const used = this.#length > 0 ? (this.#end[this.#length - 1] as number) : 0;
    if (this.#end.length > withRoom(this.#length))
      this.#end = resized(this.#end, new Uint32Array(withRoom(this.#length)), this.#length);
    if (this.#bytes.length > withRoom(used))
      this.#bytes = resized(this.#bytes, new Uint8Array(withRoom(used)), used);
  }

  /** Room for `count` ids in all, of the length of a generated change id (`chg_` and a ULID). */
  reserve(count: number): void {
    const used = this.#length > 0 ? (this.#end[this.#length - 1] as number) : 0;
    if (withRoom(count) > this.#end.length) this.#end = grown(this.#end, new Uint32Array(withRoom(count)));
    const bytes = withRoom(used + (count - this.#length) * CHANGE_ID_LENGTH);
    if (bytes > this.#bytes.length) this.#bytes = grown(this.#bytes, new Uint8Array(bytes));
  }

  push(id: Id): void {
    const i = this.#length;
    if (i + 1 > this.#end.length) {
      this.#end = grown(this.#end, new Uint32Array(Math.max(64, this.#end.length * 2)));
    }
    const start = i > 0 ? (this.#end[i - 1] as number) : 0;
    if (start + id.length > this.#bytes.length) {
      this.#bytes = grown(
        this.#bytes,
        new Uint8Array(Math.max(start + id.length, this.#bytes.length * 2, 1024)),
      );
    }
    // copied as it is checked (each character read once): bytes written past a character that is
    // not ASCII are left unused, as the bytes after the last id are
    const bytes = this.#bytes;
    let k = 0;
    for (; k < id.length; k++) {
      const c = id.charCodeAt(k);
      if (c >= 0x80) break;
      bytes[start + k] = c;
    }
    if (k === id.length && k > 0) this.#end[i] = start + id.length;
    else {
      this.#strings.set(i, id);
      this.#end[i] = start;
    }
    this.#length = i + 1;
    if (this.#table !== undefined) {
      if (this.#length * 2 > this.#table.length) this.#table = undefined;
      else this.#insert(i, id);
    }
  }

  get(i: number): Id {
    const kept = this.#strings.get(i);
    if (kept !== undefined) return kept;
    const start = i > 0 ? (this.#end[i - 1] as number) : 0;
    return String.fromCharCode.apply(null, this.#bytes.subarray(start, this.#end[i]) as unknown as number[]);
  }

  /** True when id `i` is `id`, without making a string of it. */
  #is(i: number, id: Id): boolean {
    const kept = this.#strings.get(i);
    if (kept !== undefined) return kept === id;
    const start = i > 0 ? (this.#end[i - 1] as number) : 0;
    if ((this.#end[i] as number) - start !== id.length || id.length === 0) return false;
    for (let k = 0; k < id.length; k++) if (this.#bytes[start + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  truncate(length: number): void {
    for (let i = length; i < this.#length; i++) this.#strings.delete(i);
    this.#length = Math.min(this.#length, length);
    this.#table = undefined;
  }

  /** The position of the latest change with this id, or -1. */
  find(id: Id): number {
    if (this.#table === undefined) {
      for (let i = this.#length - 1; i >= Math.max(0, this.#length - 256); i--) if (this.#is(i, id)) return i;
      if (this.#length <= 256) return -1;
      let size = 1024;
      while (size < this.#length * 4) size *= 2;
      this.#table = new Int32Array(size);
      this.#mask = size - 1;
      for (let i = 0; i < this.#length; i++) this.#insert(i, this.get(i));
    }
    const table = this.#table;
    for (let slot = hashOf(id) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const at = table[slot] as number;
      if (at === 0) return -1;
      if (this.#is(at - 1, id)) return at - 1;
    }
  }

  /** Puts position `i` in the table, in place of an earlier change with the same id. */
  #insert(i: number, id: Id): void {
    const table = this.#table as Int32Array;
    for (let slot = hashOf(id) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const at = table[slot] as number;
      if (at === 0 || this.#is(at - 1, id)) {
        table[slot] = i + 1;
        return;
      }
    }
  }
}
