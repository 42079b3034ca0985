import Papa from 'papaparse';
import { type ErrorIssue, MusubiError } from '../errors.js';
import { EntityInputSchema, LinkInputSchema } from '../model/records.js';
import type { Network } from '../network/network.js';
import type { NetworkView } from '../network/view.js';
import { type CsvColumn, columnFor, entityColumns, headerOf, linkColumns } from './csv-columns.js';
import { decodeImport, hasControlCharacters } from './hostile-input.js';

/** What a CSV sheet holds. */
export type CsvKind = 'entities' | 'links';

/** The largest cell accepted on import (characters). */
export const MAX_CELL_CHARS = 20_000;

/** Neutralises a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) with a `'`. */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function columnsOf(kind: CsvKind): readonly CsvColumn<never>[] {
  return (kind === 'entities' ? entityColumns : linkColumns) as readonly CsvColumn<never>[];
}

/**
 * Writes entities or links as CSV for Excel: UTF-8 with a BOM, CRLF line ends, bilingual headers,
 * formula-like cells neutralised. See csv-columns.ts for the layout.
 */
export function networkToCsv(network: NetworkView, kind: CsvKind): string {
  const columns = columnsOf(kind) as readonly CsvColumn<unknown>[];
  const records: unknown[] = kind === 'entities' ? network.entities() : network.links();
  const rows = records.map((r) => columns.map((c) => neutraliseCell(c.write(r))));
  const csv = Papa.unparse({ fields: columns.map(headerOf), data: rows }, { newline: '\r\n', quotes: false });
  return `\uFEFF${csv}\r\n`;
}

/** What an import did: how many rows went in, and every refused row's issues (with `{ partial: true }`). */
export interface CsvImportReport {
  readonly imported: number;
  readonly rejected: readonly ErrorIssue[];
}

/**
 * Imports a CSV sheet of entities or links into the network in one transaction. Every problem is
 * reported with its path `[row, column]` (row 1 is the header, as in Excel). Without `partial`, any
 * bad row refuses the whole file (VALIDATION listing every issue) and nothing is imported; with
 * `{ partial: true }` the good rows are imported and the bad ones are returned in the report.
 */
export function importCsv(
  network: Network,
  input: string | Uint8Array,
  kind: CsvKind,
  options: { partial?: boolean; maxBytes?: number; shiftJis?: boolean } = {},
): CsvImportReport {
  const text = decodeImport(input, { what: 'the CSV file', ...options });
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header) throw new MusubiError('VALIDATION', 'the CSV file is empty / CSV が空です', { path: [1] });
  const columns = columnsOf(kind) as readonly CsvColumn<unknown>[];
  const mapped = header.map((h) => columnFor(columns, h));
  const missing = columns.filter((c) => c.required && !mapped.includes(c));
  if (missing.length > 0) {
    throw new MusubiError(
      'VALIDATION',
      `missing columns / 必須の列がありません: ${missing.map(headerOf).join(', ')}`,
      {
        issues: missing.map((c) => ({
          path: [1, headerOf(c)],
          code: 'missing-column',
          message: `missing column ${headerOf(c)} / 列「${c.ja}」がありません`,
        })),
      },
    );
  }
  const issues: ErrorIssue[] = [];
  const good: { line: number; input: Record<string, unknown> }[] = [];
  const idsInFile = new Set<string>();
  const entityIdsInFile = new Set<string>();
  if (kind === 'links') for (const e of network.entities()) entityIdsInFile.add(e.id);
  rows.forEach((row, index) => {
    const line = index + 2;
    const rowIssues: ErrorIssue[] = [];
    const add = (column: string, code: string, message: string) =>
      rowIssues.push({ path: [line, column], code, message });
    const record: Record<string, unknown> = {};
    row.forEach((raw, i) => {
      const column = mapped[i];
      const cell = raw.trim();
      if (!column || cell === '') return;
      const at = headerOf(column);
      if (cell.length > MAX_CELL_CHARS)
        add(at, 'too-long', `the cell is longer than ${MAX_CELL_CHARS} characters / セルが長すぎます`);
      else if (hasControlCharacters(cell))
        add(at, 'control-character', 'the cell holds control characters / 制御文字が含まれています');
      else column.read(cell.startsWith("'") && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell, record);
    });
    const schema = kind === 'entities' ? EntityInputSchema : LinkInputSchema;
    const result = schema.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const sub = issue.path[1];
        const column = columnForField(columns, field, sub, record);
        add(column, issue.code, issue.message);
      }
    }
    const id = record.id as string | undefined;
    if (id !== undefined) {
      const taken = kind === 'entities' ? network.entity(id) : network.link(id);
      if (idsInFile.has(id) || taken)
        add('ID/id', 'duplicate-id', `the id ${id} is used twice / ID「${id}」が重複しています`);
      idsInFile.add(id);
      if (kind === 'entities') entityIdsInFile.add(id);
    }
    if (kind === 'links') {
      for (const end of ['source', 'target'] as const) {
        const ref = record[end];
        if (typeof ref === 'string' && !entityIdsInFile.has(ref) && !network.entity(ref)) {
          add(
            end === 'source' ? '起点/source' : '終点/target',
            'unknown-reference',
            `no entity has the id ${ref} / ID「${ref}」の組織がありません`,
          );
        }
      }
    }
    if (rowIssues.length > 0) issues.push(...rowIssues);
    else good.push({ line, input: record });
  });
  if (issues.length > 0 && !options.partial) {
    const first = issues[0];
    throw new MusubiError(
      'VALIDATION',
      `${issues.length} problem(s) in the CSV, nothing imported / CSV に ${issues.length} 件の問題があり、何も取り込んでいません (first: row ${first?.path[0]}, ${first?.path[1]}: ${first?.message})`,
      { issues },
    );
  }
  network.transaction(
    (n) => {
      for (const { input: record } of good) {
        if (kind === 'entities') n.addEntity(record as never);
        else n.addLink(record as never);
      }
    },
    { label: `import CSV (${kind})` },
  );
  return { imported: good.length, rejected: issues };
}

function columnForField(
  columns: readonly CsvColumn<unknown>[],
  field: string,
  sub: unknown,
  record: Record<string, unknown>,
): string {
  if (field === 'events' && typeof sub === 'number') {
    const type = (record.events as { type: string }[] | undefined)?.[sub]?.type;
    const column = type ? columnFor(columns, type) : undefined;
    if (column) return headerOf(column);
  }
  if (field === 'name' || field === 'title') {
    const lang = sub === 'en' ? 'en' : 'ja';
    const column = columnFor(columns, `${field}_${lang}`);
    if (column) return headerOf(column);
  }
  const column = columnFor(columns, field);
  return column ? headerOf(column) : field;
}
