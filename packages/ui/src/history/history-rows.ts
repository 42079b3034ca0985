/**
 * The change log as rows for the history view: who changed what, when, newest first, with each
 * change's effects and, for an update, the fields it changed (before → after). Pure functions of
 * the log, so they are tested in Node and reused by any view of the log.
 */
import { type Change, type Collection, type Effect, type Lang, nameIn } from '@musubi/core';

/** What the history view is narrowed to; every part is optional. */
export interface HistoryFilter {
  /** Only changes by this author. */
  author?: string;
  /** Only changes that touch a record of this collection. */
  collection?: Collection;
  /** Only changes that touch this record (an entity's id finds its links and engagements too). */
  recordId?: string;
  /** Only changes recorded at or after this ISO time. */
  since?: string;
  /** Words to find in the change's label, operation, record names or the names of the records it refers to (case-insensitive). */
  text?: string;
}

/** How the history view names things: a change in words, and the names of a record by id. */
export interface HistoryWords {
  describe: (change: Change) => string;
  /** The names of a record (both languages), for finding a link by the names of its ends. */
  namesOf?: (id: string) => string[];
}

/** One field an update changed. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One effect, ready to show. */
export interface EffectRow {
  type: Effect['type'];
  collection: Collection;
  recordId: string;
  /** The record's name or title in the language asked for, else its id. */
  name: string;
  /** For an update: the fields that differ. */
  fields: FieldChange[];
}

/** One change, ready to show. */
export interface HistoryRow {
  change: Change;
  effects: EffectRow[];
}

function recordOf(effect: Effect): Record<string, unknown> {
  return (effect.type === 'update' ? effect.after : effect.record) as unknown as Record<string, unknown>;
}

function nameOf(record: Record<string, unknown>, lang: Lang): string {
  const named = record.name ?? record.title;
  if (named !== null && typeof named === 'object') {
    const text = nameIn(named as Parameters<typeof nameIn>[0], lang);
    if (text !== '') return text;
  }
  return String(record.id);
}

/** The top-level fields whose values differ between two versions of a record, in a stable order. */
export function fieldChanges(before: object, after: object): FieldChange[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** The ids a record refers to (a link's ends, an engagement's participants), besides its own. */
function referencedIds(record: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const key of ['source', 'target', 'programme', 'entity']) {
    const value = record[key];
    if (typeof value === 'string') ids.push(value);
  }
  const participants = record.participants;
  if (Array.isArray(participants)) {
    for (const p of participants) {
      const id = (p as { entity?: unknown }).entity;
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

function touches(change: Change, recordId: string): boolean {
  return change.effects.some((effect) => {
    const records = effect.type === 'update' ? [effect.before, effect.after] : [effect.record];
    return records.some((r) => {
      const record = r as unknown as Record<string, unknown>;
      return record.id === recordId || referencedIds(record).includes(recordId);
    });
  });
}

/** Whether `change` passes `filter`; `words` name the change and its records in the user's language. */
export function matchesFilter(change: Change, filter: HistoryFilter, words: HistoryWords): boolean {
  if (filter.author !== undefined && change.author !== filter.author) return false;
  if (filter.collection !== undefined && !change.effects.some((e) => e.collection === filter.collection))
    return false;
  if (filter.since !== undefined && change.recordedAt < filter.since) return false;
  if (filter.recordId !== undefined && !touches(change, filter.recordId)) return false;
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    const label = change.label;
    const labels =
      label === undefined ? [] : typeof label === 'string' ? [label] : [label.ja ?? '', label.en ?? ''];
    const found = [words.describe(change), change.operation, change.author, ...labels];
    for (const effect of change.effects) {
      const record = recordOf(effect);
      found.push(String(record.id), nameOf(record, 'ja'), nameOf(record, 'en'));
      for (const id of referencedIds(record)) found.push(...(words.namesOf?.(id) ?? []));
    }
    if (!found.some((w) => w.toLowerCase().includes(text))) return false;
  }
  return true;
}

/** The effects of `change`, named in `lang`. */
export function effectRows(change: Change, lang: Lang): EffectRow[] {
  return change.effects.map((effect) => {
    const record = recordOf(effect);
    return {
      type: effect.type,
      collection: effect.collection,
      recordId: String(record.id),
      name: nameOf(record, lang),
      fields: effect.type === 'update' ? fieldChanges(effect.before, effect.after) : [],
    };
  });
}

/**
 * A log read by position (an array of changes is one): the history view reads a network's log so
 * (`history-index.ts`), making only the changes it shows.
 */
export interface HistoryLog {
  readonly length: number;
  at(position: number): Change | undefined;
  /**
   * Whether the change at `position` passes the filter's author, kind and time, told without making
   * the change; the rows check the rest (and all of it without this) on the change itself.
   */
  passes?(position: number, filter: HistoryFilter): boolean;
}

/**
 * The changes of `log` that pass `filter`, newest first, at most `limit` of them, and how many
 * pass in all (for "show more"). With `log.passes` and no words or record to look for, only the
 * changes shown are read.
 */
export function historyRows(
  log: HistoryLog,
  filter: HistoryFilter,
  lang: Lang,
  words: HistoryWords,
  limit: number,
): { rows: HistoryRow[]; total: number } {
  const rows: HistoryRow[] = [];
  let total = 0;
  const { text, ...rest } = filter;
  if ((text ?? '').trim() === '' && Object.values(rest).every((v) => v === undefined)) {
    // nothing to narrow by: the last `limit` changes, the rest not even looked at
    for (let i = log.length - 1; i >= 0 && rows.length < limit; i--) {
      const change = log.at(i);
      if (change !== undefined) rows.push({ change, effects: effectRows(change, lang) });
    }
    return { rows, total: log.length };
  }
  const passes = log.passes?.bind(log);
  // the words and the record are checked on the change; the rest, when the log can, without it
  const onChange =
    passes === undefined || filter.recordId !== undefined || (filter.text?.trim() ?? '') !== '';
  for (let i = log.length - 1; i >= 0; i--) {
    if (passes !== undefined && !passes(i, filter)) continue;
    if (onChange) {
      const change = log.at(i);
      if (change === undefined || !matchesFilter(change, filter, words)) continue;
      total += 1;
      if (rows.length < limit) rows.push({ change, effects: effectRows(change, lang) });
    } else {
      total += 1;
      const change = rows.length < limit ? log.at(i) : undefined;
      if (change !== undefined) rows.push({ change, effects: effectRows(change, lang) });
    }
  }
  return { rows, total };
}

/** The authors in the log, in order of their first change. */
export function authorsOf(log: readonly Change[]): string[] {
  return [...new Set(log.map((c) => c.author))];
}
