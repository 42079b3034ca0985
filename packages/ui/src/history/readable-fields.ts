/**
 * An effect of the change log as a person reads it: each field under its label in the user's
 * language, each value in words (country names, kinds, dates to their precision, the names of the
 * records an id points at), and for lists what was added and what was removed. No field name of
 * the code and no JSON reaches the screen. Pure, so it is tested in Node.
 */
import {
  type Collection,
  countryName,
  type Effect,
  formatFiscalYear,
  formatPartialDate,
  type Lang,
  type Network,
  nameIn,
} from '@musubi/core';
import type { MessageKey } from '../i18n/i18n.js';

/** What reading needs: the language, its messages, and the name of a record by id. */
export interface ReadingWords {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** The name of an entity, programme or indicator, in `lang`; undefined when unknown. */
  nameOf: (id: string) => string | undefined;
}

/** One field of an effect, read. A list or a table of years says what it gained and lost. */
export interface ReadableField {
  /** The field in the code, for keys and tests; never shown. */
  key: string;
  label: string;
  /** The value before (update, delete), in words; empty when there was none. */
  before: string;
  /** The value after (create, update), in words; empty when there is none. */
  after: string;
  /** For lists: the items that came in and went out. */
  added: string[];
  removed: string[];
}

/** The name of an entity, programme or indicator by id, in `lang`. */
export function recordNameOf(network: Network, id: string, lang: Lang): string | undefined {
  const named =
    network.entity(id)?.name ??
    network.records<{ id: string; name: { ja?: string; en?: string } }>('programme').find((p) => p.id === id)
      ?.name ??
    network.records<{ id: string; name: { ja?: string; en?: string } }>('indicator').find((p) => p.id === id)
      ?.name;
  return named ? nameIn(named, lang) : undefined;
}

type Plain = Record<string, unknown>;

const bilingual = new Set(['name', 'title', 'summary', 'description']);
const dates = new Set(['since', 'until', 'date', 'endDate', 'due']);
const references = new Set(['source', 'target', 'entity', 'programme', 'indicator']);
const perYear = new Set(['budgets', 'targets']);
const labelled = new Set([
  'kind',
  'name',
  'aliases',
  'country',
  'coordinates',
  'since',
  'until',
  'tags',
  'notes',
  'source',
  'target',
  'title',
  'events',
  'type',
  'date',
  'endDate',
  'participants',
  'topics',
  'programme',
  'followUps',
  'basicProgramme',
  'budgets',
  'summary',
  'description',
  'unit',
  'measure',
  'baseline',
  'targets',
  'indicator',
  'fiscalYear',
  'value',
  'note',
  'recordedFrom',
]);

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlain(value) && Object.keys(value).length === 0;
}

/** A field's label: the collection's own word first (an engagement's title is its 件名), then the common one. */
export function fieldLabel(collection: Collection, field: string, w: ReadingWords): string {
  const own = `history.field.${collection}.${field}` as MessageKey;
  const text = w.t(own);
  if (text !== own) return text;
  return labelled.has(field) ? w.t(`history.field.${field}` as MessageKey) : w.t('history.field.other');
}

function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function number(value: number, lang: Lang): string {
  return value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
}

function fiscalYear(value: unknown, lang: Lang): string {
  const fy = Number(value);
  return Number.isInteger(fy) ? formatFiscalYear(fy, { lang }) : String(value);
}

/** A word for an allowed value (kind, type, role), or the value itself when the table has none. */
function word(key: string, w: ReadingWords): string {
  const text = w.t(key as MessageKey);
  return text === key ? key.slice(key.lastIndexOf('.') + 1) : text;
}

function kindWord(collection: Collection, value: string, w: ReadingWords): string {
  if (collection === 'link') return word(`link.${value}`, w);
  if (collection === 'indicator') return word(`activities.indicator.kind.${value}`, w);
  return word(`kind.${value}`, w);
}

/** Items one after another, as each language lists them. */
export function listWords(list: readonly string[], lang: Lang): string {
  return list.join(lang === 'ja' ? '、' : ', ');
}

/** `text` in brackets, as each language writes them. */
function aside(text: string, lang: Lang): string {
  return lang === 'ja' ? `（${text}）` : ` (${text})`;
}

function participant(p: Plain, w: ReadingWords): string {
  const who = w.nameOf(String(p.entity)) ?? String(p.entity);
  return `${who}${aside(word(`activities.role.${String(p.role ?? 'participant')}`, w), w.lang)}`;
}

function linkEvent(e: Plain, w: ReadingWords): string {
  const what = `${word(`event.${String(e.type)}`, w)} ${formatPartialDate(String(e.date), w.lang)}`;
  return typeof e.note === 'string' && e.note !== '' ? `${what}${aside(shorten(e.note, 80), w.lang)}` : what;
}

function followUp(f: Plain, w: ReadingWords): string {
  const parts = [shorten(String(f.text ?? ''), 120)];
  if (typeof f.due === 'string')
    parts.push(w.t('history.value.due', { date: formatPartialDate(f.due, w.lang) }));
  if (f.done === true) parts.push(w.t('history.value.done'));
  return parts.join(' · ');
}

/** The parts of an indicator's measure, each as `label: value`. */
function measureWords(m: Plain, w: ReadingWords): string {
  const out: string[] = [];
  if (typeof m.aggregate === 'string') out.push(word(`activities.indicator.aggregate.${m.aggregate}`, w));
  if (typeof m.count === 'string') out.push(word(`activities.indicator.count.${m.count}`, w));
  if (m.since !== undefined) out.push(`${w.t('history.field.since')}: ${fiscalYear(m.since, w.lang)}`);
  const filter = isPlain(m.filter) ? m.filter : {};
  for (const [key, value] of Object.entries(filter)) {
    const items = Array.isArray(value) ? value : [value];
    const shown = items.map((item) => {
      const v = String(item);
      if (key === 'engagementTypes') return word(`engagement.${v}`, w);
      if (key === 'entityKinds') return word(`kind.${v}`, w);
      if (key === 'countries') return countryName(v as never, w.lang) ?? v;
      if (key === 'programmes') return w.nameOf(v) ?? v;
      if (key === 'participantRole') return word(`activities.role.${v}`, w);
      if (typeof item === 'boolean') return w.t(item ? 'history.value.yes' : 'history.value.no');
      return v;
    });
    out.push(`${word(`history.filter.${key}`, w)}: ${listWords(shown, w.lang)}`);
  }
  return out.join(' · ');
}

/** One value in words. */
export function valueWords(collection: Collection, field: string, value: unknown, w: ReadingWords): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return w.t(value ? 'history.value.yes' : 'history.value.no');
  if (field === 'kind' && typeof value === 'string') return kindWord(collection, value, w);
  if (field === 'type' && typeof value === 'string') return word(`engagement.${value}`, w);
  if (field === 'country' && typeof value === 'string') return countryName(value as never, w.lang) ?? value;
  if (references.has(field) && typeof value === 'string') return w.nameOf(value) ?? value;
  if (dates.has(field) && typeof value === 'string') return formatPartialDate(value, w.lang);
  if (field === 'fiscalYear') return fiscalYear(value, w.lang);
  if (field === 'recordedFrom') return w.t('history.value.manual');
  if (typeof value === 'number') return number(value, w.lang);
  if (typeof value === 'string') return shorten(value);
  if (!isPlain(value)) return '';
  if (field === 'coordinates') return `${String(value.lat)}, ${String(value.lng)}`;
  if (field === 'basicProgramme') return `${String(value.code)} ${nameIn(value as never, w.lang)}`.trim();
  if (field === 'baseline') {
    const year = fiscalYear(value.fiscalYear, w.lang);
    return typeof value.value === 'number' ? `${year}: ${number(value.value, w.lang)}` : year;
  }
  if (field === 'measure') return measureWords(value, w);
  if (typeof value.ja === 'string' || typeof value.en === 'string') return nameIn(value as never, w.lang);
  return Object.entries(value)
    .map(([k, v]) => `${fieldLabel(collection, k, w)}: ${valueWords(collection, k, v, w)}`)
    .join(w.lang === 'ja' ? '、' : ', ');
}

/** The items of a list field (or of a table of years) in words. */
function items(collection: Collection, field: string, value: unknown, w: ReadingWords): string[] {
  if (perYear.has(field) && isPlain(value)) {
    return Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([fy, v]) => `${fiscalYear(fy, w.lang)}: ${typeof v === 'number' ? number(v, w.lang) : String(v)}`,
      );
  }
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    if (isPlain(item)) {
      if (field === 'participants') return participant(item, w);
      if (field === 'events') return linkEvent(item, w);
      if (field === 'followUps') return followUp(item, w);
    }
    return valueWords(collection, field, item, w);
  });
}

function isList(field: string, before: unknown, after: unknown): boolean {
  return perYear.has(field) || Array.isArray(before) || Array.isArray(after);
}

/** The items of `from` that `to` lacks, counting repeats. */
function missing(from: string[], to: string[]): string[] {
  const left = [...to];
  return from.filter((item) => {
    const at = left.indexOf(item);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

function readField(
  collection: Collection,
  field: string,
  before: unknown,
  after: unknown,
  w: ReadingWords,
): ReadableField[] {
  if (bilingual.has(field) && (isPlain(before) || isPlain(after))) {
    const b = isPlain(before) ? before : {};
    const a = isPlain(after) ? after : {};
    const label = fieldLabel(collection, field, w);
    return (['ja', 'en'] as const)
      .filter((lang) => b[lang] !== a[lang])
      .map((lang) => ({
        key: `${field}.${lang}`,
        label: w.t(`history.inLang.${lang}`, { label }),
        before: typeof b[lang] === 'string' ? shorten(b[lang]) : '',
        after: typeof a[lang] === 'string' ? shorten(a[lang]) : '',
        added: [],
        removed: [],
      }));
  }
  const label = fieldLabel(collection, field, w);
  if (isList(field, before, after)) {
    const was = items(collection, field, before, w);
    const now = items(collection, field, after, w);
    return [
      { key: field, label, before: '', after: '', added: missing(now, was), removed: missing(was, now) },
    ];
  }
  return [
    {
      key: field,
      label,
      before: valueWords(collection, field, before, w),
      after: valueWords(collection, field, after, w),
      added: [],
      removed: [],
    },
  ];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of an effect, read: for an update the fields that changed, for an addition every
 * field it was given (lists as added items), for a removal every field it had (as removed).
 */
export function readEffect(effect: Effect, w: ReadingWords): ReadableField[] {
  const { collection } = effect;
  const before = (
    effect.type === 'create' ? {} : effect.type === 'update' ? effect.before : effect.record
  ) as Plain;
  const after = (
    effect.type === 'delete' ? {} : effect.type === 'update' ? effect.after : effect.record
  ) as Plain;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'id');
  const out: ReadableField[] = [];
  for (const key of keys) {
    if (sameValue(before[key], after[key])) continue;
    if (isEmpty(before[key]) && isEmpty(after[key])) continue;
    out.push(...readField(collection, key, before[key], after[key], w));
  }
  return out.filter((f) => f.before !== f.after || f.added.length > 0 || f.removed.length > 0);
}
