/**
 * A refused file or a CSV report in the user's language. The core's errors carry a code, a path,
 * issues and details (and a bilingual English / Japanese message for people reading logs); the UI
 * chooses its own sentence from the code and details, and keeps the file's line and column.
 */
import { type ErrorIssue, formatPath, type Lang, type MusubiError } from '@musubi/core';
import { MAX_CELL_CHARS } from '@musubi/core/csv';
import { importIssueText, importIssueWords } from '@musubi/core/words';
import { issueMessage } from '../forms/issue-message.js';
import type { I18n } from '../i18n/i18n.js';
import { badRows } from './imports.js';

type T = I18n['t'];

/** One problem: where it is (a CSV row and column, a JSON path) and what it is. */
export interface ProblemLine {
  readonly where?: string;
  readonly message: string;
}

/** A refusal as the user reads it: one sentence, then every problem found. */
export interface FileProblem {
  readonly summary: string;
  readonly lines: readonly ProblemLine[];
}

/** The part of a CSV header `名称（日本語）/name_ja` in `lang`. */
export function columnLabel(header: string, lang: Lang): string {
  const slash = header.indexOf('/');
  if (slash <= 0) return header;
  return lang === 'ja' ? header.slice(0, slash) : header.slice(slash + 1);
}

/** The half of a core message `English / 日本語` in `lang`, or the whole message. */
export function messageIn(message: string, lang: Lang): string {
  const at = message.indexOf(' / ');
  if (at === -1) return message;
  return lang === 'en' ? message.slice(0, at) : message.slice(at + 3);
}

const megabytes = (bytes: unknown) => (Number(bytes) / (1024 * 1024)).toFixed(1);

/** Where a CSV issue is: `3 行目「種別」` / `line 3, column kind`. */
export function csvWhere(issue: ErrorIssue, lang: Lang, t: T): string {
  const [line, column] = issue.path;
  if (column === undefined) return t('files.issue.line', { line: String(line) });
  return t('files.issue.lineColumn', { line: String(line), column: columnLabel(String(column), lang) });
}

/** Issue codes of `importCsv` that the UI words with the form's own sentences. */
const formWords: Readonly<Record<string, Parameters<T>[0]>> = {
  required: 'form.error.required',
  'name-needed': 'form.error.nameNeeded',
  country: 'form.error.country',
  'one-line': 'form.error.oneLine',
  'control-character': 'form.error.controlCharacters',
  'end-before-start': 'form.error.endBeforeStart',
  'duplicate-participant': 'form.error.duplicateParticipant',
  'signed-once': 'form.error.signedOnce',
  'id-format': 'form.error.id',
  'id-reserved': 'form.error.id',
};

/**
 * A CSV issue (from `importCsv`) as one sentence, chosen by its code and params (never by its
 * English message): the form's wording where the form has one, else the core's words for the code.
 */
export function csvIssueMessage(issue: ErrorIssue, lang: Lang, t: T): string {
  const params = issue.params ?? {};
  const id = String(params.id ?? '');
  switch (issue.code) {
    case 'missing-column':
      return t('files.issue.missingColumn', { column: columnLabel(String(issue.path[1] ?? ''), lang) });
    case 'too-long':
      return t('form.error.tooLong', { max: params.max ?? MAX_CELL_CHARS });
    case 'duplicate-id':
      return t('files.issue.duplicateId', { id });
    case 'unknown-reference':
      return t(
        params.target === 'programme'
          ? 'files.issue.unknownProgramme'
          : params.target === 'indicator'
            ? 'files.issue.unknownIndicator'
            : 'files.issue.unknownReference',
        { id },
      );
    case 'not-one-of':
      return t('files.issue.oneOf', { values: String(params.values ?? '') });
    case 'before-signed':
      return t('form.error.beforeSigned', { date: String(params.date ?? '') });
  }
  const key = formWords[issue.code];
  if (key) return t(key);
  if (importIssueWords[issue.code]) return importIssueText(issue, lang);
  return issueMessage(issue, lang, t);
}

function isCsvIssue(issue: ErrorIssue): boolean {
  return typeof issue.path[0] === 'number' && issue.path.length <= 2 && typeof issue.path[1] !== 'number';
}

/** Every issue of a refusal as lines: CSV issues by row and column, others by their path. */
export function problemLines(issues: readonly ErrorIssue[], lang: Lang, t: T, csv: boolean): ProblemLine[] {
  return issues.map((issue) => {
    if (csv && isCsvIssue(issue)) {
      return { where: csvWhere(issue, lang, t), message: csvIssueMessage(issue, lang, t) };
    }
    const message = importIssueWords[issue.code]
      ? importIssueText(issue, lang)
      : issueMessage(issue, lang, t);
    const [sheet, row, column] = issue.path;
    // a workbook's issue: [sheet, row, column], its params naming the sheet too
    if (
      issue.path.length === 3 &&
      typeof sheet === 'string' &&
      typeof row === 'number' &&
      issue.params?.sheet === sheet
    ) {
      return {
        where: t('files.issue.sheetCell', { sheet, row: String(row), column: String(column ?? '') }),
        message: csvIssueMessage(issue, lang, t),
      };
    }
    return issue.path.length > 0 ? { where: formatPath(issue.path), message } : { message };
  });
}

function summaryOf(error: MusubiError, lang: Lang, t: T, csv: boolean): string {
  const { details } = error;
  if (details.reason === 'unknown-format') return t('files.error.unknownFormat');
  if (details.size !== undefined && details.max !== undefined) {
    return t('files.error.tooLarge', { size: megabytes(details.size), max: megabytes(details.max) });
  }
  if (details.encoding === 'not-utf-8') return t('files.error.notUtf8');
  if (details.encoding === 'replacement-characters') return t('files.error.mojibake');
  if (details.reason === 'doctype') return t('files.error.doctype');
  if (details.reason === 'csv-quoting') return t('files.error.csvQuoting');
  if (error.issues.some((i) => i.code === 'duplicate-column')) return t('files.error.duplicateColumns');
  if (details.reason === 'empty') return t('files.error.emptyNetwork');
  if (error.code === 'VERSION') {
    return details.formatVersion === undefined
      ? t('files.error.version')
      : t('files.error.newerVersion', {
          version: String(details.formatVersion),
          supported: String(details.supported ?? ''),
        });
  }
  if (details.reason === 'forbidden-key') {
    const key = String(details.key ?? error.path.at(-1) ?? '');
    return t('files.error.forbiddenKey', { key, where: formatPath(error.path) });
  }
  if (details.reason === 'not-json') return t('files.error.notJson');
  if (details.reason === 'not-musubi') return t('files.error.notMusubi');
  if (details.reason === 'not-xml') {
    return t('files.error.notXml', { format: details.format === 'gexf' ? 'GEXF' : 'GraphML' });
  }
  if (details.reason === 'empty-csv' || error.issues.some((i) => i.code === 'empty-file')) {
    return t('files.error.emptyCsv');
  }
  if (error.issues.some((i) => i.code === 'missing-column')) return t('files.error.missingColumns');
  if (csv && error.code === 'VALIDATION') {
    return t('files.error.csvRows', { count: error.issues.length, rows: badRows(error.issues).length });
  }
  if (error.code === 'CONFLICT' && typeof details.id === 'string') {
    return t('files.error.conflict', { id: details.id });
  }
  // a refusal the UI has no sentence of its own for: the language's half of the core's bilingual message
  const detail = messageIn(error.message, lang);
  if (error.code === 'REFERENCE') return t('files.error.reference', { detail });
  if (error.code === 'FORMAT' || error.code === 'VALIDATION') return t('files.error.badContent', { detail });
  return t('files.error.generic', { detail });
}

/** A refused file (import or open) in `lang`: what went wrong, and every problem with where it is. */
export function describeProblem(error: MusubiError, lang: Lang, t: T, { csv = false } = {}): FileProblem {
  const summary = summaryOf(error, lang, t, csv);
  // a single issue that only repeats the error adds nothing below the summary
  const only = error.issues.length === 1 ? error.issues[0] : undefined;
  const repeats = only !== undefined && only.message === error.message;
  return { summary, lines: repeats ? [] : problemLines(error.issues, lang, t, csv) };
}
