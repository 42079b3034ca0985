/**
 * Importing a file INTO the current network with the core's importers (`importCsv`,
 * `importJsonInto`, `importGraphFile`). Each is one transaction: all of it lands or nothing does,
 * and undo takes it back as one change. The outcome is data for the report the user sees.
 */

import { type ErrorIssue, isMusubiError, type Lang, MusubiError, type Network } from '@musubi/core';
import type { CsvKind, DateReading, IgnoredColumn } from '@musubi/core/csv';
import { importJsonInto } from '@musubi/core/json';
import { csvKindOf, headOf, type ImportFormat, importFormatOf } from './file-formats.js';

/** A file the user chose, read into memory. */
export interface ChosenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportOptions {
  /** The CSV sheet; by default read from the header. */
  readonly csvKind?: CsvKind;
  /** Import the good rows of a CSV and leave out the bad ones. */
  readonly partial?: boolean;
  /** Read a CSV that is not UTF-8 as Shift_JIS. */
  readonly shiftJis?: boolean;
  /** The language GEXF/GraphML labels are names in. */
  readonly lang: Lang;
}

/** What an import wrote. */
export interface ImportSummary {
  readonly format: ImportFormat;
  readonly csvKind?: CsvKind;
  /** Records added, by collection (`entity`, `link`, `engagement`, `programme`, …). */
  readonly counts: Readonly<Record<string, number>>;
  /** CSV rows left out (with `partial`), each issue with its path `[line, column]`. */
  readonly rejected: readonly ErrorIssue[];
  /** Kinds a graph file did not give, that were guessed. */
  readonly defaulted: readonly string[];
  /** Workbook sheets Musubi does not know: not read. */
  readonly ignoredSheets?: readonly string[];
  /** CSV header cells that name no column: not read (each with the nearest known header). */
  readonly ignoredColumns?: readonly IgnoredColumn[];
  /** CSV date cells read as another date than they say (`令和元年5月1日` → `2019-05-01`). */
  readonly dates?: readonly DateReading[];
}

export type ImportOutcome =
  | { readonly ok: true; readonly summary: ImportSummary }
  | {
      readonly ok: false;
      readonly format: ImportFormat | undefined;
      readonly csvKind?: CsvKind;
      readonly error: MusubiError;
    };

/** The format of a chosen file, or undefined when it is none Musubi reads. */
export function formatOfFile(file: ChosenFile): ImportFormat | undefined {
  return importFormatOf(file.name, headOf(file.bytes));
}

/**
 * Imports `file` into `network`, of any format Musubi reads (the workbook's reader is async). Never
 * throws a MusubiError: a refusal comes back as the outcome, and the network is then exactly as before.
 */
export async function importChosenFile(
  network: Network,
  file: ChosenFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  if (formatOfFile(file) !== 'xlsx') return importFile(network, file, options);
  try {
    // ExcelJS loads when a workbook is imported
    const { importXlsx } = await import('@musubi/core/xlsx');
    const result = await importXlsx(network, file.bytes);
    return {
      ok: true,
      summary: {
        format: 'xlsx',
        counts: result.counts as Record<string, number>,
        rejected: [],
        defaulted: [],
        ignoredSheets: result.ignoredSheets,
        // a workbook's column named by its sheet and letter, as the CSV's by its letter
        ignoredColumns: result.ignoredColumns.map((c) => ({
          header: `${c.sheet}: ${c.header}`,
          column: [...c.column].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0),
          ...(c.nearest ? { nearest: c.nearest } : {}),
        })),
      },
    };
  } catch (error) {
    if (!isMusubiError(error)) throw error;
    return { ok: false, format: 'xlsx', error };
  }
}

/**
 * Imports `file` into `network` (CSV, JSON, GEXF, GraphML; a workbook through
 * {@link importChosenFile}). Never throws a MusubiError: a refusal comes back as the outcome,
 * and the network is then exactly as before.
 */
export async function importFile(
  network: Network,
  file: ChosenFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const format = formatOfFile(file);
  const csvKind = format === 'csv' ? (options.csvKind ?? csvKindOf(headOf(file.bytes))) : undefined;
  try {
    if (format === undefined) {
      throw new MusubiError('FORMAT', `${file.name}: not a CSV, JSON, GEXF or GraphML file`, {
        details: { reason: 'unknown-format' },
      });
    }
    if (format === 'xlsx') {
      throw new MusubiError('FORMAT', `${file.name}: a workbook is read by importChosenFile`, {
        details: { reason: 'unknown-format' },
      });
    }
    const summary = await importAs(network, file, format, csvKind, options);
    return { ok: true, summary };
  } catch (error) {
    if (!isMusubiError(error)) throw error;
    return { ok: false, format, ...(csvKind ? { csvKind } : {}), error };
  }
}

// the CSV and XML parsers load when a file of their format is imported, not with the file menu
async function importAs(
  network: Network,
  file: ChosenFile,
  format: Exclude<ImportFormat, 'xlsx'>,
  csvKind: CsvKind | undefined,
  options: ImportOptions,
): Promise<ImportSummary> {
  if (format === 'csv') {
    const { importCsv } = await import('@musubi/core/csv');
    const kind = csvKind ?? 'entities';
    const result = importCsv(network, file.bytes, kind, {
      ...(options.partial ? { partial: true } : {}),
      ...(options.shiftJis ? { shiftJis: true } : {}),
    });
    const collection = kind === 'entities' ? 'entity' : kind === 'links' ? 'link' : 'engagement';
    return {
      format,
      csvKind: kind,
      counts: { [collection]: result.imported },
      rejected: result.rejected,
      defaulted: [],
      ignoredColumns: result.ignoredColumns,
      dates: result.dates,
    };
  }
  if (format === 'json') {
    return { format, counts: importJsonInto(network, file.bytes), rejected: [], defaulted: [] };
  }
  const { importGraphFile } = await import('@musubi/core/graph-files');
  const result = importGraphFile(network, file.bytes, format, {
    lang: options.lang,
    ...(options.partial ? { partial: true } : {}),
  });
  return {
    format,
    counts: { entity: result.entities, link: result.links },
    rejected: result.skipped,
    defaulted: result.defaulted,
  };
}

/** The CSV rows (file lines) a refusal names; the header (line 1) is not a row. */
export function badRows(issues: readonly ErrorIssue[]): number[] {
  const lines = new Set<number>();
  for (const issue of issues) {
    const line = issue.path[0];
    if (typeof line === 'number' && line >= 2) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * Whether the good rows alone can be imported: a CSV refused for bad rows only (not for a missing
 * column, an empty file or a wrong encoding).
 */
export function canImportGoodRowsOnly(outcome: ImportOutcome): boolean {
  if (outcome.ok || outcome.error.code !== 'VALIDATION') return false;
  const { issues } = outcome.error;
  // a graph file refused for self-loops or edges to undeclared nodes can be imported without them
  if (outcome.format === 'gexf' || outcome.format === 'graphml') {
    return issues.length > 0 && issues.every((i) => i.code === 'self-loop' || i.code === 'undeclared-node');
  }
  if (outcome.format !== 'csv') return false;
  return (
    issues.length > 0 && issues.every((issue) => typeof issue.path[0] === 'number' && issue.path[0] >= 2)
  );
}

/** Whether the file may be Shift_JIS (not UTF-8), so that reading it as Shift_JIS is worth offering. */
export function mayBeShiftJis(outcome: ImportOutcome): boolean {
  return !outcome.ok && outcome.format === 'csv' && outcome.error.details.encoding === 'not-utf-8';
}
