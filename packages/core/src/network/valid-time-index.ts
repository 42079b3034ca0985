import { type Collection, collections, type StoredRecord } from '../history/change.js';
import type { Id } from '../model/ids.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import { daysInMonth, earliestDay, latestDay } from '../time/partial-date.js';
import { referencesOf } from './references.js';
import type { NetworkState } from './state.js';
import { sortedEvents } from './valid-time.js';

/**
 * The valid-time index of a state: for every entity, link, engagement and other record, the days
 * on which it is in `projectAsOf(state, day)`, as half-open spans `[start, end)` of day numbers
 * (usually one span; a link suspended and renewed, or an engagement whose participants come and
 * go, has several). An `asOf` view filters the live state with it instead of building a
 * projection, and counts by binary search: the spans begun by a day less those ended by then.
 *
 * It is built for a version of the state on the first `asOf` that needs it, not kept up to date
 * write by write: one write can move many spans (an entity's new `since`, or a link that becomes
 * its first dated touch, moves the spans of all its links and engagements, and those of what
 * refers to them), and every such rule would have to be kept exactly as `projectAsOf` has it. A
 * build computes everything again, in passes over typed arrays, from what it read of the records,
 * and reads again only the records that changed since the last build (see `Reads`): reading the
 * records, spread over the heap, is what costs most.
 */

/** Before and after every day: the bounds of spans open at one end (they fit an Int32Array). */
const BEFORE_ALL = -2147483648;
const AFTER_ALL = 2147483647;

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

const firstDayOf = (date: string) => partialDayNumber(date, false);
const lastDayOf = (date: string) => partialDayNumber(date, true);

const isStart = (type: string) => type === 'signed' || type === 'revised' || type === 'renewed';

/** Spans of many records, one after the other in flat arrays: those of record i are bounds[2·offsets[i]…2·offsets[i+1]). */
class SpanList {
  offsets: Int32Array;
  bounds: Int32Array;
  #top = 0;
  #count = 0;

  constructor(records: number) {
    this.offsets = new Int32Array(records + 1);
    this.bounds = new Int32Array(Math.max(2, records * 2));
  }

  push(start: number, end: number): void {
    if (start >= end) return;
    if (this.#top * 2 + 2 > this.bounds.length) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    this.bounds[this.#top * 2] = start;
    this.bounds[this.#top * 2 + 1] = end;
    this.#top++;
  }

  /** Appends the spans of record `i` of another list. */
  copy(from: SpanList, i: number): void {
    for (let k = from.offsets[i] as number; k < (from.offsets[i + 1] as number); k++) {
      this.push(from.bounds[2 * k] as number, from.bounds[2 * k + 1] as number);
    }
  }

  /** Closes the spans of the next record. */
  next(): void {
    this.#count++;
    this.offsets[this.#count] = this.#top;
  }

  has(i: number, day: number): boolean {
    const b = this.bounds;
    for (let k = this.offsets[i] as number, end = this.offsets[i + 1] as number; k < end; k++) {
      if ((b[2 * k] as number) <= day && day < (b[2 * k + 1] as number)) return true;
    }
    return false;
  }

  /** The sorted starts and ends of all spans, for stabbing counts. */
  stabbing(): Stabbing {
    const n = this.#top;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      starts[k] = this.bounds[2 * k] as number;
      ends[k] = this.bounds[2 * k + 1] as number;
    }
    return new Stabbing(starts.sort(), ends.sort());
  }
}

/** How many of `sorted` are ≤ day. */
function countUpTo(sorted: Int32Array, day: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many spans hold a day: those begun by then less those ended by then (a record's spans are disjoint). */
class Stabbing {
  constructor(
    readonly starts: Int32Array,
    readonly ends: Int32Array,
  ) {}

  count(day: number): number {
    return countUpTo(this.starts, day) - countUpTo(this.ends, day);
  }
}

/** Flat, sorted, disjoint spans of one record beside the graph (few of them: a plain array). */
type Spans = readonly number[];
const ALWAYS: Spans = [BEFORE_ALL, AFTER_ALL];
const NEVER: Spans = [];

function intersect(a: Spans, b: Spans): Spans {
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

function spansHave(spans: Spans, day: number): boolean {
  for (let k = 0; k < spans.length; k += 2)
    if ((spans[k] as number) <= day && day < (spans[k + 1] as number)) return true;
  return false;
}

// scratch of the builds, reused record after record
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
 * Appends the days on which `linkStatusOn(link, day) !== 'inactive'` to `out`. In date order,
 * each event counts from a day on (a start from its first day, an end from the day after its last)
 * and the last one counting sets the status: it is evaluated once on each of those days, where it
 * may change.
 */
function pushLinkSpans(link: Link, out: SpanList): void {
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
      out.push(open, day);
      open = undefined;
    }
  }
  if (open !== undefined) out.push(open, AFTER_ALL);
}

/**
 * Records' places by id (links in graph order, engagements in the order recorded), made on the
 * first lookup. A build hands them on to the next one while no record before the last known place
 * was removed (updates keep places, additions come at the end): the next lookup then only adds the
 * new records.
 */
class Places {
  #known = new Map<Id, number>();
  #count = 0;

  /** The place of `id` among `records`, which begin with the records already known. */
  of(id: Id, records: readonly { readonly id: Id }[]): number | undefined {
    for (; this.#count < records.length; this.#count++) {
      this.#known.set((records[this.#count] as { id: Id }).id, this.#count);
    }
    const place = this.#known.get(id);
    return place !== undefined && place < records.length ? place : undefined;
  }

  /** These places if the records known are still at theirs (`kept`), else new ones. */
  handOn(kept: boolean): Places {
    return kept ? this : new Places();
  }
}

/**
 * Engagements sort by first day, then the less precise date first, then in the order recorded:
 * with fewer than this many, the three fit in one number (places in 23 bits).
 */
const ORDER_BITS = 2 ** 23;

/**
 * What a build read from the records, for the next build: a record that is the same (frozen)
 * object at the same place is not read again. Reading the records is most of a build's time (they
 * are spread over a large heap); what is computed from the reads is recomputed every time.
 */
interface Reads {
  /** Entities in graph order: their ids and records, their since and the day after their until. */
  readonly entityIds: readonly Id[];
  readonly entities: readonly Entity[];
  readonly since: Int32Array;
  readonly until: Int32Array;
  /** Links in graph order: their records, ends (positions of entities), first start, last event, and their spans by their events alone. */
  readonly links: readonly Link[];
  readonly linkEnds: Int32Array;
  readonly linkStart: Int32Array;
  readonly linkLastEvent: Int32Array;
  readonly linkActive: SpanList;
  /** Engagements in the order recorded: their records, first days, date precisions and participants (positions of entities). */
  readonly engagements: readonly Engagement[];
  readonly engagementDay: Int32Array;
  readonly precision: Uint8Array;
  readonly participantsAt: Int32Array;
  readonly participants: Int32Array;
  readonly linkPlaces: Places;
  readonly engagementPlaces: Places;
}

function readEntities(state: NetworkState, previous: Reads | undefined) {
  const g = state.graph;
  const n = g.order;
  const entityAt = new Map<Id, number>();
  const entityIds: Id[] = new Array(n);
  const entities: Entity[] = new Array(n);
  const since = new Int32Array(n);
  const until = new Int32Array(n);
  // positions stay valid while the earlier entities are still there in the same order
  let stable = previous !== undefined && previous.entityIds.length <= n;
  g.forEachNode((id, entity: Entity) => {
    const i = entityAt.size;
    entityAt.set(id, i);
    entityIds[i] = id;
    entities[i] = entity;
    if (previous !== undefined && i < previous.entityIds.length) {
      if (previous.entityIds[i] !== id) stable = false;
      else if (previous.entities[i] === entity) {
        since[i] = previous.since[i] as number;
        until[i] = previous.until[i] as number;
        return;
      }
    }
    since[i] = entity.since === undefined ? AFTER_ALL : firstDayOf(entity.since);
    until[i] = entity.until === undefined ? AFTER_ALL : lastDayOf(entity.until) + 1;
  });
  return { entityAt, entityIds, entities, since, until, stable };
}

function readLinks(state: NetworkState, entityAt: ReadonlyMap<Id, number>, previous: Reads | undefined) {
  const m = state.graph.size;
  const links: Link[] = new Array(m);
  const linkEnds = new Int32Array(m * 2);
  const linkStart = new Int32Array(m);
  const linkLastEvent = new Int32Array(m);
  const linkActive = new SpanList(m);
  let l = 0;
  // the links read before are still in their places (none removed), perhaps updated
  let kept = previous !== undefined && previous.links.length <= m;
  state.graph.forEachEdge((key, link, source, target) => {
    links[l] = link;
    const before = previous !== undefined && l < previous.links.length ? previous.links[l] : undefined;
    // (an unchanged link is the same object: its id is not read again)
    if (kept && before !== undefined && before !== link && before.id !== key) kept = false;
    if (previous !== undefined && before === link) {
      linkEnds[2 * l] = previous.linkEnds[2 * l] as number;
      linkEnds[2 * l + 1] = previous.linkEnds[2 * l + 1] as number;
      linkStart[l] = previous.linkStart[l] as number;
      linkLastEvent[l] = previous.linkLastEvent[l] as number;
      linkActive.copy(previous.linkActive, l);
    } else {
      linkEnds[2 * l] = entityAt.get(source) as number;
      linkEnds[2 * l + 1] = entityAt.get(target) as number;
      let start = AFTER_ALL;
      let last = BEFORE_ALL;
      for (const e of link.events) {
        const day = firstDayOf(e.date);
        if (day > last) last = day;
        if (day < start && isStart(e.type)) start = day;
      }
      linkStart[l] = start;
      linkLastEvent[l] = last;
      pushLinkSpans(link, linkActive);
    }
    linkActive.next();
    l++;
  });
  const linkPlaces = previous?.linkPlaces.handOn(kept) ?? new Places();
  return { links, linkEnds, linkStart, linkLastEvent, linkActive, linkPlaces };
}

function readEngagements(
  state: NetworkState,
  entityAt: ReadonlyMap<Id, number>,
  previous: Reads | undefined,
) {
  const engagements = [...((state.records.get('engagement')?.values() ?? []) as Iterable<Engagement>)];
  const count = engagements.length;
  const engagementDay = new Int32Array(count);
  const precision = new Uint8Array(count);
  const participantsAt = new Int32Array(count + 1);
  let participants = new Int32Array(Math.max(16, (previous?.participants.length ?? 0) + 64, count * 3));
  let top = 0;
  let kept = previous !== undefined && previous.engagements.length <= count;
  const room = (more: number) => {
    if (top + more <= participants.length) return;
    const grown = new Int32Array(Math.max(top + more, participants.length * 2));
    grown.set(participants);
    participants = grown;
  };
  for (let i = 0; i < count; i++) {
    const e = engagements[i] as Engagement;
    if (previous !== undefined && i < previous.engagements.length && previous.engagements[i] === e) {
      engagementDay[i] = previous.engagementDay[i] as number;
      precision[i] = previous.precision[i] as number;
      const from = previous.participantsAt[i] as number;
      const to = previous.participantsAt[i + 1] as number;
      room(to - from);
      for (let q = from; q < to; q++) participants[top++] = previous.participants[q] as number;
    } else {
      if (
        kept &&
        previous !== undefined &&
        i < previous.engagements.length &&
        previous.engagements[i]?.id !== e.id
      )
        kept = false;
      engagementDay[i] = firstDayOf(e.date);
      // 0, 1, 2 for a year, a month, a day
      precision[i] = (e.date.length - 4) / 3;
      room(e.participants.length);
      for (const p of e.participants) participants[top++] = entityAt.get(p.entity) as number;
    }
    participantsAt[i + 1] = top;
  }
  const engagementPlaces = previous?.engagementPlaces.handOn(kept) ?? new Places();
  return { engagements, engagementDay, precision, participantsAt, participants, engagementPlaces };
}

/** Where each entity begins: its since, or else its first dated touch (a link's start, an engagement); timeless if none. */
function entityStarts(reads: Reads): Int32Array {
  const { since, linkStart, linkEnds, engagementDay, participantsAt, participants } = reads;
  const n = since.length;
  const firstTouch = new Int32Array(n).fill(AFTER_ALL);
  for (let l = 0; l < linkStart.length; l++) {
    const start = linkStart[l] as number;
    const s = linkEnds[2 * l] as number;
    const t = linkEnds[2 * l + 1] as number;
    if (start < (firstTouch[s] as number)) firstTouch[s] = start;
    if (start < (firstTouch[t] as number)) firstTouch[t] = start;
  }
  for (let i = 0; i < engagementDay.length; i++) {
    const day = engagementDay[i] as number;
    for (let q = participantsAt[i] as number; q < (participantsAt[i + 1] as number); q++) {
      const at = participants[q] as number;
      if (day < (firstTouch[at] as number)) firstTouch[at] = day;
    }
  }
  const entityStart = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const start = since[i] !== AFTER_ALL ? (since[i] as number) : (firstTouch[i] as number);
    entityStart[i] = start === AFTER_ALL ? BEFORE_ALL : start;
  }
  return entityStart;
}

function entitySpans(entityStart: Int32Array, entityEnd: Int32Array): SpanList {
  const entities = new SpanList(entityStart.length);
  for (let i = 0; i < entityStart.length; i++) {
    entities.push(entityStart[i] as number, entityEnd[i] as number);
    entities.next();
  }
  return entities;
}

/** Links: while their events keep them in force and both ends are there. */
function linkSpans(reads: Reads, entityStart: Int32Array): SpanList {
  const { linkEnds, linkActive: active, until: entityEnd } = reads;
  const m = reads.links.length;
  const spans = new SpanList(m);
  for (let l = 0; l < m; l++) {
    const s = linkEnds[2 * l] as number;
    const t = linkEnds[2 * l + 1] as number;
    const from = Math.max(entityStart[s] as number, entityStart[t] as number);
    const to = Math.min(entityEnd[s] as number, entityEnd[t] as number);
    for (let k = active.offsets[l] as number; k < (active.offsets[l + 1] as number); k++) {
      spans.push(
        Math.max(from, active.bounds[2 * k] as number),
        Math.min(to, active.bounds[2 * k + 1] as number),
      );
    }
    spans.next();
  }
  return spans;
}

/** Engagements in date order (as places in the order recorded): by day, the less precise date first, then in the order recorded. */
function dateOrder(days: Int32Array, precision: Uint8Array): Int32Array {
  const count = days.length;
  const order = new Int32Array(count);
  if (count < ORDER_BITS) {
    // one number per engagement holds all three keys, and a typed array sorts numbers natively
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++)
      keys[i] = ((days[i] as number) * 4 + (precision[i] as number)) * ORDER_BITS + i;
    keys.sort();
    for (let k = 0; k < count; k++) order[k] = (keys[k] as number) % ORDER_BITS;
  } else {
    const sorted = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) =>
        (days[a] as number) - (days[b] as number) ||
        (precision[a] as number) - (precision[b] as number) ||
        a - b,
    );
    order.set(sorted);
  }
  return order;
}

/**
 * Engagements, in date order: from their day, while one of their participants is there (and
 * their programme, when `programme` is given: only if some programme can be absent).
 */
function engagementSpans(
  reads: Reads,
  order: Int32Array,
  entityStart: Int32Array,
  programme: ((e: Engagement) => Spans) | undefined,
) {
  const {
    engagements: all,
    engagementDay: recordedDay,
    participantsAt,
    participants,
    until: entityEnd,
  } = reads;
  const count = all.length;
  const byDay: Engagement[] = new Array(count);
  const dateOrderOf = new Int32Array(count);
  const days = new Int32Array(count);
  const engagements = new SpanList(count);
  const mayCut = new Uint8Array(count);
  let union = new Int32Array(16);
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const day = recordedDay[i] as number;
    const e = all[i] as Engagement;
    byDay[k] = e;
    dateOrderOf[i] = k;
    days[k] = day;
    const first = participantsAt[i] as number;
    const end = participantsAt[i + 1] as number;
    const also = programme?.(e) ?? ALWAYS;
    if (end - first === 1 && also === ALWAYS) {
      const p = participants[first] as number;
      engagements.push(Math.max(day, entityStart[p] as number), entityEnd[p] as number);
      engagements.next();
      continue;
    }
    // the union of the participants' days from the engagement's day, as sorted disjoint spans:
    // the spans by start (an insertion sort: there are few), then merged where they overlap
    let spanCount = 0;
    if (union.length < 2 * (end - first)) union = new Int32Array(4 * (end - first));
    for (let q = first; q < end; q++) {
      const p = participants[q] as number;
      const start = Math.max(day, entityStart[p] as number);
      const stop = entityEnd[p] as number;
      if (start >= stop) continue;
      let at = spanCount;
      while (at > 0 && (union[2 * at - 2] as number) > start) {
        union[2 * at] = union[2 * at - 2] as number;
        union[2 * at + 1] = union[2 * at - 1] as number;
        at--;
      }
      union[2 * at] = start;
      union[2 * at + 1] = stop;
      spanCount++;
    }
    let merged = 0;
    for (let u = 1; u < spanCount; u++) {
      if ((union[2 * u] as number) <= (union[2 * merged + 1] as number)) {
        union[2 * merged + 1] = Math.max(union[2 * merged + 1] as number, union[2 * u + 1] as number);
      } else {
        merged++;
        union[2 * merged] = union[2 * u] as number;
        union[2 * merged + 1] = union[2 * u + 1] as number;
      }
    }
    let spanEnd = spanCount === 0 ? 0 : 2 * (merged + 1);
    if (also !== ALWAYS) {
      const cut = intersect(Array.from(union.subarray(0, spanEnd)), also);
      if (union.length < cut.length) union = new Int32Array(cut.length * 2);
      union.set(cut);
      spanEnd = cut.length;
    }
    for (let u = 0; u < spanEnd; u += 2) engagements.push(union[u] as number, union[u + 1] as number);
    engagements.next();
    // cut on a day when a participant is absent
    for (let q = first; q < end && mayCut[k] === 0; q++) {
      const p = participants[q] as number;
      for (let u = 0; u < spanEnd; u += 2) {
        if (
          (union[u] as number) < (entityStart[p] as number) ||
          (union[u + 1] as number) > (entityEnd[p] as number)
        )
          mayCut[k] = 1;
      }
    }
  }
  return { byDay, dateOrderOf, days, engagements, mayCut };
}

/** Keys that objects list first, in numeric order (`'7'` before `'10'` before `'a'`). */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/** Records by entity, in flat arrays: those of entity e are items[at[e]…at[e + 1]), in increasing order. */
interface ByEntity {
  readonly at: Int32Array;
  readonly items: Int32Array;
}

/** Groups `count` items by the entity `entityOf(item)` gives (-1: none), keeping their order. */
function byEntity(entities: number, count: number, entityOf: (item: number) => number): ByEntity {
  const at = new Int32Array(entities + 1);
  for (let i = 0; i < count; i++) {
    const e = entityOf(i);
    if (e >= 0) at[e + 1] = (at[e + 1] as number) + 1;
  }
  for (let e = 0; e < entities; e++) at[e + 1] = (at[e + 1] as number) + (at[e] as number);
  const next = at.slice(0, entities);
  const items = new Int32Array(at[entities] as number);
  for (let i = 0; i < count; i++) {
    const e = entityOf(i);
    if (e < 0) continue;
    const k = next[e] as number;
    items[k] = i;
    next[e] = k + 1;
  }
  return { at, items };
}

export class ValidTimeIndex {
  /** The state version the index describes. */
  readonly version: number;
  /** Entities in graph order: position by id, and [start, end) (start ≥ end: never there). */
  readonly entityAt: ReadonlyMap<Id, number>;
  readonly entityStart: Int32Array;
  readonly entityEnd: Int32Array;
  /** Links in graph order (the order `forEachEdge` gives, and the projection keeps). */
  readonly links: SpanList;
  /** For each link, the first day of its last event: from then on no event is cut from it. */
  readonly linkLastEvent: Int32Array;
  /**
   * Engagements in date order, the order of `state.engagementsByDay()` (the projection adds them
   * in it), and their first days.
   */
  readonly engagementsByDay: readonly Engagement[];
  readonly engagementDay: Int32Array;
  readonly engagements: SpanList;
  /** 1 where a participant can be absent on a day the engagement is there (it is then cut). */
  readonly engagementMayCut: Uint8Array;
  /** Records of the other collections: their spans, by collection and id. */
  readonly others: ReadonlyMap<Collection, ReadonlyMap<Id, Spans>>;
  /** What was read from the records, for the next version's build. */
  readonly reads: Reads;
  readonly #counts: { entities: Stabbing; links: Stabbing; engagements: Stabbing };
  /** For each engagement in the order recorded, its place in date order. */
  readonly #dateOrderOf: Int32Array;
  /** Links into and out of each entity, and the engagements of each (places in the order recorded), made on first need. */
  #linksIn: ByEntity | undefined;
  #linksOut: ByEntity | undefined;
  #engagementsOf: ByEntity | undefined;
  #engagementOfEntry: Int32Array | undefined;

  /** `previous`: the index of an earlier version of the same state, whose reads can be reused. */
  constructor(state: NetworkState, previous?: ValidTimeIndex) {
    this.version = state.version;
    // each pass is a function of its own: V8 optimises a small hot loop on its own, where one
    // long function with many loops is compiled and thrown away again at each loop
    const read = readEntities(state, previous?.reads);
    // what was read about links and engagements names entities by position
    const earlier = read.stable ? previous?.reads : undefined;
    const links = readLinks(state, read.entityAt, earlier);
    const engaged = readEngagements(state, read.entityAt, earlier);
    this.reads = {
      entityIds: read.entityIds,
      entities: read.entities,
      since: read.since,
      until: read.until,
      ...links,
      ...engaged,
    };
    this.entityAt = read.entityAt;
    this.entityEnd = read.until;
    this.entityStart = entityStarts(this.reads);
    this.links = linkSpans(this.reads, this.entityStart);
    this.linkLastEvent = links.linkLastEvent;

    // other collections, in the order projectAsOf adds them: a record is there while all it refers
    // to is; what the projection has not added yet when it gets to the record (an engagement, a
    // record later in the order) counts as absent, as it does there
    const others = new Map<Collection, Map<Id, Spans>>();
    this.others = others;
    for (const collection of collections) {
      if (collection === 'entity' || collection === 'link' || collection === 'engagement') continue;
      const table = state.records.get(collection);
      if (!table) continue;
      const spansOf = new Map<Id, Spans>();
      others.set(collection, spansOf);
      for (const record of table.values()) spansOf.set(record.id, this.#referenceSpans(collection, record));
    }
    const programmes = others.get('programme');
    const programmesAlways = programmes === undefined || [...programmes.values()].every((s) => s === ALWAYS);

    const order = dateOrder(engaged.engagementDay, engaged.precision);
    const spans = engagementSpans(
      this.reads,
      order,
      this.entityStart,
      programmesAlways
        ? undefined
        : (e) => (e.programme === undefined ? ALWAYS : (programmes?.get(e.programme) ?? NEVER)),
    );
    this.engagementsByDay = spans.byDay;
    this.#dateOrderOf = spans.dateOrderOf;
    this.engagementDay = spans.days;
    this.engagements = spans.engagements;
    this.engagementMayCut = spans.mayCut;

    this.#counts = {
      entities: entitySpans(this.entityStart, this.entityEnd).stabbing(),
      links: this.links.stabbing(),
      engagements: this.engagements.stabbing(),
    };
  }

  /** The spans of a record beside the graph: the days on which all it refers to is there. */
  #referenceSpans(collection: Collection, record: StoredRecord): Spans {
    let spans = ALWAYS;
    for (const ref of referencesOf(collection, record)) {
      let of: Spans = NEVER;
      if (ref.collection === 'entity') {
        const i = this.entityAt.get(ref.id);
        if (i !== undefined) of = [this.entityStart[i] as number, this.entityEnd[i] as number];
      } else if (ref.collection === 'link') {
        const i = this.linkAt(ref.id);
        if (i !== undefined) {
          const found: number[] = [];
          const b = this.links.bounds;
          for (let k = this.links.offsets[i] as number; k < (this.links.offsets[i + 1] as number); k++)
            found.push(b[2 * k] as number, b[2 * k + 1] as number);
          of = found;
        }
      } else if (ref.collection !== 'engagement') of = this.others.get(ref.collection)?.get(ref.id) ?? NEVER;
      spans = intersect(spans, of);
      if (spans.length === 0) break;
    }
    return spans;
  }

  /** The position of a link in graph order (its spans' index). */
  linkAt(id: Id): number | undefined {
    return this.reads.linkPlaces.of(id, this.reads.links);
  }

  /** The position of an engagement in date order. */
  engagementAt(id: Id): number | undefined {
    const place = this.reads.engagementPlaces.of(id, this.reads.engagements);
    return place === undefined ? undefined : this.#dateOrderOf[place];
  }

  /**
   * Appends to `out` the positions of the links into (`incoming`) or out of entity `e` that are
   * there on `day`, in the order graphology lists them in the projection, a graph built by adding
   * the links in graph order: grouped by the entity at the other end, groups in the order of an
   * object's keys (array-index keys first, in numeric order, then by their first link there), and
   * the links of a group newest first (graphology prepends them).
   */
  linksAt(e: number, incoming: boolean, day: number, out: number[]): void {
    const { linkEnds, entityIds } = this.reads;
    const m = linkEnds.length / 2;
    if (incoming) this.#linksIn ??= byEntity(entityIds.length, m, (l) => linkEnds[2 * l + 1] as number);
    else this.#linksOut ??= byEntity(entityIds.length, m, (l) => linkEnds[2 * l] as number);
    const { at, items } = (incoming ? this.#linksIn : this.#linksOut) as ByEntity;
    const other = incoming ? 0 : 1;
    // the groups in the order of their first link there (items are in graph order)
    const groupOf = new Map<number, number>();
    const groups: { neighbor: number; rank: number; links: number[] }[] = [];
    let numeric = false;
    for (let k = at[e] as number; k < (at[e + 1] as number); k++) {
      const l = items[k] as number;
      if (!this.links.has(l, day)) continue;
      const neighbor = linkEnds[2 * l + other] as number;
      let g = groupOf.get(neighbor);
      if (g === undefined) {
        g = groups.length;
        groupOf.set(neighbor, g);
        const id = entityIds[neighbor] as Id;
        const index = isArrayIndex(id);
        numeric ||= index;
        groups.push({ neighbor, rank: index ? Number(id) - 2 ** 33 : groups.length, links: [] });
      }
      (groups[g] as { links: number[] }).links.push(l);
    }
    if (numeric) groups.sort((a, b) => a.rank - b.rank);
    for (const group of groups)
      for (let k = group.links.length - 1; k >= 0; k--) out.push(group.links[k] as number);
  }

  /** The positions (in date order, ascending) of the engagements entity `e` takes part in that are there on `day`. */
  engagementsAt(e: number, day: number): number[] {
    const { participants, participantsAt } = this.reads;
    if (this.#engagementsOf === undefined || this.#engagementOfEntry === undefined) {
      // the engagement of each participant entry, then the entries by entity
      const entries = participantsAt[participantsAt.length - 1] as number;
      const engagementOf = new Int32Array(entries);
      for (let i = 0; i + 1 < participantsAt.length; i++) {
        engagementOf.fill(i, participantsAt[i] as number, participantsAt[i + 1] as number);
      }
      this.#engagementsOf = byEntity(this.entityStart.length, entries, (q) => participants[q] as number);
      this.#engagementOfEntry = engagementOf;
    }
    const { at, items } = this.#engagementsOf;
    const engagementOf = this.#engagementOfEntry;
    const found: number[] = [];
    for (let k = at[e] as number; k < (at[e + 1] as number); k++) {
      const position = this.#dateOrderOf[engagementOf[items[k] as number] as number] as number;
      if (this.engagements.has(position, day)) found.push(position);
    }
    found.sort((a, b) => a - b);
    // an entity listed twice in one engagement
    return found.filter((p, k) => k === 0 || p !== found[k - 1]);
  }

  hasEntity(i: number, day: number): boolean {
    return (this.entityStart[i] as number) <= day && day < (this.entityEnd[i] as number);
  }

  hasOther(collection: Collection, id: Id, day: number): boolean {
    const spans = this.others.get(collection)?.get(id);
    return spans !== undefined && spansHave(spans, day);
  }

  /** How many entities, links and engagements `projectAsOf(state, day)` holds. */
  counts(day: number): { entities: number; links: number; engagements: number } {
    return {
      entities: this.#counts.entities.count(day),
      links: this.#counts.links.count(day),
      engagements: this.#counts.engagements.count(day),
    };
  }
}

const indexes = new WeakMap<NetworkState, ValidTimeIndex>();

/** The valid-time index of the state's current version, built on first need (from the last one's reads). */
export function validTimeIndex(state: NetworkState): ValidTimeIndex {
  const last = indexes.get(state);
  if (last?.version === state.version) return last;
  const index = new ValidTimeIndex(state, last);
  indexes.set(state, index);
  return index;
}
