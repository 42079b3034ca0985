import type * as z from 'zod/mini';
import type { ErrorIssue } from '../errors.js';
import type { Lang } from '../model/names.js';

type Params = Readonly<Record<string, string | number>>;
type Say = (p: Params) => string;

const str = (p: Params, key: string) => String(p[key] ?? '');

/** The half of a bilingual header `開始/since` in `lang`; other text as it is. */
export function headerIn(header: string, lang: Lang): string {
  const slash = header.indexOf('/');
  if (slash <= 0 || slash === header.length - 1) return header;
  return lang === 'ja' ? header.slice(0, slash) : header.slice(slash + 1);
}

/**
 * The wording of every import issue code, in Japanese and English, from the issue's `params`
 * (never from its English message). Callers with their own wording (the UI's locale files) switch
 * on the same codes.
 */
export const importIssueWords: Readonly<Record<string, { ja: Say; en: Say }>> = {
  'quote-unclosed': {
    ja: (p) =>
      `${str(p, 'row')} 行目（ファイルの ${str(p, 'line')} 行目）で開いた引用符（"）が閉じていません`,
    en: (p) =>
      `a quote (") opened in row ${str(p, 'row')} (line ${str(p, 'line')} of the file) is never closed`,
  },
  'quote-malformed': {
    ja: (p) => `${str(p, 'row')} 行目の引用符（"）で囲んだセルの後に文字があります`,
    en: (p) => `a quoted cell in row ${str(p, 'row')} has text after its closing quote (")`,
  },
  'quote-spans-rows': {
    ja: () => 'セルに表の行のような行が含まれています。余分な引用符（"）で行がつながった可能性があります',
    en: () => 'the quoted cell holds lines shaped like rows: a stray quote (") probably joined them',
  },
  'cell-without-header': {
    ja: (p) => `見出しのない ${str(p, 'column')} 列に値「${str(p, 'value')}」があります`,
    en: (p) => `column ${str(p, 'column')} has no header but holds "${str(p, 'value')}"`,
  },
  'duplicate-column': {
    ja: (p) =>
      `${str(p, 'first')} 列と ${str(p, 'second')} 列が同じ列「${headerIn(str(p, 'column'), 'ja')}」です`,
    en: (p) =>
      `columns ${str(p, 'first')} and ${str(p, 'second')} both name ${headerIn(str(p, 'column'), 'en')}`,
  },
  'missing-column': {
    ja: (p) => `必須の列「${headerIn(str(p, 'column'), 'ja')}」がありません`,
    en: (p) => `the required column ${headerIn(str(p, 'column'), 'en')} is missing`,
  },
  'empty-file': { ja: () => 'CSV が空です', en: () => 'the CSV file is empty' },
  'too-long': {
    ja: (p) => `長すぎます（${str(p, 'max')} 文字まで）`,
    en: (p) => `too long (at most ${str(p, 'max')} characters)`,
  },
  'control-character': { ja: () => '制御文字が含まれています', en: () => 'holds control characters' },
  'duplicate-id': {
    ja: (p) => `ID「${str(p, 'id')}」が重複しているか、既に使われています`,
    en: (p) => `the id ${str(p, 'id')} appears twice or is already taken`,
  },
  'unknown-reference': {
    ja: (p) =>
      `ID「${str(p, 'id')}」の${p.target === 'programme' ? '事業' : p.target === 'indicator' ? '指標' : '組織等'}がありません`,
    en: (p) =>
      `no ${p.target === 'programme' || p.target === 'indicator' ? p.target : 'entity'} has the id ${str(p, 'id')}`,
  },
  'date-unreadable': {
    ja: (p) => `「${str(p, 'text')}」は日付として読めません（例: 2019/5/1、令和元年5月1日）`,
    en: (p) => `"${str(p, 'text')}" is not a date (e.g. 2019/5/1, 令和元年5月1日)`,
  },
  'date-ambiguous': {
    ja: (p) => `「${str(p, 'text')}」は複数の読み方ができます。年を4桁で先に書いてください（2019/5/1）`,
    en: (p) =>
      `"${str(p, 'text')}" can be read more than one way; write the year first with four digits (2019/5/1)`,
  },
  'date-impossible': {
    ja: (p) => `「${str(p, 'text')}」という日付はありません`,
    en: (p) => `"${str(p, 'text')}" is not in the calendar`,
  },
  'date-outside-era': {
    ja: (p) => `「${str(p, 'text')}」は${str(p, 'era')}の期間にありません`,
    en: (p) => `"${str(p, 'text')}" is outside the ${str(p, 'era')} era`,
  },
  'date-serial': {
    ja: (p) =>
      `「${str(p, 'text')}」は Excel の日付のシリアル値のようです。セルの書式を日付にして保存し直してください`,
    en: (p) =>
      `"${str(p, 'text')}" looks like an Excel date serial; format the cell as a date and save again`,
  },
  'not-one-of': {
    ja: (p) => `「${str(p, 'value')}」は使えません。次のどれかにしてください: ${str(p, 'values')}`,
    en: (p) => `"${str(p, 'value')}" is not allowed; use one of: ${str(p, 'values')}`,
  },
  required: { ja: () => '入力が必要です', en: () => 'is required' },
  'one-line': { ja: () => '改行やタブを含められません（一行で）', en: () => 'must be on one line' },
  'name-needed': {
    ja: () => '名称（日本語）か名称（英語）のどちらかが必要です',
    en: () => 'a name in Japanese or English is needed',
  },
  country: {
    ja: () => '国は ISO 3166-1 の2文字（TH、BR など）で書いてください',
    en: () => 'a country is an ISO 3166-1 alpha-2 code such as TH or BR',
  },
  'id-format': {
    ja: () => 'ID は英数字と . _ : - の128文字以内で、英数字で始めてください',
    en: () => 'an id is 1–128 letters, digits and . _ : -, starting with a letter or digit',
  },
  'id-reserved': { ja: () => 'この ID は使えません', en: () => 'this id is reserved' },
  'end-before-start': {
    ja: (p) => `終わり（${str(p, 'end')}）が始まり（${str(p, 'start')}）より前です`,
    en: (p) => `the end (${str(p, 'end')}) is before the start (${str(p, 'start')})`,
  },
  'signed-once': {
    ja: () => '締結は一度だけです。その後は改定か更新にしてください',
    en: () => 'a link is signed once; use revised or renewed for later events',
  },
  'before-signed': {
    ja: (p) => `締結（${str(p, 'date')}）より前の日付です`,
    en: (p) => `comes before the link was signed (${str(p, 'date')})`,
  },
  'duplicate-participant': {
    ja: (p) => `「${str(p, 'id')}」が参加者に二度あります`,
    en: (p) => `${str(p, 'id')} is a participant twice`,
  },
  'too-many': {
    ja: (p) => `多すぎます（${str(p, 'max')} 個まで）`,
    en: (p) => `too many (at most ${str(p, 'max')})`,
  },
  'self-loop': {
    ja: (p) =>
      `${p.edge ? `辺「${str(p, 'edge')}」は` : ''}ノード「${str(p, 'node')}」（${str(p, 'label')}）から自身へのつながりです`,
    en: (p) =>
      `${p.edge ? `edge ${str(p, 'edge')} ` : 'an edge '}goes from node ${str(p, 'node')} (${str(p, 'label')}) to itself`,
  },
  'undeclared-node': {
    ja: (p) =>
      `${p.edge ? `辺「${str(p, 'edge')}」` : `辺 ${str(p, 'source')}→${str(p, 'target')}`}が、ファイルにないノード「${str(p, 'node')}」を指しています`,
    en: (p) =>
      `${p.edge ? `edge ${str(p, 'edge')}` : `the edge ${str(p, 'source')}→${str(p, 'target')}`} refers to node ${str(p, 'node')}, which the file does not declare`,
  },
  'not-a-number': {
    ja: (p) => `「${str(p, 'value')}」は数値ではありません`,
    en: (p) => `"${str(p, 'value')}" is not a number`,
  },
  'unknown-country': {
    ja: (p) => `「${str(p, 'value')}」という国はありません（例: タイ、Thailand、TH）`,
    en: (p) => `"${str(p, 'value')}" is not a country (e.g. タイ, Thailand, TH)`,
  },
  'unknown-parent': {
    ja: (p) => `ID「${str(p, 'id')}」の行がシート「${str(p, 'parentSheet')}」にありません`,
    en: (p) => `no row of the sheet ${str(p, 'parentSheet')} has the id ${str(p, 'id')}`,
  },
  'duplicate-year': {
    ja: (p) => `「${str(p, 'id')}」の${str(p, 'year')}年度が二度あります`,
    en: (p) => `${str(p, 'id')} has fiscal year ${str(p, 'year')} twice`,
  },
  'duplicate-sheet': {
    ja: (p) => `シート「${str(p, 'sheet')}」と同じ内容のシートがもう一つあります`,
    en: (p) => `another sheet holds the same records as ${str(p, 'sheet')}`,
  },
  'cell-error': {
    ja: (p) => `セルが Excel のエラー ${str(p, 'value')} を表示しています`,
    en: (p) => `the cell shows the Excel error ${str(p, 'value')}`,
  },
  invalid: {
    ja: (p) => `値が正しくありません（${str(p, 'detail')}）`,
    en: (p) => `invalid value (${str(p, 'detail')})`,
  },
};

/**
 * An import issue as one sentence in `lang`, from its code and params. An issue of a code that
 * has no wording (from an older core) keeps its own message.
 *
 * @example
 * importIssueText({ path: [5, '開始/since'], code: 'date-ambiguous', message: '…', params: { text: '1/5/2019' } }, 'ja');
 * // '「1/5/2019」は複数の読み方ができます。年を4桁で先に書いてください（2019/5/1）'
 */
export function importIssueText(issue: ErrorIssue, lang: Lang): string {
  const words = importIssueWords[issue.code];
  return words ? words[lang](issue.params ?? {}) : issue.message;
}

/**
 * A schema issue of a row as an import issue with a Musubi code and params: the model's refinements
 * name their reason in `params.reason`; zod's own codes are turned into Musubi's.
 */
export function importIssueOf(
  issue: z.core.$ZodIssue,
  cell: string | undefined,
): { code: string; message: string; params: Params } {
  const own = (issue as { params?: Record<string, unknown> }).params;
  const reason = typeof own?.reason === 'string' ? own.reason : undefined;
  const message = issue.message;
  if (reason) {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(own ?? {}))
      if (k !== 'reason' && (typeof v === 'string' || typeof v === 'number')) params[k] = v;
    return { code: reason, message, params };
  }
  switch (issue.code) {
    case 'invalid_value':
      return {
        code: 'not-one-of',
        message,
        params: { value: cell ?? '', values: issue.values.map(String).join(', ') },
      };
    case 'invalid_type':
      return { code: 'required', message, params: {} };
    case 'too_small':
      return { code: 'required', message, params: {} };
    case 'too_big':
      return {
        code: issue.origin === 'array' ? 'too-many' : 'too-long',
        message,
        params: { max: Number(issue.maximum) },
      };
    case 'invalid_format':
      return { code: issue.path[0] === 'id' ? 'id-format' : 'invalid', message, params: { detail: message } };
    default:
      return { code: 'invalid', message, params: { detail: message } };
  }
}
