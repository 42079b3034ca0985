import type { Collection, StoredRecord } from '../changes/change.js';
import type { Id } from '../model/ids.js';
import { engagementTypes, entityKinds, participantRoles } from '../model/kinds.js';
import type { Engagement, Entity } from '../model/records.js';
import { engagementDay } from '../model/valid-time.js';
import { fiscalYearOf } from '../time/fiscal-year.js';

/**
 * Small integer codes for values that repeat (kinds, countries, roles, programmes, tags), in the
 * order first seen. Codes are never freed: there are only as many as distinct values ever seen, and
 * a measure turns each code into a yes/no once (a table indexed by code) instead of comparing
 * strings for every participant. Any value gets a code, `undefined` or an unknown kind included,
 * so a table built from the value itself is exact whatever the records hold.
 */
export class Codes<T> {
  readonly values: T[] = [];
  readonly #codes = new Map<T, number>();

  constructor(known: readonly T[] = []) {
    for (const value of known) this.code(value);
  }

  code(value: T): number {
    // a few values (roles, types, kinds) are found faster by comparing than by hashing: a record's
    // strings are its own copies, each hashed on its first lookup
    if (this.values.length <= 16) {
      const at = this.values.indexOf(value);
      if (at >= 0) return at;
    }
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.#codes.set(value, code);
    }
    return code;
  }

  /** One byte per code: 1 where the value passes. */
  table(passes: (value: T) => boolean): Uint8Array {
    return Uint8Array.from(this.values, (v) => (passes(v) ? 1 : 0));
  }
}

/** The fiscal-year column of an engagement known only by its year (it has no fiscal year). */
export const NO_FISCAL_YEAR = 0;
/** The fiscal-year column of an engagement whose date cannot be read (only from a hand-made log). */
const UNREADABLE = -1;
/** A pool is copied anew once its garbage outgrows both this and its live entries. */
const MIN_GARBAGE = 64;

/** The array, or a copy of it twice as long (or as long as needed) when it is too short. */
function grown<A extends Int16Array | Int32Array | Float64Array>(array: A, needed: number): A {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => A)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/** `YYYY-MM-DD` as the number YYYYMMDD: with a four-digit year, ordered as the strings are. */
function dayNumber(day: string): number {
  return Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
}

/**
 * The engagements as columns of integers, for counting (indicators) without touching a record: at
 * 200,000 engagements, following each participant's id to its entity object to read its kind and
 * country costs a third of a second per measure; reading a few typed arrays costs milliseconds.
 *
 * - Entities get integer slots (freed on removal and reused; an entity can only be removed when no
 *   engagement refers to it) with their kind and country as codes.
 * - Engagements are rows of parallel typed arrays: fiscal year, type, programme, where the first
 *   dated day falls (to list in the view's order), and segments of two pools, participants
 *   (entity slot and role, with the row and its fiscal year repeated so that a count of entities
 *   reads the pool straight through) and tag codes, as CSR. A removed row is filled with the last
 *   row (the rows have no order; `seq` keeps the order of insertion the view breaks ties with). A
 *   segment that no longer fits, or whose row went, is garbage; a pool is copied anew, in row
 *   order, once half of it is garbage.
 * - Tags are indexed too (a tag filter reads codes, not records), so every measure runs here.
 *
 * Built from the state on first use, then kept exact by `NetworkState.apply`, effect by effect.
 */
export class EngagementColumns {
  // ── entities ──
  readonly kinds = new Codes<string>(entityKinds);
  readonly countries = new Codes<string | undefined>([undefined]);
  /** Per slot: the kind code (-1 for a free slot) and the country code. */
  entityKind: Int32Array;
  entityCountry: Int32Array;
  /** Per slot: the entity's id (undefined for a free slot). */
  readonly entityIds: (Id | undefined)[] = [];
  readonly #slots = new Map<Id, number>();
  readonly #free: number[] = [];

  // ── engagements ──
  readonly types = new Codes<string>(engagementTypes);
  readonly roles = new Codes<string>(participantRoles);
  readonly programmes = new Codes<Id | undefined>([undefined]);
  readonly tags = new Codes<string>();
  /** How many rows (engagements) there are; every column below is valid up to it. */
  rows = 0;
  /** The fiscal year, NO_FISCAL_YEAR for a year-only date. */
  fiscalYear: Int32Array;
  type: Int32Array;
  programme: Int32Array;
  /**
   * The first day as YYYYMMDD × 16 + the length of the date (below 2³¹): the view's order, a less
   * precise date first on the same day.
   */
  dayKey: Int32Array;
  /** Order of insertion, which the view keeps on equal `dayKey`s (a float: it never wraps). */
  seq: Float64Array;
  partStart: Int32Array;
  partCount: Int32Array;
  tagStart: Int32Array;
  tagCount: Int32Array;
  /** Per row: the engagement (the record the state stores). */
  readonly engagements: Engagement[] = [];
  readonly #rowOf = new Map<Engagement, number>();
  #nextSeq = 0;
  readonly #dates = new Map<string, { fiscalYear: number; dayKey: number }>();
  /** Rows whose date cannot be read: reading by date throws then, as the view does. */
  unreadableDates = 0;

  // ── pools ──
  /** Participants: the entity's slot and the role code, in the engagement's order. */
  partEntity: Int32Array;
  partRole: Int32Array;
  /**
   * Per participant entry, its row and the row's fiscal year (0 for garbage, as for a year-only
   * date): a count of entities can then read the pool straight through, with no loop per row.
   */
  partRow: Int32Array;
  partFiscalYear: Int16Array;
  #partUsed = 0;
  #partGarbage = 0;
  tagCode = new Int32Array(256);
  #tagUsed = 0;
  #tagGarbage = 0;
  /** How many times a pool was copied anew (tests check that the upkeep does). */
  compactions = 0;

  /**
   * Sized for a state of that many entities and engagements, with room to spare: the first writes
   * after a build do not copy every column (the columns still grow as needed).
   */
  constructor(entities = 0, engagements = 0) {
    const rows = Math.max(64, Math.ceil(engagements * 1.25));
    this.entityKind = new Int32Array(Math.max(64, Math.ceil(entities * 1.25)));
    this.entityCountry = new Int32Array(this.entityKind.length);
    this.fiscalYear = new Int32Array(rows);
    this.type = new Int32Array(rows);
    this.programme = new Int32Array(rows);
    this.partStart = new Int32Array(rows);
    this.partCount = new Int32Array(rows);
    this.tagStart = new Int32Array(rows);
    this.tagCount = new Int32Array(rows);
    this.dayKey = new Int32Array(rows);
    this.seq = new Float64Array(rows);
    // three participants an engagement are typical (ours, a partner, a company)
    this.partEntity = new Int32Array(rows * 3);
    this.partRole = new Int32Array(rows * 3);
    this.partRow = new Int32Array(rows * 3);
    this.partFiscalYear = new Int16Array(rows * 3);
  }

  /** The end of the participant pool's entries in use (garbage among them has no fiscal year). */
  get participantsEnd(): number {
    return this.#partUsed;
  }

  // The state calls these once it has applied an effect, with the records it stores: a row is found
  // by its record (an object's identity, no string to hash), which the state replaces on update.

  created(collection: Collection, record: StoredRecord): void {
    if (collection === 'entity') this.#putEntity(record as Entity);
    else if (collection === 'engagement') this.#addEngagement(record as Engagement);
  }

  /** `stored` is the record `after` replaces. */
  updated(collection: Collection, stored: StoredRecord, after: StoredRecord): void {
    if (collection === 'entity') this.#putEntity(after as Entity);
    else if (collection === 'engagement') {
      const row = this.#rowOf.get(stored as Engagement);
      if (row === undefined) return;
      this.#rowOf.delete(stored as Engagement);
      this.#rowOf.set(after as Engagement, row);
      this.engagements[row] = after as Engagement;
      this.#fill(row, after as Engagement);
    }
  }

  deleted(collection: Collection, stored: StoredRecord): void {
    if (collection === 'entity') this.#removeEntity(stored.id);
    else if (collection === 'engagement') this.#removeEngagement(stored as Engagement);
  }

  /** How many slots there are (free ones included): the length of a per-slot table. */
  get slots(): number {
    return this.entityIds.length;
  }

  #putEntity(entity: Entity): void {
    let slot = this.#slots.get(entity.id);
    if (slot === undefined) {
      slot = this.#free.pop() ?? this.entityIds.length;
      if (slot === this.entityIds.length) this.entityIds.push(entity.id);
      else this.entityIds[slot] = entity.id;
      this.#slots.set(entity.id, slot);
      this.entityKind = grown(this.entityKind, slot + 1);
      this.entityCountry = grown(this.entityCountry, slot + 1);
    }
    this.entityKind[slot] = this.kinds.code(entity.kind);
    this.entityCountry[slot] = this.countries.code(entity.country);
  }

  #removeEntity(id: Id): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    this.entityIds[slot] = undefined;
    this.entityKind[slot] = -1;
    this.#free.push(slot);
  }

  #addEngagement(engagement: Engagement): void {
    const row = this.rows++;
    if (row === this.fiscalYear.length) {
      const n = row + 1;
      this.fiscalYear = grown(this.fiscalYear, n);
      this.type = grown(this.type, n);
      this.programme = grown(this.programme, n);
      this.dayKey = grown(this.dayKey, n);
      this.seq = grown(this.seq, n);
      this.partStart = grown(this.partStart, n);
      this.partCount = grown(this.partCount, n);
      this.tagStart = grown(this.tagStart, n);
      this.tagCount = grown(this.tagCount, n);
    }
    this.engagements.push(engagement);
    this.#rowOf.set(engagement, row);
    this.seq[row] = this.#nextSeq++;
    this.fiscalYear[row] = NO_FISCAL_YEAR;
    this.partCount[row] = 0;
    this.tagCount[row] = 0;
    this.#fill(row, engagement);
  }

  /** Writes an engagement into its row (a new one, or one that was updated). */
  #fill(row: number, e: Engagement): void {
    if (this.fiscalYear[row] === UNREADABLE) this.unreadableDates--;
    const date = this.#date(e);
    this.fiscalYear[row] = date.fiscalYear;
    this.dayKey[row] = date.dayKey;
    if (date.fiscalYear === UNREADABLE) this.unreadableDates++;
    this.type[row] = this.types.code(e.type);
    this.programme[row] = this.programmes.code(e.programme);

    const participants = e.participants;
    const n = participants.length;
    let at = this.partStart[row] as number;
    const had = this.partCount[row] as number;
    // a segment that still fits is overwritten in place; otherwise it becomes garbage
    if (n > had) {
      this.#release(at, had);
      at = this.#partUsed;
      this.#partUsed += n;
      this.partEntity = grown(this.partEntity, this.#partUsed);
      this.partRole = grown(this.partRole, this.#partUsed);
      this.partRow = grown(this.partRow, this.#partUsed);
      this.partFiscalYear = grown(this.partFiscalYear, this.#partUsed);
    } else this.#release(at + n, had - n);
    for (let i = 0; i < n; i++) {
      const p = participants[i] as Engagement['participants'][number];
      // references are checked before an engagement is applied: the entity has a slot
      this.partEntity[at + i] = this.#slots.get(p.entity) as number;
      this.partRole[at + i] = this.roles.code(p.role);
      this.partRow[at + i] = row;
      this.partFiscalYear[at + i] = date.fiscalYear;
    }
    this.partStart[row] = at;
    this.partCount[row] = n;

    // tags: a hand-made log may leave them out
    const tags = e.tags ?? [];
    const t = tags.length;
    let tagAt = this.tagStart[row] as number;
    const hadTags = this.tagCount[row] as number;
    if (t > hadTags) {
      this.#tagGarbage += hadTags;
      tagAt = this.#tagUsed;
      this.#tagUsed += t;
      this.tagCode = grown(this.tagCode, this.#tagUsed);
    } else this.#tagGarbage += hadTags - t;
    for (let i = 0; i < t; i++) this.tagCode[tagAt + i] = this.tags.code(tags[i] as string);
    this.tagStart[row] = tagAt;
    this.tagCount[row] = t;
    this.#compactIfWasteful();
  }

  /** The fiscal year and day key of an engagement's date: one lookup, there are a few thousand dates. */
  #date(e: Engagement): { fiscalYear: number; dayKey: number } {
    let known = this.#dates.get(e.date);
    if (known === undefined) {
      try {
        known = {
          fiscalYear: fiscalYearOf(e.date) ?? NO_FISCAL_YEAR,
          dayKey: dayNumber(engagementDay(e)) * 16 + e.date.length,
        };
      } catch {
        known = { fiscalYear: UNREADABLE, dayKey: 0 };
      }
      if (this.#dates.size >= 100_000) this.#dates.clear();
      this.#dates.set(e.date, known);
    }
    return known;
  }

  /** Makes participant entries garbage: a pass through the pool skips them (no fiscal year). */
  #release(start: number, n: number): void {
    this.#partGarbage += n;
    this.partFiscalYear.fill(NO_FISCAL_YEAR, start, start + n);
  }

  #removeEngagement(stored: Engagement): void {
    const row = this.#rowOf.get(stored);
    if (row === undefined) return;
    this.#rowOf.delete(stored);
    if (this.fiscalYear[row] === UNREADABLE) this.unreadableDates--;
    this.#release(this.partStart[row] as number, this.partCount[row] as number);
    this.#tagGarbage += this.tagCount[row] as number;
    const last = --this.rows;
    const moved = this.engagements.pop() as Engagement;
    if (row !== last) {
      // the last row fills the hole; its segments stay where they are
      for (const column of [
        this.fiscalYear,
        this.type,
        this.programme,
        this.dayKey,
        this.seq,
        this.partStart,
        this.partCount,
        this.tagStart,
        this.tagCount,
      ]) {
        column[row] = column[last] as number;
      }
      this.engagements[row] = moved;
      this.#rowOf.set(moved, row);
      const start = this.partStart[row] as number;
      this.partRow.fill(row, start, start + (this.partCount[row] as number));
    }
    this.#compactIfWasteful();
  }

  /** Copies each pool anew, in row order, once half of it is garbage (so upkeep stays amortised O(1)). */
  #compactIfWasteful(): void {
    if (this.#partGarbage > MIN_GARBAGE && this.#partGarbage * 2 > this.#partUsed) {
      const live = this.#partUsed - this.#partGarbage;
      const entity = new Int32Array(Math.max(256, live * 2));
      const role = new Int32Array(entity.length);
      const rowOf = new Int32Array(entity.length);
      const fiscalYear = new Int16Array(entity.length);
      const { partEntity, partRole, partStart, partCount } = this;
      let at = 0;
      for (let row = 0; row < this.rows; row++) {
        const start = partStart[row] as number;
        const end = start + (partCount[row] as number);
        partStart[row] = at;
        for (let i = start; i < end; i++, at++) {
          entity[at] = partEntity[i] as number;
          role[at] = partRole[i] as number;
          rowOf[at] = row;
          fiscalYear[at] = this.fiscalYear[row] as number;
        }
      }
      this.partEntity = entity;
      this.partRole = role;
      this.partRow = rowOf;
      this.partFiscalYear = fiscalYear;
      this.#partUsed = at;
      this.#partGarbage = 0;
      this.compactions++;
    }
    if (this.#tagGarbage > MIN_GARBAGE && this.#tagGarbage * 2 > this.#tagUsed) {
      const live = this.#tagUsed - this.#tagGarbage;
      const codes = new Int32Array(Math.max(64, live * 2));
      const { tagCode, tagStart, tagCount } = this;
      let at = 0;
      for (let row = 0; row < this.rows; row++) {
        const start = tagStart[row] as number;
        const end = start + (tagCount[row] as number);
        tagStart[row] = at;
        for (let i = start; i < end; i++, at++) codes[at] = tagCode[i] as number;
      }
      this.tagCode = codes;
      this.#tagUsed = at;
      this.#tagGarbage = 0;
      this.compactions++;
    }
  }
}
