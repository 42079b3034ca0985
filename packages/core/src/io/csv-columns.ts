import { distance } from 'fastest-levenshtein';
import { type ErrorIssue, MusubiError } from '../errors.js';
import { linkEventTypes } from '../model/kinds.js';
import type { Engagement, Entity, Link } from '../model/records.js';

/** One CSV column: its bilingual header (`名称（日本語）/name_ja`) and how a record fills it. */
export interface CsvColumn<R> {
  readonly ja: string;
  readonly en: string;
  readonly required?: boolean;
  /** The record field the column fills, when it is not `en` (`end_date` fills `endDate`). */
  readonly field?: string;
  /** The cell holds dates (several separated by `;`), read with `parseDateInput` as staff write them. */
  readonly dates?: boolean;
  /** The cell written for a record. */
  write(record: R): string;
  /** Puts the cell's value into the input being built (only called for a non-empty cell). */
  read(cell: string, input: Record<string, unknown>): void;
}

/** Lists in one cell are separated by `;` (tags, several revision dates). */
export const LIST_SEPARATOR = ';';

const set =
  (field: string, value: (cell: string) => unknown = (cell) => cell) =>
  (cell: string, input: Record<string, unknown>) => {
    input[field] = value(cell);
  };

const list = (cell: string) =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const name =
  (field: 'name' | 'title', lang: 'ja' | 'en') => (cell: string, input: Record<string, unknown>) => {
    input[field] = { ...(input[field] as object | undefined), [lang]: cell };
  };

/**
 * The entity sheet, one row per entity:
 * ID/id, 種別/kind, 名称（日本語）/name_ja, 名称（英語）/name_en, 国/country, 開始/since, 終了/until,
 * 別名/aliases (`;`-separated), タグ/tags (`;`-separated), 備考/notes.
 */
export const entityColumns: readonly CsvColumn<Entity>[] = [
  { ja: 'ID', en: 'id', write: (e) => e.id, read: set('id') },
  { ja: '種別', en: 'kind', required: true, write: (e) => e.kind, read: set('kind') },
  { ja: '名称（日本語）', en: 'name_ja', write: (e) => e.name.ja ?? '', read: name('name', 'ja') },
  { ja: '名称（英語）', en: 'name_en', write: (e) => e.name.en ?? '', read: name('name', 'en') },
  {
    ja: '国',
    en: 'country',
    write: (e) => e.country ?? '',
    read: set('country', (c) => c.toUpperCase()),
  },
  { ja: '開始', en: 'since', dates: true, write: (e) => e.since ?? '', read: set('since') },
  { ja: '終了', en: 'until', dates: true, write: (e) => e.until ?? '', read: set('until') },
  {
    ja: '別名',
    en: 'aliases',
    write: (e) => e.aliases.join(LIST_SEPARATOR),
    read: set('aliases', (c) => list(c)),
  },
  {
    ja: 'タグ',
    en: 'tags',
    write: (e) => e.tags.join(LIST_SEPARATOR),
    read: set('tags', (c) => list(c)),
  },
  { ja: '備考', en: 'notes', write: (e) => e.notes ?? '', read: set('notes') },
];

const eventJa: Record<string, string> = {
  signed: '締結',
  revised: '改定',
  renewed: '更新',
  suspended: '停止',
  ended: '終了',
};

/**
 * The link sheet, one row per link with its events in columns: ID/id, 種別/kind, 起点/source,
 * 終点/target, 名称（日本語）/title_ja, 名称（英語）/title_en, then one column per event type
 * (締結/signed, 改定/revised, 更新/renewed, 停止/suspended, 終了/ended) holding its date, several dates
 * separated by `;`; then タグ/tags and 備考/notes. Event notes are not kept in CSV (use JSON).
 */
export const linkColumns: readonly CsvColumn<Link>[] = [
  { ja: 'ID', en: 'id', write: (l) => l.id, read: set('id') },
  { ja: '種別', en: 'kind', required: true, write: (l) => l.kind, read: set('kind') },
  { ja: '起点', en: 'source', required: true, write: (l) => l.source, read: set('source') },
  { ja: '終点', en: 'target', required: true, write: (l) => l.target, read: set('target') },
  { ja: '名称（日本語）', en: 'title_ja', write: (l) => l.title?.ja ?? '', read: name('title', 'ja') },
  { ja: '名称（英語）', en: 'title_en', write: (l) => l.title?.en ?? '', read: name('title', 'en') },
  ...linkEventTypes.map(
    (type): CsvColumn<Link> => ({
      ja: eventJa[type] ?? type,
      en: type,
      dates: true,
      write: (l) =>
        l.events
          .filter((e) => e.type === type)
          .map((e) => e.date)
          .join(LIST_SEPARATOR),
      read: (c, i) => {
        const events = (i.events as unknown[] | undefined) ?? [];
        i.events = [...events, ...list(c).map((date) => ({ type, date }))];
      },
    }),
  ),
  {
    ja: 'タグ',
    en: 'tags',
    write: (l) => l.tags.join(LIST_SEPARATOR),
    read: set('tags', (c) => list(c)),
  },
  { ja: '備考', en: 'notes', write: (l) => l.notes ?? '', read: set('notes') },
];

/** A participant cell: `entity` or `entity:role`, several separated by `;`. */
const participants = (cell: string) =>
  list(cell).map((item) => {
    const at = item.lastIndexOf(':');
    return at > 0 ? { entity: item.slice(0, at).trim(), role: item.slice(at + 1).trim() } : { entity: item };
  });

/**
 * The engagement sheet, one row per engagement: ID/id, 種別/type, 日付/date, 終了日/end_date,
 * 名称（日本語）/title_ja, 名称（英語）/title_en, 参加者/participants (`entity:role` items separated by
 * `;`, the role one of host, visitor, organizer, participant; `entity` alone means participant),
 * 事業/programme (a programme id), 話題/topics, タグ/tags, 備考/notes. Follow-ups are not kept in CSV
 * (use JSON).
 */
export const engagementColumns: readonly CsvColumn<Engagement>[] = [
  { ja: 'ID', en: 'id', write: (e) => e.id, read: set('id') },
  { ja: '種別', en: 'type', required: true, write: (e) => e.type, read: set('type') },
  { ja: '日付', en: 'date', required: true, dates: true, write: (e) => e.date, read: set('date') },
  {
    ja: '終了日',
    en: 'end_date',
    field: 'endDate',
    dates: true,
    write: (e) => e.endDate ?? '',
    read: set('endDate'),
  },
  { ja: '名称（日本語）', en: 'title_ja', write: (e) => e.title.ja ?? '', read: name('title', 'ja') },
  { ja: '名称（英語）', en: 'title_en', write: (e) => e.title.en ?? '', read: name('title', 'en') },
  {
    ja: '参加者',
    en: 'participants',
    required: true,
    write: (e) => e.participants.map((p) => `${p.entity}:${p.role}`).join(LIST_SEPARATOR),
    read: set('participants', participants),
  },
  { ja: '事業', en: 'programme', write: (e) => e.programme ?? '', read: set('programme') },
  {
    ja: '話題',
    en: 'topics',
    write: (e) => e.topics.join(LIST_SEPARATOR),
    read: set('topics', (c) => list(c)),
  },
  {
    ja: 'タグ',
    en: 'tags',
    write: (e) => e.tags.join(LIST_SEPARATOR),
    read: set('tags', (c) => list(c)),
  },
  { ja: '備考', en: 'notes', write: (e) => e.notes ?? '', read: set('notes') },
];

/** The header written on export: `名称（日本語）/name_ja`. */
export function headerOf(column: CsvColumn<unknown>): string {
  return `${column.ja}/${column.en}`;
}

/**
 * A header as compared: NFKC folds width (`ＩＤ` → `ID`, `（` → `(`), then case, spaces and `_` are
 * dropped, so `名称(日本語)`, `Name JA` and `名称（日本語）/name_ja` all name the same column.
 */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_]/g, '');
}

/** Finds the column a header names: the bilingual form, the Japanese or the English one, in any width. */
export function columnFor<R>(columns: readonly CsvColumn<R>[], header: string): CsvColumn<R> | undefined {
  const key = headerKey(header);
  if (key === '') return undefined;
  return columns.find(
    (c) =>
      key === headerKey(headerOf(c as CsvColumn<unknown>)) ||
      key === headerKey(c.ja) ||
      key === headerKey(c.en),
  );
}

/** A header cell that names no column of the sheet, with the known header nearest to it. */
export interface IgnoredColumn {
  /** The header as the file writes it. */
  readonly header: string;
  /** Its place, 1 for column A. */
  readonly column: number;
  /** The known header (`開始/since`) nearest to it in spelling, when one is near. */
  readonly nearest?: string;
}

/** The known header nearest to `header` (Levenshtein distance over the folded forms), if any is near. */
export function nearestHeader<R>(columns: readonly CsvColumn<R>[], header: string): string | undefined {
  const key = headerKey(header);
  let best: { column: CsvColumn<R>; d: number } | undefined;
  for (const column of columns) {
    for (const name of [column.ja, column.en]) {
      const d = distance(key, headerKey(name));
      if (!best || d < best.d) best = { column, d };
    }
  }
  // nearer than replacing the whole header: `国名` → `国`, `開始日` → `開始`, but not `担当者` → `国`
  return best && best.d < key.length ? headerOf(best.column as CsvColumn<unknown>) : undefined;
}

/** Column letters as a spreadsheet shows them: 1 → `A`, 27 → `AA`. */
export function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * Reads a header row: the column each cell names, and the cells that name none (reported, with
 * the nearest known header). Two cells naming one column are refused (VALIDATION,
 * `duplicate-column` at the header row), since one of them would silently win.
 */
export function matchHeader<R>(
  cells: readonly string[],
  columns: readonly CsvColumn<R>[],
  row: number,
): { mapped: (CsvColumn<R> | undefined)[]; ignored: IgnoredColumn[] } {
  const mapped = cells.map((h) => columnFor(columns, h));
  const ignored: IgnoredColumn[] = [];
  const issues: ErrorIssue[] = [];
  mapped.forEach((column, i) => {
    const header = cells[i]?.trim() ?? '';
    if (!column) {
      if (header === '') return;
      const nearest = nearestHeader(columns, header);
      ignored.push({ header, column: i + 1, ...(nearest ? { nearest } : {}) });
      return;
    }
    const first = mapped.indexOf(column);
    if (first === i) return;
    const name = headerOf(column as CsvColumn<unknown>);
    issues.push({
      path: [row, header],
      code: 'duplicate-column',
      message: `columns ${columnLetter(first + 1)} and ${columnLetter(i + 1)} both name ${name} / ${columnLetter(first + 1)} 列と ${columnLetter(i + 1)} 列が同じ列「${column.ja}」です`,
      params: { column: name, first: columnLetter(first + 1), second: columnLetter(i + 1) },
    });
  });
  if (issues.length > 0) {
    throw new MusubiError(
      'VALIDATION',
      `the header names a column twice, nothing imported / 見出しに同じ列が二つあるため、何も取り込んでいません (${issues.map((i) => i.params?.column).join(', ')})`,
      { issues },
    );
  }
  return { mapped, ignored };
}
