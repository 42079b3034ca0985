import Papa from 'papaparse';
import { type ErrorIssue, MusubiError } from '../errors.js';
import { EngagementInputSchema, EntityInputSchema, LinkInputSchema } from '../model/records.js';
import type { Network } from '../network/network.js';
import type { NetworkView } from '../views/view.js';
import {
  type CsvColumn,
  columnFor,
  engagementColumns,
  entityColumns,
  headerOf,
  type IgnoredColumn,
  linkColumns,
  matchHeader,
} from './csv-columns.js';
import { type AddIssue, type DateReading, readCells, readCsvSheet } from './csv-rows.js';
import { decodeImportText, type ImportEncoding } from './hostile-input.js';
import { headerIn, importIssueOf } from './import-issues.js';

/** What a CSV sheet holds. */
export type CsvKind = 'entities' | 'links' | 'engagements';

/** Every kind of CSV sheet. */
export const csvKinds = ['entities', 'links', 'engagements'] as const satisfies readonly CsvKind[];

export { MAX_CELL_CHARS } from './csv-rows.js';

/** Neutralises a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) with a `'`. */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function columnsOf(kind: CsvKind): readonly CsvColumn<never>[] {
  const columns = { entities: entityColumns, links: linkColumns, engagements: engagementColumns }[kind];
  return columns as readonly CsvColumn<never>[];
}

const schemaOf = {
  entities: EntityInputSchema,
  links: LinkInputSchema,
  engagements: EngagementInputSchema,
} as const;

/**
 * Writes entities, links or engagements as CSV for Excel: UTF-8 with a BOM, CRLF line ends, bilingual headers,
 * formula-like cells neutralised. See csv-columns.ts for the layout.
 */
export function networkToCsv(network: NetworkView, kind: CsvKind): string {
  const columns = columnsOf(kind) as readonly CsvColumn<unknown>[];
  const records: unknown[] =
    kind === 'entities' ? network.entities() : kind === 'links' ? network.links() : network.engagements();
  const rows = records.map((r) => columns.map((c) => neutraliseCell(c.write(r))));
  const csv = Papa.unparse({ fields: columns.map(headerOf), data: rows }, { newline: '\r\n', quotes: false });
  return `\uFEFF${csv}\r\n`;
}

/** What an import did: how many rows went in, and every refused row's issues (with `{ partial: true }`). */
export interface CsvImportReport {
  readonly imported: number;
  readonly rejected: readonly ErrorIssue[];
  /** How the bytes were read: UTF-8, or Shift_JIS when `shiftJis` was set and the file was not UTF-8. */
  readonly encoding: ImportEncoding;
  /** Header cells that name no column: their values were not read (each with the nearest known header). */
  readonly ignoredColumns: readonly IgnoredColumn[];
  /** Every imported date cell that was written otherwise than as stored (`令和元年5月1日` → `2019-05-01`). */
  readonly dates: readonly DateReading[];
}

/** Where a long import stands: rows checked, then records written (for a progress bar). */
export interface CsvImportProgress {
  readonly phase: 'check' | 'write';
  readonly done: number;
  readonly total: number;
}

/** Options of {@link importCsv}. */
export interface CsvImportOptions {
  /** Import the good rows and report the others, instead of refusing the whole file. */
  partial?: boolean;
  /** The largest file accepted, in bytes (default MAX_IMPORT_BYTES, 50 MiB). */
  maxBytes?: number;
  /** Read a file that is not UTF-8 as Shift_JIS (Excel's "CSV" on Japanese Windows). */
  shiftJis?: boolean;
  /** Told every {@link PROGRESS_EVERY} rows and at the end of each phase. */
  onProgress?: (progress: CsvImportProgress) => void;
}

/** How often (rows) {@link CsvImportOptions.onProgress} is told. */
export const PROGRESS_EVERY = 500;

/**
 * Imports a CSV sheet of entities, links or engagements into the network in one transaction (so one
 * change in the log: with a file store it is durable, whole, when this returns). Every problem is
 * reported with its path `[row, column]` (row 1 is the header, as in Excel). Without `partial`, any
 * bad row refuses the whole file (VALIDATION listing every issue) and nothing is imported; with
 * `{ partial: true }` the good rows are imported and the bad ones are returned in the report.
 */
export function importCsv(
  network: Network,
  input: string | Uint8Array,
  kind: CsvKind,
  options: CsvImportOptions = {},
): CsvImportReport {
  const { text, encoding } = decodeImportText(input, {
    what: 'the CSV file',
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.shiftJis === undefined ? {} : { shiftJis: options.shiftJis }),
  });
  const tell = (phase: CsvImportProgress['phase'], done: number, total: number) => {
    if (options.onProgress && (done % PROGRESS_EVERY === 0 || done === total))
      options.onProgress({ phase, done, total });
  };
  const { header, rows } = readCsvSheet(text);
  const columns = columnsOf(kind) as readonly CsvColumn<unknown>[];
  const { mapped, ignored } = matchHeader(header.cells, columns, header.row);
  const missing = columns.filter((c) => c.required && !mapped.includes(c));
  if (missing.length > 0) {
    throw new MusubiError(
      'VALIDATION',
      `missing columns / 必須の列がありません: ${missing.map(headerOf).join(', ')}`,
      {
        issues: missing.map((c) => ({
          path: [header.row, headerOf(c)],
          code: 'missing-column',
          message: `missing column ${headerOf(c)} / 列「${c.ja}」がありません`,
          params: { column: headerOf(c) },
        })),
      },
    );
  }
  const issues: ErrorIssue[] = [];
  const dates: DateReading[] = [];
  const good: { line: number; input: Record<string, unknown> }[] = [];
  const idsInFile = new Set<string>();
  const entityIdsInFile = new Set<string>();
  if (kind === 'links') for (const e of network.entities()) entityIdsInFile.add(e.id);
  rows.forEach(({ row: line, cells }, index) => {
    const rowIssues: ErrorIssue[] = [];
    const add = (column: string, code: string, message: string, params?: ErrorIssue['params']) =>
      rowIssues.push({ path: [line, column], code, message, ...(params ? { params } : {}) });
    const rowDates: DateReading[] = [];
    const record = readCells(cells, header.cells, mapped, add, (column, text, date) =>
      rowDates.push({ row: line, column, text, date }),
    );
    if (kind === 'entities' && record.name === undefined) record.name = {};
    const result = schemaOf[kind].safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const sub = issue.path[1];
        const column = columnForField(columns, field, sub, record);
        // a cell already refused (an unreadable date) is not reported again as missing
        if (rowIssues.some((i) => i.path[1] === column)) continue;
        const { code, message, params } = importIssueOf(issue, valueAt(record, issue.path));
        add(column, code, message, params);
      }
    }
    const id = record.id as string | undefined;
    if (id !== undefined) {
      const taken =
        kind === 'entities'
          ? network.entity(id)
          : kind === 'links'
            ? network.link(id)
            : network.engagement(id);
      if (idsInFile.has(id) || taken)
        add('ID/id', 'duplicate-id', `the id ${id} is used twice / ID「${id}」が重複しています`, { id });
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
            { id: ref, target: 'entity' },
          );
        }
      }
    }
    if (kind === 'engagements') checkEngagementReferences(network, record, add);
    if (rowIssues.length > 0) issues.push(...rowIssues);
    else {
      good.push({ line, input: record });
      dates.push(...rowDates);
    }
    tell('check', index + 1, rows.length);
  });
  if (issues.length > 0 && !options.partial) {
    const first = issues[0];
    throw new MusubiError(
      'VALIDATION',
      `${issues.length} problem(s) in the CSV, nothing imported (first: row ${first?.path[0]}, ${headerIn(String(first?.path[1]), 'en')}) / CSV に ${issues.length} 件の問題があり、何も取り込んでいません（最初は ${first?.path[0]} 行目「${headerIn(String(first?.path[1]), 'ja')}」）`,
      { issues },
    );
  }
  network.transaction(
    (n) => {
      good.forEach(({ input: record }, i) => {
        if (kind === 'entities') n.addEntity(record as never);
        else if (kind === 'links') n.addLink(record as never);
        else n.recordEngagement(record as never);
        tell('write', i + 1, good.length);
      });
    },
    { label: { ja: `CSVの取り込み（${kind}）`, en: `import CSV (${kind})` } },
  );
  return { imported: good.length, rejected: issues, encoding, ignoredColumns: ignored, dates };
}

/** An engagement's participants must be entities of the network, its programme one of its programmes. */
function checkEngagementReferences(network: Network, record: Record<string, unknown>, add: AddIssue): void {
  const participants = Array.isArray(record.participants) ? record.participants : [];
  for (const p of participants as { entity?: unknown }[]) {
    if (typeof p.entity === 'string' && p.entity !== '' && !network.entity(p.entity)) {
      add(
        '参加者/participants',
        'unknown-reference',
        `no entity has the id ${p.entity} / ID「${p.entity}」の組織がありません`,
        { id: p.entity, target: 'entity' },
      );
    }
  }
  const programme = record.programme;
  if (typeof programme === 'string' && !network.record('programme', programme)) {
    add(
      '事業/programme',
      'unknown-reference',
      `no programme has the id ${programme} / ID「${programme}」の事業がありません`,
      { id: programme, target: 'programme' },
    );
  }
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
  const column = columns.find((c) => c.field === field) ?? columnFor(columns, field);
  return column ? headerOf(column) : field;
}

/** The text at a path of the record being built, for messages (`planet` for an unknown kind). */
function valueAt(record: Record<string, unknown>, path: readonly PropertyKey[]): string | undefined {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return typeof value === 'string' ? value : undefined;
}
