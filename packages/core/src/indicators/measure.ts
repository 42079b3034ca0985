import { EngagementColumns, NO_FISCAL_YEAR } from '../indexes/engagement-columns.js';
import { isInGroup } from '../model/countries.js';
import type { Id } from '../model/ids.js';
import type { Measure, MeasureFilter } from '../model/indicators.js';
import type { Engagement } from '../model/records.js';
import type { FiscalYear } from '../time/fiscal-year.js';
import { type NetworkView, viewState } from '../views/view.js';

// Measures run on the state's engagement columns (see `EngagementColumns`): one pass over typed
// arrays, with the filter turned into a yes/no per code and per entity beforehand. The rules, as
// the records would be read:
// - an engagement passes when its type, programme and tags do (any one of the filter's tags);
// - a participant passes when its role, its entity's kind and its entity's country do; without a
//   kind condition the organisation itself (`self`) never does;
// - an engagement known only by its year has no fiscal year and is not counted;
// - `engagements` counts a passing engagement with a passing participant, or any passing one when
//   the filter has no condition on participants; `distinct-entities` counts passing participants.

const entityConditions = ['entityKinds', 'countries', 'countryGroup', 'participantRole'] as const;

/** Fiscal years are below 10,000 (years have four digits): a table per year has this many entries. */
const YEARS = 10_000;

const scratches: Int32Array[] = [];

/**
 * An array of `n` entries, zeroed or not, reused from one measure to the next (`which` tells apart
 * those in use at once): at a million engagements, arrays of that size made anew for every measure
 * would have the garbage collector run with each report.
 */
function scratch(which: number, n: number, zeroed: boolean): Int32Array {
  let array = scratches[which];
  if (array === undefined || array.length < n) {
    array = new Int32Array(Math.max(n, 2 * (array?.length ?? 0)));
    scratches[which] = array;
    return array.subarray(0, n);
  }
  const view = array.subarray(0, n);
  if (zeroed) view.fill(0);
  return view;
}
const ROWS = 0;
const PER_ENTITY = 1;
const GROUPED = 2;

/** A measure's filter as tables of the columns' codes: 1 where the value passes. */
interface Compiled {
  columns: EngagementColumns;
  /** Per row: the engagement passes (type, programme, tags) and has a fiscal year. */
  rowOk: Uint8Array;
  /** Whether the filter has conditions on engagements (else `rowOk` is only "has a fiscal year"). */
  rowFiltered: boolean;
  roleOk: Uint8Array | undefined;
  /** Per entity slot: the kind and country pass (a free slot does not). */
  entityOk: Uint8Array;
  hasEntityCondition: boolean;
}

function compile(view: NetworkView, f: MeasureFilter): Compiled {
  const columns = viewState(view).engagementColumns(makeColumns);
  // an engagement whose date cannot be read makes every read by date throw: this one too, alike
  if (columns.unreadableDates > 0) view.engagements();
  const { entityKinds, countries, countryGroup, participantRole, engagementTypes, programmes, tags } = f;
  const kindOk = columns.kinds.table((k) =>
    entityKinds ? (entityKinds as readonly string[]).includes(k) : k !== 'self',
  );
  // a country group is looked up once per country, not once per participant
  const countryOk = columns.countries.table(
    (c) =>
      (!countries || (c !== undefined && countries.includes(c))) &&
      (!countryGroup || (c !== undefined && isInGroup(c, countryGroup))),
  );
  const { entityKind, entityCountry } = columns;
  const entityOk = new Uint8Array(columns.slots);
  for (let slot = 0; slot < entityOk.length; slot++) {
    const kind = entityKind[slot] as number;
    if (kind >= 0)
      entityOk[slot] = (kindOk[kind] as number) & (countryOk[entityCountry[slot] as number] as number);
  }
  return {
    columns,
    rowOk: rowTable(
      columns,
      engagementTypes && columns.types.table((t) => (engagementTypes as readonly string[]).includes(t)),
      programmes && columns.programmes.table((p) => p !== undefined && programmes.includes(p)),
      tags && columns.tags.table((t) => tags.includes(t)),
    ),
    rowFiltered: engagementTypes !== undefined || programmes !== undefined || tags !== undefined,
    roleOk: participantRole && columns.roles.table((r) => (participantRole as readonly string[]).includes(r)),
    entityOk,
    hasEntityCondition: entityConditions.some((c) => f[c] !== undefined),
  };
}

let rowScratch = new Uint8Array(0);

/**
 * Per row, whether its engagement passes (type, programme, tags) and has a fiscal year: one tight
 * pass, so that the passes over participants test a row with one byte.
 */
function rowTable(
  columns: EngagementColumns,
  typeOk: Uint8Array | undefined,
  programmeOk: Uint8Array | undefined,
  tagOk: Uint8Array | undefined,
): Uint8Array {
  const { rows, fiscalYear, type, programme, tagStart, tagCount, tagCode } = columns;
  if (rowScratch.length < rows) rowScratch = new Uint8Array(Math.max(rows, 2 * rowScratch.length));
  const ok = rowScratch.subarray(0, rows);
  for (let row = 0; row < rows; row++) {
    let passes =
      (fiscalYear[row] as number) > NO_FISCAL_YEAR &&
      (typeOk === undefined || typeOk[type[row] as number] === 1) &&
      (programmeOk === undefined || programmeOk[programme[row] as number] === 1);
    if (passes && tagOk !== undefined) {
      const start = tagStart[row] as number;
      const end = start + (tagCount[row] as number);
      passes = false;
      for (let i = start; i < end && !passes; i++) passes = tagOk[tagCode[i] as number] === 1;
    }
    ok[row] = passes ? 1 : 0;
  }
  return ok;
}

/**
 * Whether participant entry `i` (of the participant pool) passes: its entity and its role. The
 * arrays come as arguments, read once per pass by the caller, not from objects once per entry.
 */
function passes(
  entityOk: Uint8Array,
  roleOk: Uint8Array | undefined,
  partEntity: Int32Array,
  partRole: Int32Array,
  i: number,
): boolean {
  return (
    entityOk[partEntity[i] as number] === 1 && (roleOk === undefined || roleOk[partRole[i] as number] === 1)
  );
}

/** Whether a passing row counts for `engagements`: some participant passes, if the filter asks. */
function counts(c: Compiled, row: number): boolean {
  if (!c.hasEntityCondition) return true;
  const { entityOk, roleOk } = c;
  const { partStart, partCount, partEntity, partRole } = c.columns;
  const start = partStart[row] as number;
  const end = start + (partCount[row] as number);
  for (let i = start; i < end; i++) if (passes(entityOk, roleOk, partEntity, partRole, i)) return true;
  return false;
}

/**
 * Per entity slot, the earliest fiscal year (not before `from`) in which it passes; 0 where none.
 * One pass straight through the participant pool (each entry carries its row's fiscal year, 0 for
 * garbage): at a million engagements, a third faster than a loop per row.
 */
function firstYears(c: Compiled, from: FiscalYear): Int32Array {
  const { entityOk, roleOk, rowOk, rowFiltered } = c;
  const { participantsEnd, partEntity, partRole, partRow, partFiscalYear } = c.columns;
  const first = scratch(PER_ENTITY, entityOk.length, true);
  for (let i = 0; i < participantsEnd; i++) {
    const slot = partEntity[i] as number;
    if (entityOk[slot] === 0) continue;
    const fy = partFiscalYear[i] as number;
    if (fy <= NO_FISCAL_YEAR || fy < from) continue;
    if (roleOk !== undefined && roleOk[partRole[i] as number] === 0) continue;
    if (rowFiltered && rowOk[partRow[i] as number] === 0) continue;
    const seen = first[slot] as number;
    if (seen === 0 || fy < seen) first[slot] = fy;
  }
  return first;
}

/**
 * Evaluates an indicator's measure for fiscal years: a count per fiscal year, computed from the
 * engagements recorded in the view (use `view.asOf(...)` or `asRecordedAt` to evaluate the past).
 *
 * - `engagements` counts qualifying engagements; `distinct-entities` counts each entity once per
 *   fiscal year (per-year) or once over the whole span (cumulative).
 * - `firstTimeOnly` places an entity in the fiscal year of its first qualifying engagement ever, so
 *   an entity active before `since` is not counted as new.
 */
/** The engagement columns a state builds on first use (made here: only pages with reports carry them). */
function makeColumns(entities: number, engagements?: number): EngagementColumns {
  return new EngagementColumns(entities, engagements);
}

/** Whether the engagement of `row` carries the tag of `code` (its segment of the tag pool). */
function rowTagged(columns: EngagementColumns, row: number, code: number): boolean {
  const start = columns.tagStart[row] as number;
  const end = start + (columns.tagCount[row] as number);
  for (let t = start; t < end; t++) if (columns.tagCode[t] === code) return true;
  return false;
}

/** Whether any engagement is tagged `tag` (read from the columns' tag codes, not the records). */
export function anyEngagementTagged(view: NetworkView, tag: string): boolean {
  const columns = viewState(view).engagementColumns(makeColumns);
  const tagged = columns.tags.values.indexOf(tag);
  for (let row = 0; row < columns.rows && tagged >= 0; row++)
    if (rowTagged(columns, row, tagged)) return true;
  return false;
}

/**
 * Per programme, per fiscal year: how many of its engagements fall in that year, and how many of
 * those are tagged `tag` (the report's costs). One pass over the columns; an engagement known only
 * by its year falls in none.
 */
export function programmeYearCounts(
  view: NetworkView,
  tag: string,
): Map<Id, Map<FiscalYear, [number, number]>> {
  const columns = viewState(view).engagementColumns(makeColumns);
  // an engagement whose date cannot be read makes every read by date throw: this one too, alike
  if (columns.unreadableDates > 0) view.engagements();
  const { rows, fiscalYear, programme } = columns;
  const tagged = columns.tags.values.indexOf(tag);
  const out = new Map<Id, Map<FiscalYear, [number, number]>>();
  const byCode: (Map<FiscalYear, [number, number]> | undefined)[] = [];
  for (let row = 0; row < rows; row++) {
    const fy = fiscalYear[row] as number;
    const code = programme[row] as number;
    const id = columns.programmes.values[code];
    if (fy <= NO_FISCAL_YEAR || id === undefined) continue;
    let years = byCode[code];
    if (years === undefined) {
      years = new Map();
      byCode[code] = years;
      out.set(id, years);
    }
    let counts = years.get(fy);
    if (counts === undefined) {
      counts = [0, 0];
      years.set(fy, counts);
    }
    counts[0]++;
    if (tagged >= 0 && rowTagged(columns, row, tagged)) counts[1]++;
  }
  return out;
}

export function evaluateMeasure(
  view: NetworkView,
  measure: Measure,
  fiscalYears: readonly FiscalYear[],
): Map<FiscalYear, number> {
  const c = compile(view, measure.filter);
  const since = measure.since ?? Number.NEGATIVE_INFINITY;
  const cumulative = measure.aggregate === 'cumulative';
  // one pass for a count per fiscal year, then per asked year either that count or a running sum
  const perYear = new Float64Array(YEARS);
  if (measure.count === 'engagements') {
    const { rowOk } = c;
    const { rows, fiscalYear } = c.columns;
    for (let row = 0; row < rows; row++) {
      if (rowOk[row] === 0 || !counts(c, row)) continue;
      const fy = fiscalYear[row] as number;
      perYear[fy] = (perYear[fy] as number) + 1;
    }
  } else if (measure.filter.firstTimeOnly || cumulative) {
    // an entity counts in the first year it qualifies: ever (firstTimeOnly), or on or after `since`
    const first = firstYears(c, measure.filter.firstTimeOnly ? Number.NEGATIVE_INFINITY : since);
    for (const fy of first) if (fy !== 0) perYear[fy] = (perYear[fy] as number) + 1;
  } else {
    return perYearDistinct(c, fiscalYears);
  }
  return cumulative ? runningCounts(perYear, since, fiscalYears) : yearCounts(perYear, fiscalYears);
}

/** The count of each asked year. */
function yearCounts(perYear: Float64Array, asked: readonly FiscalYear[]): Map<FiscalYear, number> {
  return new Map(asked.map((fy) => [fy, Number.isInteger(fy) ? (perYear[fy] ?? 0) : 0]));
}

/** The counts of the years between `since` and each asked year, inclusive. */
function runningCounts(
  perYear: Float64Array,
  since: FiscalYear,
  asked: readonly FiscalYear[],
): Map<FiscalYear, number> {
  const below = new Float64Array(YEARS + 1); // below[y]: the counts of the years before y
  for (let y = 0; y < YEARS; y++) below[y + 1] = (below[y] as number) + (perYear[y] as number);
  const from = Math.max(0, Math.ceil(since));
  return new Map(
    asked.map((fy) => {
      const to = Math.min(YEARS - 1, Math.floor(fy));
      return [fy, to >= from ? (below[to + 1] as number) - (below[from] as number) : 0];
    }),
  );
}

/**
 * Distinct entities per asked year: the rows of those years grouped by year (a counting sort), then
 * each year's entities marked with the year's stamp, so each is counted once per year.
 */
function perYearDistinct(c: Compiled, asked: readonly FiscalYear[]): Map<FiscalYear, number> {
  const position = new Map<FiscalYear, number>();
  for (const fy of asked) if (!position.has(fy)) position.set(fy, position.size);
  const yearAt = new Int32Array(YEARS).fill(-1);
  for (const [fy, i] of position) if (Number.isInteger(fy) && fy >= 0 && fy < YEARS) yearAt[fy] = i;
  const { entityOk, roleOk, rowOk } = c;
  const { rows, fiscalYear, partStart, partCount, partEntity, partRole } = c.columns;
  const starts = new Int32Array(position.size + 1);
  const selected = scratch(ROWS, rows, false);
  let n = 0;
  for (let row = 0; row < rows; row++) {
    const i = yearAt[Math.max(0, fiscalYear[row] as number)] as number;
    if (i < 0 || rowOk[row] === 0) continue;
    starts[i + 1] = (starts[i + 1] as number) + 1;
    selected[n++] = row;
  }
  for (let i = 0; i < position.size; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  const grouped = scratch(GROUPED, n, false);
  const next = starts.slice();
  for (let k = 0; k < n; k++) {
    const row = selected[k] as number;
    const i = yearAt[fiscalYear[row] as number] as number;
    grouped[(next[i] as number)++] = row;
  }
  const stamp = scratch(PER_ENTITY, c.entityOk.length, true);
  const distinct: number[] = [];
  for (let i = 0; i < position.size; i++) {
    let n = 0;
    for (let k = starts[i] as number; k < (starts[i + 1] as number); k++) {
      const row = grouped[k] as number;
      const start = partStart[row] as number;
      const end = start + (partCount[row] as number);
      for (let p = start; p < end; p++) {
        const slot = partEntity[p] as number;
        if (stamp[slot] === i + 1 || !passes(entityOk, roleOk, partEntity, partRole, p)) continue;
        stamp[slot] = i + 1;
        n++;
      }
    }
    distinct.push(n);
  }
  return new Map(asked.map((fy) => [fy, distinct[position.get(fy) as number] ?? 0]));
}

/** Puts rows in the view's order: by first day, a less precise date first, then as recorded. */
function inViewOrder(c: Compiled, rows: number[]): number[] {
  const { dayKey, seq } = c.columns;
  return rows.sort(
    (a, b) => (dayKey[a] as number) - (dayKey[b] as number) || (seq[a] as number) - (seq[b] as number),
  );
}

/** What a measure counts in one fiscal year (see `measureRecords`). */
export interface MeasureRecords {
  /** For `engagements`: the engagements counted, in the view's order. */
  engagements: Id[];
  /** For `distinct-entities`: the entities counted, each with the engagements that make it count. */
  entities: { entity: Id; engagements: Id[] }[];
}

/**
 * The records behind `evaluateMeasure(view, measure, [fiscalYear])`: the engagements it counted,
 * or the entities with the engagements that made them count (for `firstTimeOnly`, those of their
 * first fiscal year). The list is exactly as long as the count, so a user can check a number
 * against the records.
 *
 * @example
 * const { entities } = measureRecords(network, indicator.measure, 2019);
 */
export function measureRecords(view: NetworkView, measure: Measure, fiscalYear: FiscalYear): MeasureRecords {
  const c = compile(view, measure.filter);
  const since = measure.since ?? Number.NEGATIVE_INFINITY;
  const from = measure.aggregate === 'cumulative' ? since : fiscalYear;
  const { entityOk, roleOk, rowOk } = c;
  const {
    rows,
    fiscalYear: fyOf,
    engagements,
    partStart,
    partCount,
    partEntity,
    partRole,
    entityIds,
  } = c.columns;
  const engagementsCount = measure.count === 'engagements';
  // with firstTimeOnly an entity counts only with the engagements of its first fiscal year ever
  const first =
    !engagementsCount && measure.filter.firstTimeOnly ? firstYears(c, Number.NEGATIVE_INFINITY) : undefined;
  /** Whether participant entry `i`, in a row of fiscal year `fy`, makes its entity count. */
  const makes = (i: number, fy: number) =>
    passes(entityOk, roleOk, partEntity, partRole, i) &&
    (first === undefined || first[partEntity[i] as number] === fy);
  // only the rows listed are put in the view's order
  const listed: number[] = [];
  for (let row = 0; row < rows; row++) {
    const fy = fyOf[row] as number;
    if (rowOk[row] === 0 || fy < from || fy > fiscalYear) continue;
    if (engagementsCount) {
      if (counts(c, row)) listed.push(row);
      continue;
    }
    const end = (partStart[row] as number) + (partCount[row] as number);
    for (let i = partStart[row] as number; i < end; i++) {
      if (!makes(i, fy)) continue;
      listed.push(row);
      break;
    }
  }
  inViewOrder(c, listed);
  if (engagementsCount) {
    return { engagements: listed.map((row) => (engagements[row] as Engagement).id), entities: [] };
  }
  const making = new Map<number, Id[]>();
  for (const row of listed) {
    const fy = fyOf[row] as number;
    const id = (engagements[row] as Engagement).id;
    const end = (partStart[row] as number) + (partCount[row] as number);
    for (let i = partStart[row] as number; i < end; i++) {
      if (!makes(i, fy)) continue;
      const slot = partEntity[i] as number;
      const list = making.get(slot) ?? [];
      if (list[list.length - 1] !== id) list.push(id);
      making.set(slot, list);
    }
  }
  return {
    engagements: [],
    entities: [...making].map(([slot, engagements]) => ({ entity: entityIds[slot] as Id, engagements })),
  };
}
