import { isInGroup } from '../model/countries.js';
import type { Id } from '../model/ids.js';
import type { Engagement, Entity, Participant } from '../model/records.js';
import type { NetworkView } from '../network/view.js';
import { type FiscalYear, fiscalYearOf } from '../time/fiscal-year.js';
import type { Measure, MeasureFilter } from './schemas.js';

/** Does the engagement itself (type, programme, tags) pass the filter? */
function engagementPasses(e: Engagement, f: MeasureFilter): boolean {
  if (f.engagementTypes && !f.engagementTypes.includes(e.type)) return false;
  if (f.programmes && (e.programme === undefined || !f.programmes.includes(e.programme))) return false;
  if (f.tags && !f.tags.some((t) => e.tags.includes(t))) return false;
  return true;
}

/** Does a participant pass the filter's conditions on entities? */
function participantPasses(
  entityOf: (id: Id) => Entity | undefined,
  p: Participant,
  f: MeasureFilter,
): Entity | undefined {
  const entity = entityOf(p.entity);
  if (!entity) return undefined;
  if (f.participantRole && !f.participantRole.includes(p.role)) return undefined;
  if (f.entityKinds && !f.entityKinds.includes(entity.kind)) return undefined;
  // without a kind condition the organisation itself is never what is counted
  if (!f.entityKinds && entity.kind === 'self') return undefined;
  if (f.countries && (entity.country === undefined || !f.countries.includes(entity.country)))
    return undefined;
  if (f.countryGroup && (entity.country === undefined || !isInGroup(entity.country, f.countryGroup)))
    return undefined;
  return entity;
}

const entityConditions = ['entityKinds', 'countries', 'countryGroup', 'participantRole'] as const;

/**
 * The qualifying occurrences of a measure, each with its fiscal year: engagements (for
 * `engagements`) or entities (for `distinct-entities`, the key being the entity id). An engagement
 * known only by its year has no fiscal year and is not counted.
 */
interface Occurrence {
  key: Id;
  fy: FiscalYear;
  /** The engagement that makes it count. */
  engagement: Id;
}

function occurrences(view: NetworkView, measure: Measure): Occurrence[] {
  const f = measure.filter;
  const hasEntityCondition = entityConditions.some((c) => f[c] !== undefined);
  const out: Occurrence[] = [];
  // the same few thousand participants come back in every engagement: look each up once
  const known = new Map<Id, Entity | undefined>();
  const entityOf = (id: Id) => {
    if (known.has(id)) return known.get(id);
    const entity = view.entity(id);
    known.set(id, entity);
    return entity;
  };
  for (const e of view.engagements()) {
    if (!engagementPasses(e, f)) continue;
    const fy = fiscalYearOf(e.date);
    if (fy === undefined) continue;
    const counted = e.participants.filter((p) => participantPasses(entityOf, p, f) !== undefined);
    if (measure.count === 'engagements') {
      if (!hasEntityCondition || counted.length > 0) out.push({ key: e.id, fy, engagement: e.id });
    } else {
      for (const p of counted) out.push({ key: p.entity, fy, engagement: e.id });
    }
  }
  return out;
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
export function evaluateMeasure(
  view: NetworkView,
  measure: Measure,
  fiscalYears: readonly FiscalYear[],
): Map<FiscalYear, number> {
  const found = occurrences(view, measure);
  const since = measure.since ?? Number.NEGATIVE_INFINITY;
  const cumulative = measure.aggregate === 'cumulative';
  // one pass over the occurrences, then per asked year either that year's count or a running sum
  // (years × occurrences would make a 30-year report of 200,000 engagements take seconds)
  let years: FiscalYear[];
  if (measure.count === 'engagements') {
    years = found.map((o) => o.fy);
  } else if (measure.filter.firstTimeOnly) {
    years = [...firstYears(found, Number.NEGATIVE_INFINITY).values()];
  } else if (cumulative) {
    // an entity counts from the first year, on or after `since`, in which it qualifies
    years = [...firstYears(found, since).values()];
  } else {
    return perYearDistinct(found, fiscalYears);
  }
  return cumulative ? runningCounts(years, since, fiscalYears) : yearCounts(years, fiscalYears);
}

/** For each key, the earliest fiscal year (not before `from`) in which it occurs. */
function firstYears(found: readonly Occurrence[], from: FiscalYear): Map<Id, FiscalYear> {
  const first = new Map<Id, FiscalYear>();
  for (const o of found) {
    if (o.fy < from) continue;
    const seen = first.get(o.key);
    if (seen === undefined || o.fy < seen) first.set(o.key, o.fy);
  }
  return first;
}

/** How many of `years` equal each asked year. */
function yearCounts(years: readonly FiscalYear[], asked: readonly FiscalYear[]): Map<FiscalYear, number> {
  const per = new Map<FiscalYear, number>();
  for (const y of years) per.set(y, (per.get(y) ?? 0) + 1);
  return new Map(asked.map((fy) => [fy, per.get(fy) ?? 0]));
}

/** How many of `years` fall between `since` and each asked year, inclusive. */
function runningCounts(
  years: readonly FiscalYear[],
  since: FiscalYear,
  asked: readonly FiscalYear[],
): Map<FiscalYear, number> {
  const sorted = years.filter((y) => y >= since).sort((a, b) => a - b);
  const result = new Map<FiscalYear, number>();
  let i = 0;
  for (const fy of [...asked].sort((a, b) => a - b)) {
    while (i < sorted.length && (sorted[i] ?? 0) <= fy) i++;
    result.set(fy, i);
  }
  return new Map(asked.map((fy) => [fy, result.get(fy) ?? 0]));
}

/** Distinct keys per asked year. */
function perYearDistinct(
  found: readonly Occurrence[],
  asked: readonly FiscalYear[],
): Map<FiscalYear, number> {
  const keys = new Map<FiscalYear, Set<Id>>();
  for (const o of found) {
    let set = keys.get(o.fy);
    if (!set) {
      set = new Set();
      keys.set(o.fy, set);
    }
    set.add(o.key);
  }
  return new Map(asked.map((fy) => [fy, keys.get(fy)?.size ?? 0]));
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
  const found = occurrences(view, measure);
  const since = measure.since ?? Number.NEGATIVE_INFINITY;
  const from = measure.aggregate === 'cumulative' ? since : fiscalYear;
  const inSpan = (fy: FiscalYear) => fy >= from && fy <= fiscalYear;
  if (measure.count === 'engagements') {
    return { engagements: found.filter((o) => inSpan(o.fy)).map((o) => o.engagement), entities: [] };
  }
  const first = new Map<Id, FiscalYear>();
  for (const o of found) {
    const seen = first.get(o.key);
    if (seen === undefined || o.fy < seen) first.set(o.key, o.fy);
  }
  const making = new Map<Id, Id[]>();
  for (const o of found) {
    const counts = measure.filter.firstTimeOnly
      ? inSpan(first.get(o.key) ?? o.fy) && o.fy === first.get(o.key)
      : inSpan(o.fy);
    if (!counts) continue;
    const list = making.get(o.key) ?? [];
    if (!list.includes(o.engagement)) list.push(o.engagement);
    making.set(o.key, list);
  }
  return {
    engagements: [],
    entities: [...making].map(([entity, engagements]) => ({ entity, engagements })),
  };
}
