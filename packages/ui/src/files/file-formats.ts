/**
 * Which importer a chosen file goes to: by its name first (`.csv`, `.xlsx`, `.json`, `.gexf`, `.graphml`),
 * then by its first characters when the name says nothing (`export.txt`, no extension). And which
 * CSV sheet (entities or links) a CSV file is, from its header row.
 */
import { type CsvColumn, type CsvKind, engagementColumns, headerOf, linkColumns } from '@musubi/core/csv';

/** The formats a file can be imported from. */
export const importFormats = ['csv', 'xlsx', 'json', 'gexf', 'graphml'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What the file input accepts. */
export const importAccept =
  '.csv,.xlsx,.json,.gexf,.graphml,.xml,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const byExtension: Record<string, ImportFormat> = {
  csv: 'csv',
  tsv: 'csv',
  xlsx: 'xlsx',
  json: 'json',
  gexf: 'gexf',
  graphml: 'graphml',
};

/** The file's first characters, decoded leniently (for sniffing only, never for importing). */
export function headOf(bytes: Uint8Array, chars = 2000): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, chars * 3));
  return text.replace(/^\uFEFF/, '').slice(0, chars);
}

/**
 * The format of a file from its name, or from its first characters when the name does not say
 * (`.xml` and `.txt` are sniffed). Undefined when it looks like none of them.
 *
 * @example importFormatOf('network.json', '{"format":"musubi"…') // 'json'
 */
export function importFormatOf(name: string, head: string): ImportFormat | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  const known = extension === undefined ? undefined : byExtension[extension];
  if (known) return known;
  // an XLSX workbook is a ZIP archive
  if (head.startsWith('PK\u0003\u0004')) return 'xlsx';
  const start = head.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('<')) {
    if (/<gexf[\s>]/i.test(start)) return 'gexf';
    if (/<graphml[\s>]/i.test(start)) return 'graphml';
    return undefined;
  }
  // a first line with a comma or a tab and no markup reads as a CSV header
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (extension === undefined || extension === 'txt') return /[,\t]/.test(firstLine) ? 'csv' : undefined;
  return undefined;
}

/** Whether a header cell names the column, as the core's CSV reader matches it. */
function names(column: CsvColumn<unknown>, cell: string): boolean {
  return cell === headerOf(column) || cell === column.ja || cell.toLowerCase() === column.en.toLowerCase();
}

/**
 * The sheet a CSV file holds, from its header: a link sheet has the 起点/source and 終点/target
 * columns, an engagement sheet the 参加者/participants and 日付/date columns; anything else is read
 * as an entity sheet (whose errors then say what is missing).
 */
export function csvKindOf(head: string): CsvKind {
  const header = head.split(/\r?\n/, 1)[0] ?? '';
  const cells = header.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').trim());
  const linkOnly = (linkColumns as readonly CsvColumn<unknown>[]).filter(
    (c) => c.en === 'source' || c.en === 'target',
  );
  const has = (column: CsvColumn<unknown>) => cells.some((cell) => names(column, cell));
  if (linkOnly.every(has)) return 'links';
  const engagementOnly = (engagementColumns as readonly CsvColumn<unknown>[]).filter(
    (c) => c.en === 'participants' || c.en === 'date',
  );
  return engagementOnly.every(has) ? 'engagements' : 'entities';
}
