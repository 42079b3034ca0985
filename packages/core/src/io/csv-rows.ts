import Papa from 'papaparse';
import { type ErrorIssue, MusubiError } from '../errors.js';
import { parseDateInput } from '../time/date-input.js';
import type { PartialDate } from '../time/partial-date.js';
import { type CsvColumn, columnLetter, headerOf, LIST_SEPARATOR } from './csv-columns.js';
import { hasControlCharacters } from './hostile-input.js';

/** The largest cell accepted on import (characters). */
export const MAX_CELL_CHARS = 20_000;

/** One record of a CSV file with its spreadsheet row number (blank rows count, as in Excel). */
export interface CsvRow {
  readonly row: number;
  readonly cells: readonly string[];
}

/** A CSV file as rows: its header (the first non-blank row) and the non-blank rows after it. */
export interface CsvSheet {
  readonly header: CsvRow;
  readonly rows: readonly CsvRow[];
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** The 1-based line of the text a character index is on. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The header's name for the `i`th cell (`column 7` past the last header). */
function columnName(header: readonly string[] | undefined, i: number): string {
  const name = header?.[i]?.trim();
  return name ? name : `#${i + 1}`;
}

/**
 * Reads a CSV text as spreadsheet rows. Row numbers are Excel's: every record counts, blank ones
 * too, and a quoted cell with line breaks is one row. Broken quoting is refused (FORMAT, code
 * `quote-unclosed` or `quote-malformed` at the row and column where the quote opened), and so is a
 * quoted cell that swallowed lines shaped like rows of the sheet (`quote-spans-rows`), since either
 * would import fewer rows than the file holds without a word.
 */
export function readCsvSheet(text: string): CsvSheet {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  const headerCells = headerIndex === -1 ? undefined : records[headerIndex];
  const issues: ErrorIssue[] = [];
  const seen = new Set<number>();
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes' || error.row === undefined || seen.has(error.row)) continue;
    seen.add(error.row);
    const row = error.row + 1;
    const cells = records[error.row] ?? [];
    const column = columnName(headerCells, Math.max(0, cells.length - 1));
    const line = lineAt(text, error.index ?? 0);
    const unclosed =
      error.code === 'MissingQuotes' &&
      !parsed.errors.some((e) => e.code === 'InvalidQuotes' && e.row === error.row);
    issues.push({
      path: [row, column],
      code: unclosed ? 'quote-unclosed' : 'quote-malformed',
      message: unclosed
        ? `a quote opened in row ${row} (line ${line} of the file) is never closed: the rows after it would become one cell / ${row} 行目（ファイルの ${line} 行目）で開いた引用符（"）が閉じていません。以降の行が一つのセルになってしまいます`
        : `a quoted cell in row ${row} (line ${line} of the file) has text after its closing quote / ${row} 行目（ファイルの ${line} 行目）の引用符（"）で囲んだセルの後に文字があります`,
      params: { row, line, column },
    });
  }
  if (headerCells) {
    const swallowed = swallowedRows(records, headerIndex, headerCells.length, parsed.meta.delimiter);
    issues.push(...swallowed.filter((issue) => !seen.has((issue.path[0] as number) - 1)));
  }
  if (issues.length > 0) {
    const first = issues[0] as ErrorIssue;
    throw new MusubiError(
      'FORMAT',
      `the CSV file's quoting is broken, nothing imported (row ${first.path[0]}, ${first.path[1]}) / CSV の引用符（"）が壊れているため、何も取り込んでいません（${first.path[0]} 行目「${first.path[1]}」）`,
      { issues, details: { reason: 'csv-quoting' } },
    );
  }
  if (!headerCells) {
    throw new MusubiError('VALIDATION', 'the CSV file is empty / CSV が空です', {
      path: [1],
      issues: [{ path: [1], code: 'empty-file', message: 'the CSV file is empty / CSV が空です' }],
      details: { reason: 'empty-csv' },
    });
  }
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i] as string[];
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  }
  return { header: { row: headerIndex + 1, cells: headerCells }, rows };
}

/**
 * Quoted cells whose later lines have exactly as many cells as the header: a stray quote that a
 * later stray quote closed, so the rows between became one cell. Sheets of one or two columns are
 * not judged (a note line with one comma is common).
 */
function swallowedRows(
  records: readonly string[][],
  headerIndex: number,
  width: number,
  delimiter: string,
): ErrorIssue[] {
  if (width < 3) return [];
  const issues: ErrorIssue[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i] as string[];
    const at = cells.findIndex((cell) => {
      const lines = cell.split(/\r\n|\n|\r/);
      return lines.slice(1).some((l) => Papa.parse<string[]>(l, { delimiter }).data[0]?.length === width);
    });
    if (at === -1) continue;
    const row = i + 1;
    const column = columnName(records[headerIndex], at);
    issues.push({
      path: [row, column],
      code: 'quote-spans-rows',
      message: `the quoted cell in row ${row} holds lines shaped like rows of the sheet: a stray quote (") probably joined them / ${row} 行目のセルに表の行のような行が含まれています。余分な引用符（"）で行がつながった可能性があります`,
      params: { row, column },
    });
  }
  return issues;
}

/** Adds an issue at a row's column. */
export type AddIssue = (column: string, code: string, message: string, params?: ErrorIssue['params']) => void;

/**
 * Reads one row's cells into the input of a record: trimmed, `'=` guards removed, over-long cells
 * and control characters refused, and a value under no header (past the last one, or under an
 * empty header cell) refused rather than dropped.
 */
export function readCells(
  cells: readonly string[],
  header: readonly string[],
  mapped: readonly (CsvColumn<unknown> | undefined)[],
  add: AddIssue,
  read: (column: string, text: string, date: string) => void = () => {},
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  cells.forEach((raw, i) => {
    const column = mapped[i];
    const cell = raw.trim();
    if (cell === '') return;
    if (i >= header.length || header[i]?.trim() === '') {
      const at = columnLetter(i + 1);
      add(
        at,
        'cell-without-header',
        `column ${at} holds "${cell.slice(0, 40)}" but has no header / ${at} 列に値がありますが見出しがありません`,
        { column: at, value: cell.slice(0, 40) },
      );
      return;
    }
    if (!column) return;
    const at = headerOf(column);
    if (cell.length > MAX_CELL_CHARS)
      add(at, 'too-long', `the cell is longer than ${MAX_CELL_CHARS} characters / セルが長すぎます`, {
        max: MAX_CELL_CHARS,
      });
    else if (hasControlCharacters(cell))
      add(at, 'control-character', 'the cell holds control characters / 制御文字が含まれています');
    else if (column.dates) {
      const date = readDates(cell, at, add, (text, d) => read(at, text, d));
      if (date !== undefined) column.read(date, record);
    } else column.read(cell.startsWith("'") && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell, record);
  });
  return record;
}

/** A date cell read as another date than it says (`2019/5/1` → `2019-05-01`), for the import report. */
export interface DateReading {
  readonly row: number;
  readonly column: string;
  /** The text of the cell (one item of a `;` list). */
  readonly text: string;
  readonly date: PartialDate;
}

/** Reads a cell of dates (`;`-separated); refuses each unreadable one at its cell. */
function readDates(cell: string, column: string, add: AddIssue, read: (text: string, date: string) => void) {
  const out: string[] = [];
  let bad = false;
  for (const item of cell.split(LIST_SEPARATOR)) {
    const text = item.trim();
    if (text === '') continue;
    const result = parseDateInput(text);
    if (!result.ok) {
      add(column, result.code, result.message, result.params);
      bad = true;
    } else {
      if (result.date !== text) read(text, result.date);
      out.push(result.date);
    }
  }
  return bad ? undefined : out.join(LIST_SEPARATOR);
}
