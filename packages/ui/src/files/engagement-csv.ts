/**
 * The engagement sheet (活動の一覧) as CSV for Excel, one row per engagement. The core's CSV
 * interchange covers entities and links only, so this export-only sheet is written here with the
 * same conventions: UTF-8 with a BOM, CRLF line ends, formula-like cells neutralised by the core's
 * `neutraliseCell`, lists separated by `;`, headers in the UI language.
 */
import {
  type Engagement,
  type Lang,
  LIST_SEPARATOR,
  type NetworkView,
  nameIn,
  neutraliseCell,
} from '@musubi/core';

interface EngagementColumn {
  readonly ja: string;
  readonly en: string;
  write(engagement: Engagement, view: NetworkView, lang: Lang): string;
}

const list = (items: readonly string[]) => items.join(LIST_SEPARATOR);

/** The columns, in order. Participants are written as ids with their role, and again by name. */
export const engagementColumns: readonly EngagementColumn[] = [
  { ja: 'ID', en: 'id', write: (e) => e.id },
  { ja: '種別', en: 'type', write: (e) => e.type },
  { ja: '日付', en: 'date', write: (e) => e.date },
  { ja: '終了日', en: 'endDate', write: (e) => e.endDate ?? '' },
  { ja: '名称（日本語）', en: 'title_ja', write: (e) => e.title.ja ?? '' },
  { ja: '名称（英語）', en: 'title_en', write: (e) => e.title.en ?? '' },
  {
    ja: '参加者',
    en: 'participants',
    write: (e) => list(e.participants.map((p) => `${p.entity}:${p.role}`)),
  },
  {
    ja: '参加者名',
    en: 'participant_names',
    write: (e, view, lang) =>
      list(
        e.participants.map((p) => {
          const entity = view.entity(p.entity);
          return entity ? nameIn(entity.name, lang) : p.entity;
        }),
      ),
  },
  { ja: '事業', en: 'programme', write: (e) => e.programme ?? '' },
  { ja: '話題', en: 'topics', write: (e) => list(e.topics) },
  {
    ja: 'フォローアップ',
    en: 'follow_ups',
    write: (e) => list(e.followUps.map((f) => (f.due ? `${f.due} ${f.text}` : f.text))),
  },
  { ja: 'タグ', en: 'tags', write: (e) => list(e.tags) },
  { ja: '備考', en: 'notes', write: (e) => e.notes ?? '' },
];

/** One CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes every engagement of `view`, by date, with headers in `lang`. */
export function engagementsToCsv(view: NetworkView, lang: Lang): string {
  const header = engagementColumns.map((c) => csvCell(lang === 'ja' ? c.ja : c.en)).join(',');
  const rows = view
    .engagements()
    .map((e) => engagementColumns.map((c) => csvCell(neutraliseCell(c.write(e, view, lang)))).join(','));
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}
