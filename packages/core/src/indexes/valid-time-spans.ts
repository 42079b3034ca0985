import type { Link } from '../model/records.js';
import { sortedEvents } from '../model/valid-time.js';
import { daysInMonth, earliestDay, latestDay } from '../time/partial-date.js';
import { partitionPoint } from './sorted.js';

/**
 * Days as numbers and the spans of days the valid-time index keeps (`valid-time-index.ts`): half-open
 * `[start, end)` spans of day numbers, per record, and the counts of spans that hold a day.
 */

/** Before and after every day: the bounds of spans open at one end (they fit an Int32Array). */
export const BEFORE_ALL = -2147483648;
export const AFTER_ALL = 2147483647;

/**
 * A `YYYY-MM-DD` day as an integer (`2018-07-12` → 20180712): ordered as the days are, cheaper to
 * compare and to store. Not contiguous (`20181231 + 1` is no day), which spans do not need: an end
 * is the first number after the last day, and only real days are compared with it.
 */
export function dayNumber(day: string): number {
  return Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
}

/** True when `day` is a plain `YYYY-MM-DD` (a `Date` past year 9999 is not). */
export function isPlainDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day);
}

/** The number of the two digits at `at`, or -1. */
function twoDigits(date: string, at: number): number {
  const a = date.charCodeAt(at) - 48;
  const b = date.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `dayNumber(earliestDay(date))` (`last`: of `latestDay`), read from the characters: the build
 * reads a date of every record, and a lookup in a map of dates costs more than this. What is not a
 * real partial date goes to `earliestDay`, which refuses it as the projection does.
 */
function partialDayNumber(date: string, last: boolean): number {
  const length = date.length;
  if (length === 4 || length === 7 || length === 10) {
    const high = twoDigits(date, 0);
    const low = twoDigits(date, 2);
    const year = high * 100 + low;
    if (high >= 10 && low >= 0) {
      if (length === 4) return year * 10_000 + (last ? 1231 : 101);
      const month = date.charCodeAt(4) === 45 ? twoDigits(date, 5) : -1;
      if (month >= 1 && month <= 12) {
        if (length === 7) return year * 10_000 + month * 100 + (last ? daysInMonth(year, month) : 1);
        const day = date.charCodeAt(7) === 45 ? twoDigits(date, 8) : -1;
        if (day >= 1 && day <= daysInMonth(year, month)) return year * 10_000 + month * 100 + day;
      }
    }
  }
  return dayNumber(last ? latestDay(date) : earliestDay(date));
}

export const firstDayOf = (date: string) => partialDayNumber(date, false);
export const lastDayOf = (date: string) => partialDayNumber(date, true);

/** The key of a partial date in date order: its first day, then a less precise date first. */
export function dateKey(date: string): number {
  // 0, 1, 2 for a year, a month, a day
  return firstDayOf(date) * 4 + (date.length - 4) / 3;
}

/** `dateKey(date)`, or NaN for what it refuses (kept beside a record; a read asks `dateKey` again, which says why). */
export function dateKeyOrNaN(date: unknown): number {
  try {
    return dateKey(date as string);
  } catch {
    return Number.NaN;
  }
}

/**
 * A key kept beside a date (`dateKeyOrNaN`), or the date's refusal: what the state took in but
 * `dateKey` refuses is refused where the dates are sorted.
 */
export const keptKey = (key: number, date: string) => (key >= 0 ? key : dateKey(date));

/** Sorts by partial date as `comparePartialDates` does (first day, then a less precise date first), stable. */
export function sortByDate<T>(items: readonly T[], dateOf: (item: T) => string): T[] {
  return inKeyOrder(
    items,
    items.map((item) => dateKey(dateOf(item))),
  );
}

/** `items` in the order of a stable sort of their `keys`. */
export function inKeyOrder<T>(items: readonly T[], keys: readonly number[]): T[] {
  return Array.from(stableOrder(keys), (k) => items[k] as T);
}

/**
 * The places of `keys` in the order of a stable sort of them (by key, then place): the places
 * packed beside the keys in one typed array of numbers sorted as numbers, without a comparison
 * function (keys of `dateKey` and fewer than 2 ** 23 of them; else by comparison). The order is kept
 * for the next call: read it before calling again.
 */
export function stableOrder(keys: readonly number[]): Int32Array {
  const n = keys.length;
  const order = scratchPlaces(n);
  let sorted = true;
  for (let k = 1; k < n && sorted; k++) sorted = (keys[k - 1] as number) <= (keys[k] as number);
  if (sorted) {
    for (let k = 0; k < n; k++) order[k] = k;
    return order;
  }
  if (n >= ORDER) {
    for (let k = 0; k < n; k++) order[k] = k;
    return order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  }
  const packed = scratchNumbers(n);
  for (let k = 0; k < n; k++) packed[k] = (keys[k] as number) * ORDER + k;
  packed.sort();
  for (let k = 0; k < n; k++) {
    const key = packed[k] as number;
    // (exact: a power of two; `%` on a double is a call to fmod)
    order[k] = key - Math.floor(key * (1 / ORDER)) * ORDER;
  }
  return order;
}

/**
 * Typed arrays for the sorts above, kept from one call to the next (up to a million numbers): a
 * hub's first timeline then allocates no backing store outside the heap, which counts towards the
 * external memory that sets off a collection. A view of the first `n`, valid until the next call.
 */
let numbers = new Float64Array(0);
let places = new Int32Array(0);
const SCRATCH_MOST = 2 ** 20;
function scratchNumbers(n: number): Float64Array {
  if (n > SCRATCH_MOST) return new Float64Array(n);
  if (numbers.length < n) numbers = new Float64Array(Math.min(SCRATCH_MOST, Math.max(n, 2 * numbers.length)));
  return numbers.subarray(0, n);
}
function scratchPlaces(n: number): Int32Array {
  if (n > SCRATCH_MOST) return new Int32Array(n);
  if (places.length < n) places = new Int32Array(Math.min(SCRATCH_MOST, Math.max(n, 2 * places.length)));
  return places.subarray(0, n);
}

/** Places below it fit beside a date key in one exact number (see `stableOrder`). */
const ORDER = 2 ** 23;

export const isStart = (type: string) => type === 'signed' || type === 'revised' || type === 'renewed';

/** Flat, sorted, disjoint spans of one record (few of them: a plain array of bounds). */
export type Spans = readonly number[];
export const ALWAYS: Spans = [BEFORE_ALL, AFTER_ALL];
export const NEVER: Spans = [];

export function intersect(a: Spans, b: Spans): Spans {
  if (a === ALWAYS) return b;
  if (b === ALWAYS) return a;
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const start = Math.max(a[i] as number, b[j] as number);
    const end = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (start < end) out.push(start, end);
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  return out;
}

export function spansHave(spans: Spans, day: number): boolean {
  for (let k = 0; k < spans.length; k += 2)
    if ((spans[k] as number) <= day && day < (spans[k + 1] as number)) return true;
  return false;
}

export function sameSpans(a: Spans | undefined, b: Spans | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

// scratch of pushLinkSpans, reused link after link
let firsts = new Int32Array(64);
let counting = new Int32Array(64);
let changes = new Int32Array(64);
let starting = new Uint8Array(64);

/** Sorts the first `length` numbers of `array` (few: an insertion sort). */
function sortFew(array: Int32Array, length: number): void {
  if (length > 16) {
    array.subarray(0, length).sort();
    return;
  }
  for (let i = 1; i < length; i++) {
    const v = array[i] as number;
    let j = i - 1;
    while (j >= 0 && (array[j] as number) > v) {
      array[j + 1] = array[j] as number;
      j--;
    }
    array[j + 1] = v;
  }
}

/**
 * Appends the days on which `linkStatusOn(link, day) !== 'inactive'` to `out` (flat bounds). In
 * date order, each event counts from a day on (a start from its first day, an end from the day
 * after its last) and the last one counting sets the status: it is evaluated once on each of those
 * days, where it may change.
 */
export function pushLinkSpans(link: Link, out: number[]): void {
  const events = link.events;
  if (events.length === 0) {
    out.push(BEFORE_ALL, AFTER_ALL);
    return;
  }
  if (events.length === 1) {
    const e = events[0] as Link['events'][number];
    // a link known only to have ended was active until then
    if (isStart(e.type)) out.push(firstDayOf(e.date), AFTER_ALL);
    else out.push(BEFORE_ALL, lastDayOf(e.date) + 1);
    return;
  }
  const k = events.length;
  if (counting.length < k) {
    firsts = new Int32Array(k * 2);
    counting = new Int32Array(k * 2);
    changes = new Int32Array(k * 2);
    starting = new Uint8Array(k * 2);
  }
  // sortedEvents, without the copy when they are in date order already
  let ordered = true;
  for (let j = 0; j < k; j++) {
    firsts[j] = firstDayOf((events[j] as Link['events'][number]).date);
    if (j > 0 && ordered) {
      const a = firsts[j - 1] as number;
      const b = firsts[j] as number;
      ordered =
        a < b ||
        (a === b &&
          (events[j - 1] as Link['events'][number]).date.length <=
            (events[j] as Link['events'][number]).date.length);
    }
  }
  const sorted = ordered ? events : sortedEvents(events);
  let anyStart = false;
  for (let j = 0; j < k; j++) {
    const e = sorted[j] as Link['events'][number];
    const start = isStart(e.type);
    anyStart ||= start;
    starting[j] = start ? 1 : 0;
    counting[j] = start ? (ordered ? (firsts[j] as number) : firstDayOf(e.date)) : lastDayOf(e.date) + 1;
    changes[j] = counting[j] as number;
  }
  sortFew(changes, k);
  let open = anyStart ? undefined : BEFORE_ALL;
  for (let c = 0; c < k; c++) {
    const day = changes[c] as number;
    if (c > 0 && day === changes[c - 1]) continue;
    let active = !anyStart;
    for (let j = 0; j < k; j++) if ((counting[j] as number) <= day) active = starting[j] === 1;
    if (active && open === undefined) open = day;
    else if (!active && open !== undefined) {
      if (open < day) out.push(open, day);
      open = undefined;
    }
  }
  if (open !== undefined) out.push(open, AFTER_ALL);
}

/**
 * Room for `size` items and an eighth more: what the index builds has room for later writes, so
 * that the first ones do not copy arrays of every record (a copy of megabytes of typed arrays
 * makes V8 collect garbage for the external memory: a full collection of the heap at scale L).
 */
export function withRoom(size: number): number {
  return size + (size >> 3) + 16;
}

/** `array`, or a longer copy of it when it holds fewer than `size` items (doubling). */
export function room(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array as Int32Array<ArrayBuffer>;
  const grown = new Int32Array(Math.max(size, array.length * 2, 16));
  grown.set(array);
  return grown;
}

/** {@link room} for bytes (a function of its own: one shape of array each, which V8 inlines). */
export function roomForBytes(array: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  if (size <= array.length) return array as Uint8Array<ArrayBuffer>;
  const grown = new Uint8Array(Math.max(size, array.length * 2, 16));
  grown.set(array);
  return grown;
}

/**
 * The spans of records by slot, changed in place: the first span of slot i in `lo[i]`, `hi[i]`
 * (none when `lo[i] >= hi[i]`), the rare further ones in a map. Setting a slot tells its counts
 * which spans left and which came.
 */
export class SlotSpans {
  #lo = new Int32Array(16);
  #hi = new Int32Array(16);
  readonly #more = new Map<number, number[]>();

  /** Sets the spans of slot `i` to the first `length` bounds of `spans` (sorted, disjoint, none empty). */
  set(i: number, spans: ArrayLike<number>, length: number, counts?: Stabbing): void {
    if (counts !== undefined) this.#uncount(i, counts);
    this.#lo = room(this.#lo, i + 1);
    this.#hi = room(this.#hi, i + 1);
    if (length === 0) {
      this.#lo[i] = 0;
      this.#hi[i] = 0;
    } else {
      this.#lo[i] = spans[0] as number;
      this.#hi[i] = spans[1] as number;
    }
    if (length > 2) this.#more.set(i, Array.prototype.slice.call(spans, 2, length) as number[]);
    else if (this.#more.size > 0) this.#more.delete(i);
    if (counts !== undefined)
      for (let k = 0; k < length; k += 2) counts.add(spans[k] as number, spans[k + 1] as number);
  }

  /** Tells `counts` the spans of slot `i` leave. */
  #uncount(i: number, counts: Stabbing): void {
    if (i >= this.#lo.length || !((this.#lo[i] as number) < (this.#hi[i] as number))) return;
    this.forEach(i, (s, e) => counts.remove(s, e));
  }

  /** Sets slot `i` to one span (none if `start >= end`). */
  setOne(i: number, start: number, end: number, counts?: Stabbing): void {
    if (counts !== undefined) this.#uncount(i, counts);
    this.#lo = room(this.#lo, i + 1);
    this.#hi = room(this.#hi, i + 1);
    this.#lo[i] = start < end ? start : 0;
    this.#hi[i] = start < end ? end : 0;
    if (this.#more.size > 0) this.#more.delete(i);
    if (counts !== undefined && start < end) counts.add(start, end);
  }

  has(i: number, day: number): boolean {
    const lo = this.#lo[i] as number;
    const hi = this.#hi[i] as number;
    if (lo <= day && day < hi) return true;
    if (!(lo < hi) || this.#more.size === 0) return false;
    const more = this.#more.get(i);
    return more !== undefined && spansHave(more, day);
  }

  forEach(i: number, visit: (start: number, end: number) => void): void {
    const lo = this.#lo[i] as number;
    const hi = this.#hi[i] as number;
    // (a slot past the end has none)
    if (!(lo < hi)) return;
    visit(lo, hi);
    const more = this.#more.size === 0 ? undefined : this.#more.get(i);
    if (more !== undefined)
      for (let k = 0; k < more.length; k += 2) visit(more[k] as number, more[k + 1] as number);
  }

  /** The spans of slot `i`, flat. */
  of(i: number): number[] {
    const out: number[] = [];
    this.forEach(i, (s, e) => out.push(s, e));
    return out;
  }
}

/** How many of the first `length` numbers of `sorted` are ≤ day. */
function countUpTo(sorted: Int32Array, length: number, day: number): number {
  return partitionPoint(length, (i) => (sorted[i] as number) <= day);
}

/** Every other number of `pairs` from `from`, sorted. */
function sortedHalf(pairs: readonly number[], from: 0 | 1): Int32Array {
  const out = new Int32Array(pairs.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = pairs[2 * k + from] as number;
  return out.sort();
}

/** `removed` and `added` (both sorted) without the numbers they share (a slot set twice before a count). */
function cancelled(removed: Int32Array, added: Int32Array): [Int32Array, Int32Array] {
  if (removed.length === 0 || added.length === 0) return [removed, added];
  const keptRemoved: number[] = [];
  const keptAdded: number[] = [];
  let r = 0;
  let a = 0;
  while (r < removed.length || a < added.length) {
    const x = r < removed.length ? (removed[r] as number) : AFTER_ALL;
    const y = a < added.length ? (added[a] as number) : AFTER_ALL;
    if (r < removed.length && a < added.length && x === y) {
      r++;
      a++;
    } else if (a >= added.length || (r < removed.length && x < y)) {
      keptRemoved.push(x);
      r++;
    } else {
      keptAdded.push(y);
      a++;
    }
  }
  return [Int32Array.from(keptRemoved), Int32Array.from(keptAdded)];
}

/** Below this many numbers to add and remove, each goes in or out in place (a binary search and a move). */
const FEW = 64;

/**
 * A sorted multiset of numbers in the first `length` places of a typed array with room to grow:
 * changed in place when few numbers come and go, else merged in one pass.
 */
class SortedNumbers {
  numbers = new Int32Array(16);
  length = 0;

  /** Takes out `removedAll` and puts in `addedAll` (both sorted; every number removed is here). */
  change(removedAll: Int32Array, addedAll: Int32Array): void {
    const [removed, added] = cancelled(removedAll, addedAll);
    if (removed.length + added.length <= FEW) {
      for (const v of removed) {
        // the first place holding v
        const at = countUpTo(this.numbers, this.length, v - 1);
        this.numbers.copyWithin(at, at + 1, this.length);
        this.length--;
      }
      this.numbers = room(this.numbers, this.length + added.length);
      for (const v of added) {
        const at = countUpTo(this.numbers, this.length, v);
        this.numbers.copyWithin(at + 1, at, this.length);
        this.numbers[at] = v;
        this.length++;
      }
      return;
    }
    const base = this.numbers;
    const out = new Int32Array(withRoom(this.length - removed.length + added.length));
    let o = 0;
    let r = 0;
    let a = 0;
    for (let i = 0; i < this.length; i++) {
      const v = base[i] as number;
      if (r < removed.length && removed[r] === v) {
        r++;
        continue;
      }
      while (a < added.length && (added[a] as number) <= v) out[o++] = added[a++] as number;
      out[o++] = v;
    }
    while (a < added.length) out[o++] = added[a++] as number;
    this.numbers = out;
    this.length = o;
  }

  countUpTo(day: number): number {
    return countUpTo(this.numbers, this.length, day);
  }
}

/**
 * How many spans hold a day: those begun by then less those ended by then (a record's spans are
 * disjoint), by binary search in the sorted starts and ends. Spans added and removed are taken in
 * on the next count, all at once.
 */
export class Stabbing {
  readonly #starts = new SortedNumbers();
  readonly #ends = new SortedNumbers();
  #added: number[] = [];
  #removed: number[] = [];

  add(start: number, end: number): void {
    this.#added.push(start, end);
  }

  remove(start: number, end: number): void {
    this.#removed.push(start, end);
  }

  count(day: number): number {
    if (this.#added.length > 0 || this.#removed.length > 0) {
      this.#starts.change(sortedHalf(this.#removed, 0), sortedHalf(this.#added, 0));
      this.#ends.change(sortedHalf(this.#removed, 1), sortedHalf(this.#added, 1));
      this.#added = [];
      this.#removed = [];
    }
    return this.#starts.countUpTo(day) - this.#ends.countUpTo(day);
  }
}
