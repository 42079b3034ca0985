/**
 * The sheets of the network workbook (`networkToXlsx` / `importXlsx`): which records each holds,
 * its columns in Japanese and English, and how a cell is written and read back. Kinds, types,
 * roles and countries are written as words in the workbook's language and read back in either
 * language (or as Musubi's codes).
 */

import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import {
  engagementTypeWords,
  entityKindWords,
  linkEventWords,
  linkKindWords,
  participantRoleWords,
} from '../briefing/briefing-words.js';
import type { Collection } from '../changes/change.js';
import { policySheetWords } from '../indicators/policy-sheet-markdown.js';
import { allCountryCodes, countryName } from '../model/countries.js';
import { unitNames } from '../model/indicators.js';
import type { Lang } from '../model/names.js';

/** A cell as written: text, a number, or nothing. */
export type SheetValue = string | number | undefined;

/** What a column holds, for reading: dates are read as offices write them, numbers as numbers. */
export type ColumnType = 'text' | 'date' | 'number' | 'list' | 'yes-no' | 'country' | 'info';

/** Words for the codes of a column (`sister` → 姉妹提携 / Sister affiliation). */
export type Words = Readonly<Record<string, { readonly ja: string; readonly en: string }>>;

export interface WorkbookColumn {
  readonly ja: string;
  readonly en: string;
  readonly type?: ColumnType;
  /** The record path the column fills (`['name', 'ja']`): an issue there is reported at this column. */
  readonly path: readonly (string | number)[];
  /** The codes of the column, written as words. */
  readonly words?: Words;
  readonly required?: boolean;
  /** For an `info` column: the field holding the id of the entity whose name it shows. */
  readonly nameOf?: string;
}

export interface WorkbookSheet {
  /** The sheet's key, and its names as tabs. */
  readonly key: SheetKey;
  readonly ja: string;
  readonly en: string;
  readonly columns: readonly WorkbookColumn[];
}

export type SheetKey =
  | 'entities'
  | 'links'
  | 'linkEvents'
  | 'engagements'
  | 'participants'
  | 'followUps'
  | 'programmes'
  | 'budgets'
  | 'indicators'
  | 'targets'
  | 'figures';

const yesNo: Words = { true: { ja: 'はい', en: 'Yes' }, false: { ja: 'いいえ', en: 'No' } };
const indicatorKindWords: Words = { outcome: policySheetWords.outcome, activity: policySheetWords.activity };

const col = (
  ja: string,
  en: string,
  path: string | readonly (string | number)[],
  more: Partial<WorkbookColumn> = {},
): WorkbookColumn => ({ ja, en, path: typeof path === 'string' ? [path] : path, ...more });

const names = (field: string, ja: string, en: string) => [
  col(`${ja}（日本語）`, `${en} (Japanese)`, [field, 'ja']),
  col(`${ja}（英語）`, `${en} (English)`, [field, 'en']),
];

/** The sheets, in the order they are written and read (referenced records first). */
export const workbookSheets: readonly WorkbookSheet[] = [
  {
    key: 'entities',
    ja: '組織等',
    en: 'Entities',
    columns: [
      col('ID', 'ID', 'id'),
      col('種別', 'Kind', 'kind', { words: entityKindWords, required: true }),
      ...names('name', '名称', 'Name'),
      col('国', 'Country', 'country', { type: 'country' }),
      col('緯度', 'Latitude', ['coordinates', 'lat'], { type: 'number' }),
      col('経度', 'Longitude', ['coordinates', 'lng'], { type: 'number' }),
      col('開始', 'Since', 'since', { type: 'date' }),
      col('終了', 'Until', 'until', { type: 'date' }),
      col('別名', 'Aliases', 'aliases', { type: 'list' }),
      col('タグ', 'Tags', 'tags', { type: 'list' }),
      col('備考', 'Notes', 'notes'),
    ],
  },
  {
    key: 'programmes',
    ja: '事業',
    en: 'Programmes',
    columns: [
      col('ID', 'ID', 'id', { required: true }),
      ...names('name', '名称', 'Name'),
      col('基本事業コード', 'Basic programme code', ['basicProgramme', 'code'], { required: true }),
      ...names('basicProgramme.name', '基本事業名', 'Basic programme name').map((c) => ({
        ...c,
        path: ['basicProgramme', 'name', c.path[1] as string],
      })),
      ...names('summary', '概要', 'Summary'),
      col('タグ', 'Tags', 'tags', { type: 'list' }),
      col('備考', 'Notes', 'notes'),
    ],
  },
  {
    key: 'budgets',
    ja: '予算',
    en: 'Budgets',
    columns: [
      col('事業', 'Programme', 'parent', { required: true }),
      col('年度', 'Fiscal year', 'fiscalYear', { type: 'number', required: true }),
      col('予算額(千円)', 'Budget (thousand yen)', 'amount', { type: 'number', required: true }),
    ],
  },
  {
    key: 'indicators',
    ja: '指標',
    en: 'Indicators',
    columns: [
      col('ID', 'ID', 'id', { required: true }),
      ...names('name', '名称', 'Name'),
      ...names('description', '説明', 'Description'),
      col('単位', 'Unit', 'unit', { words: unitNames, required: true }),
      col('区分', 'Type', 'kind', { words: indicatorKindWords, required: true }),
      col('基本事業コード', 'Basic programme code', 'basicProgramme'),
      col('集計の定義（JSON）', 'Measure (JSON)', 'measure', { required: true }),
      col('現状値の年度', 'Baseline fiscal year', ['baseline', 'fiscalYear'], { type: 'number' }),
      col('現状値', 'Baseline', ['baseline', 'value'], { type: 'number' }),
      col('タグ', 'Tags', 'tags', { type: 'list' }),
      col('備考', 'Notes', 'notes'),
    ],
  },
  {
    key: 'targets',
    ja: '目標値',
    en: 'Targets',
    columns: [
      col('指標', 'Indicator', 'parent', { required: true }),
      col('年度', 'Fiscal year', 'fiscalYear', { type: 'number', required: true }),
      col('目標値', 'Target', 'target', { type: 'number', required: true }),
    ],
  },
  {
    key: 'figures',
    ja: '実績値（手入力）',
    en: 'Manual figures',
    columns: [
      col('ID', 'ID', 'id'),
      col('指標', 'Indicator', 'indicator', { required: true }),
      col('年度', 'Fiscal year', 'fiscalYear', { type: 'number', required: true }),
      col('値', 'Value', 'value', { type: 'number', required: true }),
      col('備考', 'Notes', 'note'),
    ],
  },
  {
    key: 'links',
    ja: 'つながり',
    en: 'Links',
    columns: [
      col('ID', 'ID', 'id'),
      col('種別', 'Kind', 'kind', { words: linkKindWords, required: true }),
      col('起点', 'Source', 'source', { required: true }),
      col('起点の名称', 'Source name', 'sourceName', { type: 'info', nameOf: 'source' }),
      col('終点', 'Target', 'target', { required: true }),
      col('終点の名称', 'Target name', 'targetName', { type: 'info', nameOf: 'target' }),
      ...names('title', '名称', 'Title'),
      col('タグ', 'Tags', 'tags', { type: 'list' }),
      col('備考', 'Notes', 'notes'),
    ],
  },
  {
    key: 'linkEvents',
    ja: 'つながりの経緯',
    en: 'Link events',
    columns: [
      col('つながり', 'Link', 'parent', { required: true }),
      col('ID', 'ID', 'id'),
      col('出来事', 'Event', 'type', { words: linkEventWords, required: true }),
      col('日付', 'Date', 'date', { type: 'date', required: true }),
      col('備考', 'Notes', 'note'),
    ],
  },
  {
    key: 'engagements',
    ja: '交流',
    en: 'Engagements',
    columns: [
      col('ID', 'ID', 'id', { required: true }),
      col('種別', 'Type', 'type', { words: engagementTypeWords, required: true }),
      col('日付', 'Date', 'date', { type: 'date', required: true }),
      col('終了日', 'End date', 'endDate', { type: 'date' }),
      ...names('title', '名称', 'Title'),
      col('事業', 'Programme', 'programme'),
      col('話題', 'Topics', 'topics', { type: 'list' }),
      col('タグ', 'Tags', 'tags', { type: 'list' }),
      col('備考', 'Notes', 'notes'),
    ],
  },
  {
    key: 'participants',
    ja: '参加者',
    en: 'Participants',
    columns: [
      col('交流', 'Engagement', 'parent', { required: true }),
      col('組織等', 'Entity', 'entity', { required: true }),
      col('組織等の名称', 'Entity name', 'entityName', { type: 'info', nameOf: 'entity' }),
      col('役割', 'Role', 'role', { words: participantRoleWords }),
    ],
  },
  {
    key: 'followUps',
    ja: 'フォローアップ',
    en: 'Follow-ups',
    columns: [
      col('交流', 'Engagement', 'parent', { required: true }),
      col('ID', 'ID', 'id'),
      col('内容', 'Task', 'text', { required: true }),
      col('期限', 'Due', 'due', { type: 'date' }),
      col('完了', 'Done', 'done', { type: 'yes-no', words: yesNo }),
    ],
  },
];

/** The sheet of a key. */
export function sheetOf(key: SheetKey): WorkbookSheet {
  const sheet = workbookSheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`no sheet ${key}`);
  return sheet;
}

/** The collection whose records a top-level sheet holds; child sheets belong to their parent's. */
export const sheetCollections: Partial<Record<SheetKey, Collection>> = {
  entities: 'entity',
  programmes: 'programme',
  indicators: 'indicator',
  figures: 'figure',
  links: 'link',
  engagements: 'engagement',
};

/** Child sheets: the parent sheet and the record field their rows fill. */
export const childSheets: Partial<Record<SheetKey, { parent: SheetKey; field: string }>> = {
  linkEvents: { parent: 'links', field: 'events' },
  participants: { parent: 'engagements', field: 'participants' },
  followUps: { parent: 'engagements', field: 'followUps' },
  budgets: { parent: 'programmes', field: 'budgets' },
  targets: { parent: 'indicators', field: 'targets' },
};

/** A country as a word (`TH` → タイ / Thailand). */
export function countryWord(code: string, lang: Lang): string {
  return countryName(code, lang) ?? code;
}

let countryCodes: Map<string, string> | undefined;

const wordKey = (word: string) => word.normalize('NFKC').trim().toLowerCase();

/**
 * The code of a country written as a word in either language, or as its code (`タイ`, `Thailand`,
 * `th`). Besides the names Musubi writes, the names and variants of i18n-iso-countries are read
 * (`Czech Republic`, `Taiwan, Province of China`, `スワジランド`, `Ivory Coast`: what Musubi wrote
 * before its names came from the platform), except a variant that two countries share (`Congo`).
 */
export function countryCodeOf(word: string): string | undefined {
  if (!countryCodes) {
    countryCodes = new Map();
    const shared = new Set<string>();
    countries.registerLocale(en);
    countries.registerLocale(ja);
    for (const lang of ['ja', 'en'] as const) {
      for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
        for (const name of names) {
          const key = wordKey(name);
          if (countryCodes.has(key) && countryCodes.get(key) !== code) shared.add(key);
          countryCodes.set(key, code);
        }
      }
    }
    for (const key of shared) countryCodes.delete(key);
    for (const code of allCountryCodes()) {
      countryCodes.set(code.toLowerCase(), code);
      for (const lang of ['ja', 'en'] as const) {
        const name = countryName(code, lang);
        if (name) countryCodes.set(wordKey(name), code);
      }
    }
  }
  return countryCodes.get(wordKey(word));
}

/** The code a word stands for in a column (either language, or the code itself), or undefined. */
export function codeOf(words: Words, word: string): string | undefined {
  const key = word.normalize('NFKC').trim().toLowerCase();
  for (const [code, w] of Object.entries(words)) {
    if (
      key === code.toLowerCase() ||
      key === w.ja.normalize('NFKC').toLowerCase() ||
      key === w.en.normalize('NFKC').toLowerCase()
    )
      return code;
  }
  return undefined;
}
