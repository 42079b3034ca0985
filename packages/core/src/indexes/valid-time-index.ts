import { type Collection, collections, type Effect, type StoredRecord } from '../changes/change.js';
import { referencesOf } from '../changes/references.js';
import type { Id } from '../model/ids.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import type { NetworkState } from '../projection/state.js';
import { partitionPoint } from './sorted.js';
import {
  AFTER_ALL,
  ALWAYS,
  BEFORE_ALL,
  firstDayOf,
  intersect,
  isStart,
  lastDayOf,
  NEVER,
  pushLinkSpans,
  room,
  roomForBytes,
  SlotSpans,
  type Spans,
  Stabbing,
  sameSpans,
  spansHave,
  stableOrder,
  withRoom,
} from './valid-time-spans.js';

export { dayNumber, isPlainDay } from './valid-time-spans.js';

/**
 * The valid-time index of a state: for every entity, link, engagement and other record, the days
 * on which it is in `projectAsOf(state, day)`, as half-open spans `[start, end)` of day numbers
 * (usually one span; a link suspended and renewed, or an engagement whose participants come and
 * go, has several). An `asOf` view filters the live state with it instead of building a
 * projection, and counts by binary search: the spans begun by a day less those ended by then.
 *
 * It is built once, by the first `asOf` of a state, then kept up to date: the state tells it each
 * write (`noted`), and the next `asOf` takes them in (`validTimeIndex`), reading again only the
 * records written and working out again only the spans that may have moved with them. One write
 * can move many spans (an entity's new `since`, or a link that becomes its first dated touch,
 * moves the spans of its links and engagements, and of what refers to them); each rule is the
 * one `projectAsOf` has, applied to the records around the write (see `#takeIn`). After very many
 * writes the index is built again from the whole state instead.
 *
 * Records sit in slots, in the order of the state (entities and links in graph order, engagements
 * in the order recorded); a removed record leaves an empty slot, so that slots never move. The
 * engagements' date order is kept beside them (`byDay`).
 */

/** Bounds worked out for one record at a time, reused (set() copies them). */
const scratch: number[] = [];

/** One write the state has applied, as the index is told it. */
interface Noted {
  readonly type: Effect['type'];
  readonly collection: Collection;
  readonly id: Id;
}

/** Slots to read again or work out again, with the id of the record in each. */
type SlotIds = Map<number, Id>;

export class ValidTimeIndex {
  /** The state version the index describes. */
  version: number;

  /** Entities in graph order (slots): their records, and the span [start, end) of each (start ≥ end: never there). */
  readonly entityAt = new Map<Id, number>();
  readonly entityRecords: (Entity | undefined)[] = [];
  entityStart = new Int32Array(16);
  entityEnd = new Int32Array(16);
  /** Each entity's own since (AFTER_ALL: none) and the day after its until (AFTER_ALL: none). */
  #since = new Int32Array(16);
  #until = new Int32Array(16);

  /** Links in graph order (slots): their records, ends (entity slots), first start, spans. */
  readonly linkAt = new Map<Id, number>();
  readonly linkRecords: (Link | undefined)[] = [];
  #linkEnds = new Int32Array(32);
  #linkFirstStart = new Int32Array(16);
  /** For each link, the first day of its last event: from then on no event is cut from it. */
  linkLastEvent = new Int32Array(16);
  /** The days the link's events keep it in force, and the days it is there (both ends too). */
  readonly #linkActive = new SlotSpans();
  readonly links = new SlotSpans();

  /** Engagements in the order recorded (slots): records, first days, date precisions, participants, spans. */
  readonly engagementAt = new Map<Id, number>();
  readonly engagementRecords: (Engagement | undefined)[] = [];
  engagementDay = new Int32Array(16);
  #precision = new Uint8Array(16);
  /** The participants of slot i (entity slots): pool[participantsAt[i] … + participantCount[i]). */
  #participantsAt = new Int32Array(16);
  #participantCount = new Int32Array(16);
  #pool = new Int32Array(64);
  #poolTop = 0;
  readonly engagements = new SlotSpans();
  /** 1 where a participant can be absent on a day the engagement is there (it is then cut). */
  engagementMayCut = new Uint8Array(16);
  /** The engagements' slots in date order, and their first days (sorted), in the first `#orderLength` places. */
  #order: Int32Array = new Int32Array(16);
  #orderDays: Int32Array = new Int32Array(16);
  #orderLength = 0;

  /**
   * For each entity slot, the slots of the links into it and out of it, ascending, and of the
   * engagements it takes part in, in date order (`compareDates`) (undefined: none): the reads at
   * one entity walk these instead of the live graph and its reverse references (a string lookup
   * per link or engagement), and they are kept up to date by each write, not built again. The
   * engagements in date order spare each `asOf(…).timeline` of a hub a sort of thousands.
   */
  readonly #linksIn: (number[] | undefined)[] = [];
  readonly #linksOut: (number[] | undefined)[] = [];
  readonly #engagementsOf: (number[] | undefined)[] = [];
  /** Scratch of the reads at one entity, by entity slot: a mark of the current read. */
  #marks = new Int32Array(16);
  #mark = 0;

  /** Records of the other collections: their spans, by collection and id. */
  others = new Map<Collection, Map<Id, Spans>>();

  readonly #counts = { entities: new Stabbing(), links: new Stabbing(), engagements: new Stabbing() };
  /** Writes noted since `version`, or undefined when too many were to take in one by one. */
  #noted: Noted[] | undefined = [];

  constructor(state: NetworkState) {
    this.version = state.version;
    // room for every record at once (reading them only fills it)
    const n = state.graph.order;
    const m = state.graph.size;
    const count = state.records.get('engagement')?.size ?? 0;
    this.#since = new Int32Array(withRoom(n));
    this.#until = new Int32Array(withRoom(n));
    this.#linkEnds = new Int32Array(2 * withRoom(m));
    this.#linkFirstStart = new Int32Array(withRoom(m));
    this.linkLastEvent = new Int32Array(withRoom(m));
    this.engagementDay = new Int32Array(withRoom(count));
    this.#precision = new Uint8Array(withRoom(count));
    this.#participantsAt = new Int32Array(withRoom(count));
    this.#participantCount = new Int32Array(withRoom(count));
    this.engagementMayCut = new Uint8Array(withRoom(count));
    this.#pool = new Int32Array(3 * withRoom(count));
    state.graph.forEachNode((id, entity) => {
      const slot = this.entityRecords.length;
      this.entityAt.set(id, slot);
      this.entityRecords.push(undefined);
      this.#readEntity(slot, entity);
    });
    state.graph.forEachEdge((id, link) => {
      const slot = this.linkRecords.length;
      this.linkAt.set(id, slot);
      this.linkRecords.push(undefined);
      this.#readLink(slot, link);
      // slots ascend: each list stays sorted
      pushTo(this.#linksOut, this.#linkEnds[2 * slot] as number, slot);
      pushTo(this.#linksIn, this.#linkEnds[2 * slot + 1] as number, slot);
    });
    for (const record of state.records.get('engagement')?.values() ?? []) {
      const slot = this.engagementRecords.length;
      this.engagementAt.set(record.id, slot);
      this.engagementRecords.push(undefined);
      this.#readEngagement(slot, record as Engagement);
    }
    this.#buildDateOrder();
    // in date order, each list is built by pushes
    for (let k = 0; k < this.#orderLength; k++) {
      const slot = this.#order[k] as number;
      const from = this.#participantsAt[slot] as number;
      for (let q = from; q < from + (this.#participantCount[slot] as number); q++) {
        const list = this.#engagementsOf[this.#pool[q] as number];
        // (once, should a participant be named twice)
        if (list === undefined || list[list.length - 1] !== slot)
          pushTo(this.#engagementsOf, this.#pool[q] as number, slot);
      }
    }
    this.#buildEntitySpans();
    for (let l = 0; l < this.linkRecords.length; l++) this.#linkSpans(l);
    this.#othersSpans(state);
    for (let s = 0; s < this.engagementRecords.length; s++) this.#engagementSpans(s);
  }

  // ── reading records ───────────────────────────────────────────────────────────────────────────

  #readEntity(slot: number, entity: Entity): void {
    this.entityRecords[slot] = entity;
    this.#since = room(this.#since, slot + 1);
    this.#until = room(this.#until, slot + 1);
    this.#since[slot] = entity.since === undefined ? AFTER_ALL : firstDayOf(entity.since);
    this.#until[slot] = entity.until === undefined ? AFTER_ALL : lastDayOf(entity.until) + 1;
  }

  /** Reads a link; true when its first start moved (its ends may begin on another day). */
  #readLink(slot: number, link: Link): boolean {
    this.linkRecords[slot] = link;
    this.#linkEnds = room(this.#linkEnds, 2 * slot + 2);
    this.#linkFirstStart = room(this.#linkFirstStart, slot + 1);
    this.linkLastEvent = room(this.linkLastEvent, slot + 1);
    this.#linkEnds[2 * slot] = this.entityAt.get(link.source) as number;
    this.#linkEnds[2 * slot + 1] = this.entityAt.get(link.target) as number;
    let start = AFTER_ALL;
    let last = BEFORE_ALL;
    for (const e of link.events) {
      const day = firstDayOf(e.date);
      if (day > last) last = day;
      if (day < start && isStart(e.type)) start = day;
    }
    const moved = this.#linkFirstStart[slot] !== start;
    this.#linkFirstStart[slot] = start;
    this.linkLastEvent[slot] = last;
    scratch.length = 0;
    pushLinkSpans(link, scratch);
    this.#linkActive.set(slot, scratch, scratch.length);
    return moved;
  }

  #readEngagement(slot: number, e: Engagement): void {
    this.engagementRecords[slot] = e;
    this.engagementDay = room(this.engagementDay, slot + 1);
    this.#precision = roomForBytes(this.#precision, slot + 1);
    this.#participantsAt = room(this.#participantsAt, slot + 1);
    this.#participantCount = room(this.#participantCount, slot + 1);
    this.engagementMayCut = roomForBytes(this.engagementMayCut, slot + 1);
    this.engagementDay[slot] = firstDayOf(e.date);
    // 0, 1, 2 for a year, a month, a day
    this.#precision[slot] = (e.date.length - 4) / 3;
    // an engagement read again takes new room in the pool (the old is left: a build starts afresh)
    this.#pool = room(this.#pool, this.#poolTop + e.participants.length);
    this.#participantsAt[slot] = this.#poolTop;
    this.#participantCount[slot] = e.participants.length;
    for (const p of e.participants) this.#pool[this.#poolTop++] = this.entityAt.get(p.entity) as number;
  }

  /** Adds engagement `slot` to the lists of its participants, at its place in date order. */
  #listEngagement(slot: number): void {
    const from = this.#participantsAt[slot] as number;
    for (let q = from; q < from + (this.#participantCount[slot] as number); q++) {
      const at = this.#pool[q] as number;
      const list = this.#engagementsOf[at];
      if (list === undefined) this.#engagementsOf[at] = [slot];
      else {
        const place = this.#placeInDateOrder(list, slot);
        if (list[place] !== slot) list.splice(place, 0, slot);
      }
    }
  }

  /** Takes engagement `slot` (its date as last read) out of the list of entity slot `at`. */
  #unlistEngagement(at: number, slot: number): void {
    const list = this.#engagementsOf[at];
    if (list === undefined) return;
    let place = this.#placeInDateOrder(list, slot);
    // (should its date have been read again since, it is looked for)
    if (list[place] !== slot) place = list.indexOf(slot);
    if (place >= 0) list.splice(place, 1);
  }

  /** Where engagement `slot` is, or would go, in a list in date order. */
  #placeInDateOrder(list: ArrayLike<number>, slot: number): number {
    return partitionPoint(list.length, (i) => this.compareDates(list[i] as number, slot) < 0);
  }

  // ── spans ─────────────────────────────────────────────────────────────────────────────────────

  /** Where each entity begins: its since, or else its first dated touch (a link's start, an engagement); timeless if none. */
  #buildEntitySpans(): void {
    const n = this.entityRecords.length;
    const firstTouch = new Int32Array(n).fill(AFTER_ALL);
    const ends = this.#linkEnds;
    for (let l = 0; l < this.linkRecords.length; l++) {
      const start = this.#linkFirstStart[l] as number;
      const s = ends[2 * l] as number;
      const t = ends[2 * l + 1] as number;
      if (start < (firstTouch[s] as number)) firstTouch[s] = start;
      if (start < (firstTouch[t] as number)) firstTouch[t] = start;
    }
    for (let i = 0; i < this.engagementRecords.length; i++) {
      const day = this.engagementDay[i] as number;
      const from = this.#participantsAt[i] as number;
      for (let q = from; q < from + (this.#participantCount[i] as number); q++) {
        const at = this.#pool[q] as number;
        if (day < (firstTouch[at] as number)) firstTouch[at] = day;
      }
    }
    this.entityStart = new Int32Array(withRoom(n));
    this.entityEnd = new Int32Array(withRoom(n));
    for (let i = 0; i < n; i++) this.#setEntitySpan(i, firstTouch[i] as number);
  }

  /** Sets the span of entity `slot` from its since, or else `firstTouch`; true when it moved. */
  #setEntitySpan(slot: number, firstTouch: number): boolean {
    const since = this.#since[slot] as number;
    const touch = since !== AFTER_ALL ? since : firstTouch;
    const start = touch === AFTER_ALL ? BEFORE_ALL : touch;
    const end = this.#until[slot] as number;
    this.entityStart = room(this.entityStart, slot + 1);
    this.entityEnd = room(this.entityEnd, slot + 1);
    const oldStart = this.entityStart[slot] as number;
    const oldEnd = this.entityEnd[slot] as number;
    if (oldStart === start && oldEnd === end) return false;
    if (oldStart < oldEnd) this.#counts.entities.remove(oldStart, oldEnd);
    if (start < end) this.#counts.entities.add(start, end);
    this.entityStart[slot] = start;
    this.entityEnd[slot] = end;
    return true;
  }

  /** An empty slot: never there. */
  #clearEntity(slot: number): void {
    this.entityRecords[slot] = undefined;
    this.#linksIn[slot] = undefined;
    this.#linksOut[slot] = undefined;
    this.#engagementsOf[slot] = undefined;
    this.#since[slot] = AFTER_ALL;
    this.#until[slot] = BEFORE_ALL;
    this.#setEntitySpan(slot, AFTER_ALL);
  }

  /** The first dated touch of entity slot `e` now: the first start of its links, its first engagement. */
  #firstTouch(e: number): number {
    let first = AFTER_ALL;
    for (const list of [this.#linksIn[e], this.#linksOut[e]]) {
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const start = this.#linkFirstStart[list[k] as number] as number;
        if (start < first) first = start;
      }
    }
    const engagements = this.#engagementsOf[e];
    if (engagements !== undefined)
      for (let k = 0; k < engagements.length; k++) {
        const day = this.engagementDay[engagements[k] as number] as number;
        if (day < first) first = day;
      }
    return first;
  }

  /** Links: while their events keep them in force and both ends are there. True when they moved. */
  #linkSpans(l: number): boolean {
    const before = this.links.of(l);
    const spans: number[] = [];
    if (this.linkRecords[l] !== undefined) {
      const s = this.#linkEnds[2 * l] as number;
      const t = this.#linkEnds[2 * l + 1] as number;
      const from = Math.max(this.entityStart[s] as number, this.entityStart[t] as number);
      const to = Math.min(this.entityEnd[s] as number, this.entityEnd[t] as number);
      this.#linkActive.forEach(l, (start, end) => {
        const a = Math.max(from, start);
        const b = Math.min(to, end);
        if (a < b) spans.push(a, b);
      });
    }
    if (sameSpans(before, spans)) return false;
    this.links.set(l, spans, spans.length, this.#counts.links);
    return true;
  }

  /**
   * Other collections, in the order projectAsOf adds them: a record is there while all it refers
   * to is; what the projection has not added yet when it gets to the record (an engagement, a
   * record later in the order) counts as absent, as it does there. Returns the programmes whose
   * spans moved.
   */
  #othersSpans(state: NetworkState): Id[] {
    const before = this.others;
    this.others = new Map();
    const moved: Id[] = [];
    for (const collection of collections) {
      if (collection === 'entity' || collection === 'link' || collection === 'engagement') continue;
      const table = state.records.get(collection);
      if (!table) continue;
      const spansOf = new Map<Id, Spans>();
      this.others.set(collection, spansOf);
      for (const record of table.values()) {
        const spans = this.#referenceSpans(collection, record);
        spansOf.set(record.id, spans);
        if (collection === 'programme' && !sameSpans(before.get(collection)?.get(record.id), spans))
          moved.push(record.id);
      }
    }
    return moved;
  }

  /** The spans of a record beside the graph: the days on which all it refers to is there. */
  #referenceSpans(collection: Collection, record: StoredRecord): Spans {
    let spans = ALWAYS;
    for (const ref of referencesOf(collection, record)) {
      let of: Spans = NEVER;
      if (ref.collection === 'entity') {
        const i = this.entityAt.get(ref.id);
        if (i !== undefined && (this.entityStart[i] as number) < (this.entityEnd[i] as number))
          of = [this.entityStart[i] as number, this.entityEnd[i] as number];
      } else if (ref.collection === 'link') {
        const i = this.linkAt.get(ref.id);
        if (i !== undefined) of = this.links.of(i);
      } else if (ref.collection !== 'engagement') of = this.others.get(ref.collection)?.get(ref.id) ?? NEVER;
      spans = intersect(spans, of);
      if (spans.length === 0) break;
    }
    return spans;
  }

  /**
   * Engagements: from their day, while one of their participants is there (and their programme).
   * The union of the participants' days as sorted disjoint spans: the spans by start (an insertion
   * sort: there are few), then merged where they overlap.
   */
  #engagementSpans(slot: number): void {
    const e = this.engagementRecords[slot];
    if (e === undefined) {
      this.engagements.set(slot, NEVER, 0, this.#counts.engagements);
      return;
    }
    const day = this.engagementDay[slot] as number;
    const first = this.#participantsAt[slot] as number;
    const end = first + (this.#participantCount[slot] as number);
    const also =
      e.programme === undefined ? ALWAYS : (this.others.get('programme')?.get(e.programme) ?? NEVER);
    const { entityStart, entityEnd } = this;
    if (end - first === 1 && also === ALWAYS) {
      const p = this.#pool[first] as number;
      this.engagements.setOne(
        slot,
        Math.max(day, entityStart[p] as number),
        entityEnd[p] as number,
        this.#counts.engagements,
      );
      this.engagementMayCut[slot] = 0;
      return;
    }
    const union = scratch;
    union.length = 0;
    for (let q = first; q < end; q++) {
      const p = this.#pool[q] as number;
      const start = Math.max(day, entityStart[p] as number);
      const stop = entityEnd[p] as number;
      if (start >= stop) continue;
      let at = union.length;
      union.push(0, 0);
      while (at > 0 && (union[at - 2] as number) > start) {
        union[at] = union[at - 2] as number;
        union[at + 1] = union[at - 1] as number;
        at -= 2;
      }
      union[at] = start;
      union[at + 1] = stop;
    }
    let merged = 0;
    for (let u = 2; u < union.length; u += 2) {
      if ((union[u] as number) <= (union[merged + 1] as number)) {
        union[merged + 1] = Math.max(union[merged + 1] as number, union[u + 1] as number);
      } else {
        merged += 2;
        union[merged] = union[u] as number;
        union[merged + 1] = union[u + 1] as number;
      }
    }
    union.length = union.length === 0 ? 0 : merged + 2;
    const spans = also === ALWAYS ? union : intersect(union, also);
    this.engagements.set(slot, spans, spans.length, this.#counts.engagements);
    // cut on a day when a participant is absent
    let mayCut = 0;
    for (let q = first; q < end && mayCut === 0; q++) {
      const p = this.#pool[q] as number;
      for (let u = 0; u < spans.length; u += 2) {
        if (
          (spans[u] as number) < (entityStart[p] as number) ||
          (spans[u + 1] as number) > (entityEnd[p] as number)
        )
          mayCut = 1;
      }
    }
    this.engagementMayCut[slot] = mayCut;
  }

  /** The key of engagement `slot`'s date in date order (`dateKey` of its date). */
  engagementDateKey(slot: number): number {
    return (this.engagementDay[slot] as number) * 4 + (this.#precision[slot] as number);
  }

  /** Compares two engagement slots in date order. */
  compareDates = (a: number, b: number): number =>
    (this.engagementDay[a] as number) - (this.engagementDay[b] as number) ||
    (this.#precision[a] as number) - (this.#precision[b] as number) ||
    a - b;

  /** Engagement slots in date order: by day, the less precise date first, then in the order recorded. */
  #sortByDate(slots: Int32Array): Int32Array {
    // (in the order recorded first: the sort keeps it among equal dates)
    slots.sort();
    return Int32Array.from(
      stableOrder(Array.from(slots, (s) => this.engagementDateKey(s))),
      (k) => slots[k] as number,
    );
  }

  #setDateOrder(order: Int32Array): void {
    this.#order = new Int32Array(withRoom(order.length));
    this.#order.set(order);
    this.#orderLength = order.length;
    this.#orderDays = new Int32Array(withRoom(order.length));
    for (let k = 0; k < order.length; k++)
      this.#orderDays[k] = this.engagementDay[order[k] as number] as number;
  }

  #buildDateOrder(): void {
    const slots = new Int32Array(this.engagementRecords.length);
    for (let s = 0; s < slots.length; s++) slots[s] = s;
    this.#setDateOrder(this.#sortByDate(slots));
  }

  /** Takes `leaving` out of the date order and puts `entering` in: in place when few, else in one pass. */
  #patchDateOrder(leaving: ReadonlySet<number>, entering: number[]): void {
    if (leaving.size === 0 && entering.length === 0) return;
    const old = this.#order.subarray(0, this.#orderLength);
    if (leaving.size + entering.length > 64) {
      const coming = this.#sortByDate(Int32Array.from(entering));
      let kept = 0;
      for (let k = 0; k < old.length; k++) if (!leaving.has(old[k] as number)) kept++;
      const order = new Int32Array(kept + coming.length);
      let o = 0;
      let c = 0;
      for (let k = 0; k < old.length; k++) {
        const slot = old[k] as number;
        if (leaving.has(slot)) continue;
        while (c < coming.length && this.compareDates(coming[c] as number, slot) < 0)
          order[o++] = coming[c++] as number;
        order[o++] = slot;
      }
      while (c < coming.length) order[o++] = coming[c++] as number;
      this.#setDateOrder(order);
      return;
    }
    // few: each out and in by a move of what follows it (the keys of those leaving may have
    // changed already: they are looked for)
    for (const slot of leaving) {
      const at = old.indexOf(slot, 0);
      this.#order.copyWithin(at, at + 1, this.#orderLength);
      this.#orderDays.copyWithin(at, at + 1, this.#orderLength);
      this.#orderLength--;
    }
    this.#order = room(this.#order, this.#orderLength + entering.length);
    this.#orderDays = room(this.#orderDays, this.#orderLength + entering.length);
    for (const slot of entering) {
      const at = this.#placeInDateOrder(this.byDay, slot);
      this.#order.copyWithin(at + 1, at, this.#orderLength);
      this.#orderDays.copyWithin(at + 1, at, this.#orderLength);
      this.#order[at] = slot;
      this.#orderDays[at] = this.engagementDay[slot] as number;
      this.#orderLength++;
    }
  }

  // ── writes ────────────────────────────────────────────────────────────────────────────────────

  /** Notes a write the state has applied; the next `validTimeIndex` takes it in. */
  noted(type: Effect['type'], collection: Collection, id: Id): void {
    if (this.#noted === undefined) return;
    this.#noted.push({ type, collection, id });
    // past this many, building afresh costs less than taking each in
    const records = this.entityRecords.length + this.linkRecords.length + this.engagementRecords.length;
    if (this.#noted.length > 1000 + records / 8) this.#noted = undefined;
  }

  /** Takes in the writes noted since the index's version; false when it must be built afresh. */
  catchUp(state: NetworkState): boolean {
    if (this.version === state.version) return true;
    if (this.#noted === undefined) return false;
    this.#takeIn(state, this.#noted);
    this.#noted = [];
    this.version = state.version;
    return true;
  }

  /**
   * The writes in the order made: new records take new slots, removed ones leave theirs empty;
   * then the records written are read again, and the spans worked out again where they may move:
   * entities whose first touch may have moved, the links and engagements of entities that moved,
   * the records beside the graph, the engagements of programmes that moved.
   */
  #takeIn(state: NetworkState, noted: readonly Noted[]): void {
    const entities: SlotIds = new Map();
    const links: SlotIds = new Map();
    const engagements: SlotIds = new Map();
    /** Entities whose first touch may have moved either way, and those touched only by new records (on which day at the earliest). */
    const touched: SlotIds = new Map();
    const lowered = new Map<number, number>();
    const lower = (slot: number, day: number) => {
      if (day < (lowered.get(slot) ?? AFTER_ALL)) lowered.set(slot, day);
    };
    const leaving = new Set<number>();
    let othersWritten = false;
    const touchParticipants = (slot: number) => {
      const from = this.#participantsAt[slot] as number;
      for (let q = from; q < from + (this.#participantCount[slot] as number); q++) {
        const p = this.#pool[q] as number;
        this.#unlistEngagement(p, slot);
        const entity = this.entityRecords[p];
        if (entity !== undefined) touched.set(p, entity.id);
      }
      this.#participantCount[slot] = 0;
    };
    for (const { type, collection, id } of noted) {
      if (collection === 'entity') {
        if (type === 'create') {
          const slot = this.entityRecords.length;
          this.entityRecords.push(undefined);
          this.#since = room(this.#since, slot + 1);
          this.#until = room(this.#until, slot + 1);
          this.#clearEntity(slot);
          this.entityAt.set(id, slot);
          entities.set(slot, id);
        } else {
          const slot = this.entityAt.get(id) as number;
          if (type === 'update') entities.set(slot, id);
          else {
            // nothing refers to a removed entity (the state refuses it)
            this.entityAt.delete(id);
            entities.delete(slot);
            touched.delete(slot);
            this.#clearEntity(slot);
          }
        }
      } else if (collection === 'link') {
        if (type === 'create') {
          const slot = this.linkRecords.length;
          this.linkRecords.push(undefined);
          this.linkAt.set(id, slot);
          this.#linkFirstStart = room(this.#linkFirstStart, slot + 1);
          this.#linkFirstStart[slot] = AFTER_ALL;
          links.set(slot, id);
        } else {
          const slot = this.linkAt.get(id) as number;
          if (type === 'update') links.set(slot, id);
          else {
            const link = this.linkRecords[slot];
            if (link !== undefined) {
              touched.set(this.#linkEnds[2 * slot] as number, link.source);
              touched.set(this.#linkEnds[2 * slot + 1] as number, link.target);
              removeFrom(this.#linksOut, this.#linkEnds[2 * slot] as number, slot);
              removeFrom(this.#linksIn, this.#linkEnds[2 * slot + 1] as number, slot);
            }
            this.linkAt.delete(id);
            this.linkRecords[slot] = undefined;
            this.#linkFirstStart[slot] = AFTER_ALL;
            links.set(slot, id);
          }
        }
      } else if (collection === 'engagement') {
        if (type === 'create') {
          const slot = this.engagementRecords.length;
          this.engagementRecords.push(undefined);
          this.engagementAt.set(id, slot);
          this.#participantCount = room(this.#participantCount, slot + 1);
          this.#participantCount[slot] = 0;
          engagements.set(slot, id);
        } else {
          const slot = this.engagementAt.get(id) as number;
          if (type === 'update') engagements.set(slot, id);
          else {
            if (this.engagementRecords[slot] !== undefined) leaving.add(slot);
            touchParticipants(slot);
            this.engagementAt.delete(id);
            this.engagementRecords[slot] = undefined;
            engagements.set(slot, id);
          }
        }
      } else othersWritten = true;
    }

    // read again what was written and is still there
    for (const [slot, id] of entities) {
      this.#readEntity(slot, state.graph.getNodeAttributes(id));
      touched.set(slot, id);
    }
    for (const [slot, id] of links) {
      if (this.linkAt.get(id) !== slot) continue;
      const link = state.graph.getEdgeAttributes(id);
      const fresh = this.linkRecords[slot] === undefined;
      const moved = this.#readLink(slot, link);
      const s = this.#linkEnds[2 * slot] as number;
      const t = this.#linkEnds[2 * slot + 1] as number;
      if (fresh) {
        insertInto(this.#linksOut, s, slot);
        insertInto(this.#linksIn, t, slot);
      }
      if (!moved) continue;
      if (fresh) {
        lower(s, this.#linkFirstStart[slot] as number);
        lower(t, this.#linkFirstStart[slot] as number);
      } else {
        touched.set(s, link.source);
        touched.set(t, link.target);
      }
    }
    const entering: number[] = [];
    for (const [slot, id] of engagements) {
      if (this.engagementAt.get(id) !== slot) continue;
      const was = this.engagementRecords[slot];
      const day = this.engagementDay[slot];
      const precision = this.#precision[slot];
      if (was !== undefined) touchParticipants(slot);
      const e = state.records.get('engagement')?.get(id) as Engagement;
      this.#readEngagement(slot, e);
      this.#listEngagement(slot);
      for (const p of e.participants) {
        const at = this.entityAt.get(p.entity) as number;
        if (was === undefined) lower(at, this.engagementDay[slot] as number);
        else touched.set(at, p.entity);
      }
      if (was === undefined || day !== this.engagementDay[slot] || precision !== this.#precision[slot]) {
        if (was !== undefined) leaving.add(slot);
        entering.push(slot);
      }
    }

    // entities that moved, and the links and engagements at them
    const movedEntities: number[] = [];
    for (const [slot, id] of touched) {
      if (this.entityAt.get(id) !== slot) continue;
      // an entity's own since is its start: what touches it does not count
      const touch = this.#since[slot] !== AFTER_ALL ? AFTER_ALL : this.#firstTouch(slot);
      if (this.#setEntitySpan(slot, touch)) movedEntities.push(slot);
    }
    for (const [slot, day] of lowered) {
      const entity = this.entityRecords[slot];
      if (touched.has(slot) || entity === undefined || this.#since[slot] !== AFTER_ALL) continue;
      // the first touch so far is the start, unless the entity was timeless
      const start = this.entityStart[slot] as number;
      const touch = Math.min(start === BEFORE_ALL ? AFTER_ALL : start, day);
      if (this.#setEntitySpan(slot, touch)) movedEntities.push(slot);
    }
    const linkSlots = new Set<number>(links.keys());
    const engagementSlots = new Set<number>(engagements.keys());
    for (const slot of movedEntities) {
      for (const l of this.#linksIn[slot] ?? []) linkSlots.add(l);
      for (const l of this.#linksOut[slot] ?? []) linkSlots.add(l);
      for (const e of this.#engagementsOf[slot] ?? []) engagementSlots.add(e);
      const id = (this.entityRecords[slot] as Entity).id;
      if (referredBesideTheGraph(state, 'entity', id)) othersWritten = true;
    }
    for (const l of linkSlots) {
      const record = this.linkRecords[l];
      if (this.#linkSpans(l) && record !== undefined && referredBesideTheGraph(state, 'link', record.id))
        othersWritten = true;
    }
    if (othersWritten) {
      for (const programme of this.#othersSpans(state))
        for (const e of state.referringIds('programme', programme, 'engagement'))
          engagementSlots.add(this.engagementAt.get(e) as number);
    }
    for (const slot of engagementSlots) this.#engagementSpans(slot);
    this.#patchDateOrder(leaving, entering);
  }

  // ── reads ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Appends to `out` the slots of the links at entity slot `e` that are there on `day`, into it
   * (`in`), out of it (`out`) or both, in the order they were made, as the projection lists an
   * entity's links (`NetworkState.linksOf`): slots are given in that order, and each entity's
   * lists of them are kept ascending.
   */
  linksAt(e: number, direction: 'in' | 'out' | 'both', day: number, out: number[]): void {
    const a = (direction === 'out' ? undefined : this.#linksIn[e]) ?? NO_SLOTS;
    const b = (direction === 'in' ? undefined : this.#linksOut[e]) ?? NO_SLOTS;
    // the two ascending lists merged (a link is never in both: no link is a loop)
    for (let i = 0, j = 0; i < a.length || j < b.length; ) {
      const l = (
        j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number)) ? a[i++] : b[j++]
      ) as number;
      if (this.links.has(l, day)) out.push(l);
    }
  }

  /** The entity slot at the other end of link `l` from entity slot `e`. */
  otherEnd(l: number, e: number): number {
    const source = this.#linkEnds[2 * l] as number;
    return source === e ? (this.#linkEnds[2 * l + 1] as number) : source;
  }

  /** A fresh mark for {@link markOnce}: what one read has met, by entity slot, without a set. */
  freshMark(): number {
    this.#marks = room(this.#marks, this.entityRecords.length);
    if (this.#mark === 2 ** 31 - 1) {
      this.#marks.fill(0);
      this.#mark = 0;
    }
    return ++this.#mark;
  }

  /** True the first time entity slot `e` is marked with `mark`. */
  markOnce(e: number, mark: number): boolean {
    if (this.#marks[e] === mark) return false;
    this.#marks[e] = mark;
    return true;
  }

  /** Whether the `k`-th participant of engagement `slot` is there on `day`. */
  participantOn(slot: number, k: number, day: number): boolean {
    return this.hasEntity(this.#pool[(this.#participantsAt[slot] as number) + k] as number, day);
  }

  /**
   * Whether every participant of engagement `slot` is there on `day`, when its record stands as it
   * is in a view of that day (read from the slots, without a look-up of an id).
   */
  participantsAllOn(slot: number, day: number): boolean {
    const first = this.#participantsAt[slot] as number;
    const end = first + (this.#participantCount[slot] as number);
    for (let q = first; q < end; q++) if (!this.hasEntity(this.#pool[q] as number, day)) return false;
    return true;
  }

  /** The slots, in date order, of the engagements entity slot `e` takes part in that are there on `day`. */
  engagementsAt(e: number, day: number): number[] {
    const list = this.#engagementsOf[e];
    if (list === undefined) return [];
    // the list is in date order
    const found: number[] = [];
    for (let k = 0; k < list.length; k++) {
      const slot = list[k] as number;
      if (this.engagements.has(slot, day)) found.push(slot);
    }
    return found;
  }

  /** The slots, in date order, of the engagements of a programme that are there on `day`. */
  engagementsOfProgramme(state: NetworkState, id: Id, day: number): number[] {
    const found: number[] = [];
    for (const e of state.referringIds('programme', id, 'engagement')) {
      const slot = this.engagementAt.get(e) as number;
      if (this.engagements.has(slot, day)) found.push(slot);
    }
    return this.#inDateOrder(found);
  }

  #inDateOrder(slots: number[]): number[] {
    if (slots.length < 2) return slots;
    return Array.from(this.#sortByDate(Int32Array.from(slots)));
  }

  /** The engagements' slots in date order. */
  get byDay(): Int32Array {
    return this.#order.subarray(0, this.#orderLength);
  }

  /** The first days of the engagements in date order (sorted, for binary search). */
  get byDayDays(): Int32Array {
    return this.#orderDays.subarray(0, this.#orderLength);
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

/** Appends `slot` to the list of `at` (slots come in ascending order). */
function pushTo(lists: (number[] | undefined)[], at: number, slot: number): void {
  const list = lists[at];
  if (list === undefined) lists[at] = [slot];
  else list.push(slot);
}

/** Where `slot` is, or would go, in the ascending `list`. */
function placeIn(list: readonly number[], slot: number): number {
  return partitionPoint(list.length, (i) => (list[i] as number) < slot);
}

/** Puts `slot` into the ascending list of `at`, once. */
function insertInto(lists: (number[] | undefined)[], at: number, slot: number): void {
  const list = lists[at];
  if (list === undefined) lists[at] = [slot];
  else if (list.length === 0 || (list[list.length - 1] as number) < slot) list.push(slot);
  else {
    const place = placeIn(list, slot);
    if (list[place] !== slot) list.splice(place, 0, slot);
  }
}

/** Takes `slot` out of the ascending list of `at`. */
function removeFrom(lists: (number[] | undefined)[], at: number, slot: number): void {
  const list = lists[at];
  if (list === undefined) return;
  const place = placeIn(list, slot);
  if (list[place] === slot) list.splice(place, 1);
}

/** True when records beside the graph (not engagements) refer to the record. */
function referredBesideTheGraph(state: NetworkState, collection: Collection, id: Id): boolean {
  const from = state.referrers.get(collection)?.get(id);
  if (from === undefined) return false;
  for (const c of from.keys()) if (c !== 'engagement') return true;
  return false;
}

const NO_SLOTS: readonly number[] = [];

/** The valid-time index of the state's current version: built on first need, then kept up to date. */
export function validTimeIndex(state: NetworkState): ValidTimeIndex {
  const kept = state.validTime as ValidTimeIndex | undefined;
  if (kept?.catchUp(state)) return kept;
  const index = new ValidTimeIndex(state);
  state.validTime = index;
  return index;
}
