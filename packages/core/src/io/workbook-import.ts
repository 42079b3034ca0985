import type ExcelJS from 'exceljs';
import type * as z from 'zod/mini';
import type { Collection } from '../changes/change.js';
import { type MissingReference, missingReferenceOf } from '../changes/references.js';
import { type ErrorIssue, isMusubiError, MusubiError } from '../errors.js';
import { FigureInputSchema, IndicatorInputSchema, ProgrammeInputSchema } from '../model/indicators.js';
import { EngagementInputSchema, EntityInputSchema, LinkInputSchema } from '../model/records.js';
import type { Network } from '../network/network.js';
import type { CsvColumn } from './csv-columns.js';
import { columnLetter, headerKey, matchHeader } from './csv-columns.js';
import { MAX_IMPORT_BYTES } from './hostile-input.js';
import { importIssueOf, importIssueWords } from './import-issues.js';
import { plain, readCell, setAt } from './workbook-cells.js';
import {
  childSheets,
  type SheetKey,
  sheetCollections,
  type WorkbookColumn,
  type WorkbookSheet,
  workbookSheets,
} from './workbook-sheets.js';

/** A cell read as another text than it says: `{ sheet: '交流', row: 4, column: '日付', text: '令和元年5月1日', date: '2019-05-01' }`. */
export interface WorkbookDateReading {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly text: string;
  readonly date: string;
}

/** What {@link importXlsx} added, and what of the file it did not read. */
export interface XlsxImportReport {
  /** Records added, by collection. */
  readonly counts: Readonly<Partial<Record<Collection, number>>>;
  /** Sheets of the file Musubi does not know (not read). */
  readonly ignoredSheets: readonly string[];
  /** Columns of known sheets Musubi does not know (not read), with the nearest known header. */
  readonly ignoredColumns: readonly { sheet: string; header: string; column: string; nearest?: string }[];
  /** Date cells read from Excel's date cells and serials, or from text such as `令和元年5月1日`. */
  readonly dates: readonly WorkbookDateReading[];
}

export interface XlsxImportOptions {
  maxBytes?: number;
}

/** A row of a sheet as read: where it is, and the record (or child) input it became. */
interface ReadRow {
  readonly sheet: string;
  readonly row: number;
  readonly spec: WorkbookSheet;
  /** The header of each column as the file writes it. */
  readonly headers: ReadonlyMap<WorkbookColumn, string>;
  readonly input: Record<string, unknown>;
  /** Child rows by field (`events`, `participants`…), in the order they were added to the input. */
  readonly children: Map<string, ReadRow[]>;
}

const schemas: Record<Collection, z.ZodMiniType> = {
  entity: EntityInputSchema,
  link: LinkInputSchema,
  engagement: EngagementInputSchema,
  programme: ProgrammeInputSchema,
  indicator: IndicatorInputSchema,
  figure: FigureInputSchema,
};

/** The order records are added in, so that references resolve. */
const order: readonly SheetKey[] = [
  'entities',
  'programmes',
  'indicators',
  'figures',
  'links',
  'engagements',
];

function issueAt(
  where: { sheet: string; row: number; column: string },
  code: string,
  message: string,
  params: Record<string, string | number> = {},
): ErrorIssue {
  return {
    path: [where.sheet, where.row, where.column],
    code,
    message: `${where.sheet} ${where.row}: ${where.column ? `${where.column}: ` : ''}${message}`,
    params: { ...params, sheet: where.sheet, row: where.row, column: where.column },
  };
}

/** Finds the sheet a tab names, in either language and any width. */
function sheetNamed(name: string): WorkbookSheet | undefined {
  const key = headerKey(name);
  return workbookSheets.find((s) => headerKey(s.ja) === key || headerKey(s.en) === key);
}

function readSheet(
  worksheet: ExcelJS.Worksheet,
  spec: WorkbookSheet,
  date1904: boolean,
  report: { ignoredColumns: XlsxImportReport['ignoredColumns'][number][]; dates: WorkbookDateReading[] },
  issues: ErrorIssue[],
): ReadRow[] {
  const sheet = worksheet.name;
  const header = worksheet.getRow(1);
  const width = Math.max(worksheet.columnCount, header.cellCount);
  const cells = Array.from({ length: width }, (_, i) => String(plain(header.getCell(i + 1).value) ?? ''));
  let mapped: (WorkbookColumn | undefined)[];
  try {
    const matched = matchHeader(cells, spec.columns as unknown as CsvColumn<unknown>[], 1);
    mapped = matched.mapped as unknown as (WorkbookColumn | undefined)[];
    for (const i of matched.ignored) {
      report.ignoredColumns.push({
        sheet,
        header: i.header,
        column: columnLetter(i.column),
        ...(i.nearest ? { nearest: i.nearest.split('/')[0] ?? i.nearest } : {}),
      });
    }
  } catch (error) {
    if (!isMusubiError(error)) throw error;
    for (const issue of error.issues)
      issues.push(
        issueAt(
          { sheet, row: 1, column: String(issue.path[1]) },
          issue.code,
          issue.message,
          issue.params ?? {},
        ),
      );
    return [];
  }
  const headers = new Map<WorkbookColumn, string>();
  mapped.forEach((c, i) => {
    if (c) headers.set(c, cells[i]?.trim() ?? c.ja);
  });
  const rows: ReadRow[] = [];
  const missing = spec.columns.filter((c) => c.required && !headers.has(c));
  for (let r = 2; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    const values = Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value));
    if (values.every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''))) continue;
    if (missing.length > 0) {
      for (const c of missing)
        issues.push(
          issueAt(
            { sheet, row: 1, column: c.ja },
            'missing-column',
            `the required column ${c.en} is missing`,
            { column: `${c.ja}/${c.en}` },
          ),
        );
      return [];
    }
    const input: Record<string, unknown> = {};
    values.forEach((raw, i) => {
      const column = mapped[i];
      const headerText = cells[i]?.trim() ?? '';
      if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return;
      if (!column) {
        if (headerText === '') {
          issues.push(
            issueAt(
              { sheet, row: r, column: columnLetter(i + 1) },
              'cell-without-header',
              `column ${columnLetter(i + 1)} has no header`,
              { column: columnLetter(i + 1), value: String(raw) },
            ),
          );
        }
        return;
      }
      if (column.type === 'info') return;
      const read = readCell(column, raw, date1904);
      if (!read.ok) {
        issues.push(issueAt({ sheet, row: r, column: headerText }, read.code, read.message, read.params));
        return;
      }
      if (read.reading !== undefined)
        report.dates.push({
          sheet,
          row: r,
          column: headerText,
          text: raw instanceof Date ? `${read.reading} (Excel)` : String(raw),
          date: read.reading,
        });
      setAt(input, column.path, read.value);
    });
    rows.push({ sheet, row: r, spec, headers, input, children: new Map() });
  }
  return rows;
}

/** Puts child rows (events, participants, budgets…) into their parents; a child of no parent is refused. */
function attachChildren(read: Map<SheetKey, ReadRow[]>, issues: ErrorIssue[]): void {
  for (const [key, child] of Object.entries(childSheets) as [
    SheetKey,
    { parent: SheetKey; field: string },
  ][]) {
    const parents = new Map((read.get(child.parent) ?? []).map((p) => [String(p.input.id ?? ''), p]));
    for (const row of read.get(key) ?? []) {
      const { parent: id, ...fields } = row.input as { parent?: string } & Record<string, unknown>;
      const parent = id === undefined ? undefined : parents.get(id);
      const parentColumn = row.spec.columns.find((c) => c.path[0] === 'parent');
      if (!parent || id === '') {
        issues.push(
          issueAt(
            { sheet: row.sheet, row: row.row, column: (parentColumn && row.headers.get(parentColumn)) ?? '' },
            'unknown-parent',
            `no row of the sheet ${child.parent} has the id ${id}`,
            { id: String(id ?? ''), parentSheet: child.parent },
          ),
        );
        continue;
      }
      const siblings = parent.children.get(child.field) ?? [];
      if (child.field === 'budgets' || child.field === 'targets') {
        const years = (parent.input[child.field] ?? {}) as Record<string, number>;
        const fy = String(fields.fiscalYear);
        if (fy in years) {
          const fyColumn = row.spec.columns.find((c) => c.path[0] === 'fiscalYear');
          issues.push(
            issueAt(
              { sheet: row.sheet, row: row.row, column: (fyColumn && row.headers.get(fyColumn)) ?? '' },
              'duplicate-year',
              `${id} has ${fy} twice`,
              { id: String(id), year: fy },
            ),
          );
          continue;
        }
        years[fy] = Number(fields[child.field === 'budgets' ? 'amount' : 'target']);
        parent.input[child.field] = years;
      } else {
        const list = (parent.input[child.field] ?? []) as unknown[];
        list.push(fields);
        parent.input[child.field] = list;
      }
      siblings.push(row);
      parent.children.set(child.field, siblings);
    }
  }
}

/** The column of a row (or of one of its child rows) that an issue's record path names. */
function locate(row: ReadRow, path: readonly PropertyKey[]): { sheet: string; row: number; column: string } {
  const [field, index, ...rest] = path;
  const children = typeof field === 'string' ? row.children.get(field) : undefined;
  if (children) {
    const child =
      typeof index === 'number'
        ? children[index]
        : children.find((c) => String(c.input.fiscalYear) === String(index));
    if (child) return locate(child, typeof index === 'number' ? rest : ['fiscalYear']);
  }
  let best: WorkbookColumn | undefined;
  for (const column of row.spec.columns) {
    const matches = column.path.every((key, i) => String(path[i]) === String(key));
    if (matches && (!best || column.path.length > best.path.length)) best = column;
  }
  // a name given in neither language is the name columns' issue
  if (!best && (field === 'name' || field === 'title'))
    best = row.spec.columns.find((c) => c.path[0] === field);
  return { sheet: row.sheet, row: row.row, column: (best && (row.headers.get(best) ?? best.ja)) ?? '' };
}

function checkIds(network: Network, read: Map<SheetKey, ReadRow[]>, issues: ErrorIssue[]): void {
  for (const key of order) {
    const collection = sheetCollections[key] as Collection;
    const seen = new Map<string, ReadRow>();
    for (const row of read.get(key) ?? []) {
      const id = row.input.id;
      if (typeof id !== 'string') continue;
      const first = seen.get(id);
      const taken = network.record(collection, id) !== undefined;
      if (first || taken) {
        issues.push(
          issueAt(
            locate(row, ['id']),
            'duplicate-id',
            first ? `the id ${id} is also in row ${first.row}` : `the id ${id} is already in the network`,
            { id },
          ),
        );
      }
      seen.set(id, row);
    }
  }
}

/**
 * Imports a workbook written by {@link networkToXlsx} (or one laid out like it, in Japanese or
 * English, as Excel saves it) into the network, in one transaction: every row goes in, or none.
 * Each problem is reported at its sheet, row (as Excel numbers them) and column — `path: [sheet,
 * row, column]` — with a code that `importIssueText` words: a word that is not a kind, a date
 * that is not one, an id used twice or already taken (`duplicate-id`: nothing is merged or
 * replaced), a child row whose parent is not in the file (`unknown-parent`), a record the
 * schemas refuse, a reference to an entity or programme that does not exist. Dates are read from
 * Excel's date cells and serials (`dateFromExcelSerial`, the 1904 system too) and from text as
 * offices write it (`parseDateInput`). Sheets and columns Musubi does not know are listed in the
 * report, not read.
 *
 * @example
 * const report = await importXlsx(network, await readFile('network.xlsx'));
 */
export async function importXlsx(
  network: Network,
  input: Uint8Array,
  options: XlsxImportOptions = {},
): Promise<XlsxImportReport> {
  const max = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (input.byteLength > max) {
    throw new MusubiError('FORMAT', `the workbook is larger than ${max} bytes / ブックが大きすぎます`, {
      details: { reason: 'too-large', max },
    });
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(input as never);
  } catch (error) {
    throw new MusubiError(
      'FORMAT',
      `the file is not a readable XLSX workbook / XLSX のブックとして読めません: ${(error as Error).message}`,
      {
        cause: error,
        details: { reason: 'not-xlsx' },
      },
    );
  }
  const date1904 = Boolean((workbook.properties as { date1904?: boolean }).date1904);
  const issues: ErrorIssue[] = [];
  const report = {
    ignoredColumns: [] as XlsxImportReport['ignoredColumns'][number][],
    dates: [] as WorkbookDateReading[],
  };
  const ignoredSheets: string[] = [];
  const read = new Map<SheetKey, ReadRow[]>();
  for (const worksheet of workbook.worksheets) {
    const spec = sheetNamed(worksheet.name);
    if (!spec) {
      if (worksheet.rowCount > 0) ignoredSheets.push(worksheet.name);
      continue;
    }
    if (read.has(spec.key)) {
      issues.push(
        issueAt(
          { sheet: worksheet.name, row: 1, column: '' },
          'duplicate-sheet',
          `two sheets are ${spec.en}`,
          { sheet: worksheet.name },
        ),
      );
      continue;
    }
    read.set(spec.key, readSheet(worksheet, spec, date1904, report, issues));
  }
  attachChildren(read, issues);
  checkIds(network, read, issues);
  // a cell already refused is not refused again by the schema (as missing)
  const refused = new Set(issues.map((i) => i.path.join('\u0000')));
  for (const key of order) {
    const schema = schemas[sheetCollections[key] as Collection];
    for (const row of read.get(key) ?? []) {
      const parsed = schema.safeParse(row.input);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) {
        const where = locate(row, issue.path);
        const cell = valueOfPath(row.input, issue.path);
        const { code, message, params } = importIssueOf(issue, cell);
        if (refused.has([where.sheet, where.row, where.column].join('\u0000'))) continue;
        issues.push(issueAt(where, code, message, params));
      }
    }
  }
  refuseIf(issues);
  const counts: Partial<Record<Collection, number>> = {};
  network.transaction(
    (n) => {
      for (const key of order) {
        const collection = sheetCollections[key] as Collection;
        for (const row of read.get(key) ?? []) {
          try {
            if (collection === 'entity') n.addEntity(row.input as never);
            else if (collection === 'link') n.addLink(row.input as never);
            else if (collection === 'engagement') n.recordEngagement(row.input as never);
            else n.putRecord(collection, row.input as never);
            counts[collection] = (counts[collection] ?? 0) + 1;
          } catch (error) {
            if (!isMusubiError(error)) throw error;
            // a reference to a record that is in neither the network nor the workbook
            const missing = missingReferenceOf(error);
            if (missing) {
              issues.push(unknownReference(locate(row, error.path), missing));
              continue;
            }
            for (const issue of error.issues) {
              issues.push(
                issueAt(locate(row, issue.path), issue.code, issue.message, {
                  id: String(valueOfPath(row.input, issue.path) ?? ''),
                  ...issue.params,
                }),
              );
            }
          }
        }
      }
      refuseIf(issues);
    },
    { label: 'import XLSX' },
  );
  return { counts, ignoredSheets, ignoredColumns: report.ignoredColumns, dates: report.dates };
}

/** The issue of a cell naming a record that does not exist (`target`: its collection). */
function unknownReference(
  where: { sheet: string; row: number; column: string },
  missing: MissingReference,
): ErrorIssue {
  const params = { id: missing.id, target: missing.collection };
  const words = importIssueWords['unknown-reference'];
  const message = words
    ? `${words.en(params)} / ${words.ja(params)}`
    : `no ${missing.collection} ${missing.id}`;
  return issueAt(where, 'unknown-reference', message, params);
}

function valueOfPath(input: unknown, path: readonly PropertyKey[]): string | undefined {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined || typeof value === 'object' ? undefined : String(value);
}

function refuseIf(issues: readonly ErrorIssue[]): void {
  if (issues.length === 0) return;
  const first = issues[0];
  throw new MusubiError(
    'VALIDATION',
    `${issues.length} problem(s) in the workbook, nothing imported / ブックに ${issues.length} 件の問題があるため、何も取り込んでいません (${first?.message})`,
    { issues: [...issues] },
  );
}
