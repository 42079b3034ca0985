// ExcelJS is loaded on first use: most programs that import the core never open a workbook
import type { StoredRecord } from '../changes/change.js';
import type { Indicator, Programme } from '../model/indicators.js';
import type { Lang } from '../model/names.js';
import { nameIn } from '../model/names.js';
import type { Engagement, Entity, Link } from '../model/records.js';
import type { NetworkView } from '../views/view.js';
import {
  countryWord,
  type SheetKey,
  type SheetValue,
  type WorkbookColumn,
  workbookSheets,
} from './workbook-sheets.js';

/** Options of {@link networkToXlsx}. */
export interface WorkbookOptions {
  /** The language of sheet names, headers, kinds and countries; default Japanese. */
  lang?: Lang;
}

/** A row of a sheet before it is written: the record's fields, and for child sheets the parent's id. */
type Row = Record<string, unknown>;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The rows of every sheet for a view: records, and their events, participants, budgets… as rows of their own. */
function rowsOf(view: NetworkView): Record<SheetKey, Row[]> {
  const entities = view.records<Entity>('entity').slice().sort(byId);
  const links = view.records<Link>('link').slice().sort(byId);
  const engagements = view.records<Engagement>('engagement').slice().sort(byId);
  const programmes = view.records<Programme>('programme').slice().sort(byId);
  const indicators = view.records<Indicator>('indicator').slice().sort(byId);
  const figures = view.records<StoredRecord>('figure').slice().sort(byId);
  return {
    entities,
    programmes,
    budgets: programmes.flatMap((p) =>
      Object.entries(p.budgets).map(([fy, amount]) => ({ parent: p.id, fiscalYear: Number(fy), amount })),
    ),
    indicators: indicators.map((i) => ({ ...i, measure: JSON.stringify(i.measure) })),
    targets: indicators.flatMap((i) =>
      Object.entries(i.targets).map(([fy, target]) => ({ parent: i.id, fiscalYear: Number(fy), target })),
    ),
    figures,
    links,
    linkEvents: links.flatMap((l) => l.events.map((e) => ({ parent: l.id, ...e }))),
    engagements,
    participants: engagements.flatMap((e) => e.participants.map((p) => ({ parent: e.id, ...p }))),
    followUps: engagements.flatMap((e) => e.followUps.map((f) => ({ parent: e.id, ...f }))),
  } as unknown as Record<SheetKey, Row[]>;
}

/** The value at a record path (`['name', 'ja']`), or undefined. */
export function valueAt(record: unknown, path: readonly (string | number)[]): unknown {
  let value = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A cell as the workbook writes it, in `lang`. */
function cellOf(column: WorkbookColumn, row: Row, lang: Lang, names: (id: string) => string): SheetValue {
  const value = column.nameOf ? names(String(row[column.nameOf])) : valueAt(row, column.path);
  if (value === undefined || value === null) return undefined;
  if (column.type === 'list')
    return (value as string[]).length === 0 ? undefined : (value as string[]).join('\n');
  if (column.type === 'country') return countryWord(String(value), lang);
  if (column.words) return column.words[String(value)]?.[lang] ?? String(value);
  if (typeof value === 'number') return value;
  return String(value);
}

/**
 * Writes the whole network as one XLSX workbook for Excel users: a sheet each for entities,
 * programmes (and their budgets), indicators (their targets, manual figures), links (their events)
 * and engagements (their participants and follow-ups). Sheet names, headers, kinds, types, roles
 * and countries are in `lang`; coordinates have their own columns; dates are partial dates as
 * text (`1973`, `2018-07`). {@link importXlsx} reads it back into the same records.
 *
 * @example
 * await writeFile('network.xlsx', await networkToXlsx(network, { lang: 'ja' }));
 */
export async function networkToXlsx(view: NetworkView, options: WorkbookOptions = {}): Promise<Uint8Array> {
  const lang = options.lang ?? 'ja';
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Musubi';
  const rows = rowsOf(view);
  const names = (id: string) => {
    const entity = view.entity(id);
    return entity ? nameIn(entity.name, lang) : '';
  };
  for (const sheet of workbookSheets) {
    const worksheet = workbook.addWorksheet(sheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((c) => ({
      header: c[lang],
      width: Math.max(10, Math.min(40, c[lang].length * (lang === 'ja' ? 2.2 : 1.2) + 2)),
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of rows[sheet.key]) {
      const added = worksheet.addRow(sheet.columns.map((c) => cellOf(c, row, lang, names) ?? null));
      sheet.columns.forEach((c, i) => {
        const cell = added.getCell(i + 1);
        // ids, dates and codes stay text: Excel must not turn `2018-07` into a date or `007` into 7
        if (typeof cell.value === 'string') cell.numFmt = '@';
        if (c.type === 'list' || c.path[0] === 'notes') cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
