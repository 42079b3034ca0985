/** The names of downloaded files: `musubi-2026-11-24.json`, `musubi-entities-2026-11-24.csv`, … */

/** What the File menu can write. */
export const exportKinds = [
  'json',
  'csv-entities',
  'csv-links',
  'csv-engagements',
  'gexf',
  'graphml',
  'workbook',
  'xlsx',
] as const;
export type ExportKind = (typeof exportKinds)[number];

/** The day in the user's time zone (YYYY-MM-DD): a file saved at 08:00 in Tokyo has that day's date. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const stem: Record<ExportKind, string> = {
  json: 'musubi',
  'csv-entities': 'musubi-entities',
  'csv-links': 'musubi-links',
  'csv-engagements': 'musubi-engagements',
  gexf: 'musubi',
  graphml: 'musubi',
  workbook: 'musubi-network',
  xlsx: 'musubi-policy-sheet',
};

const extension: Record<ExportKind, string> = {
  json: 'json',
  'csv-entities': 'csv',
  'csv-links': 'csv',
  'csv-engagements': 'csv',
  gexf: 'gexf',
  graphml: 'graphml',
  workbook: 'xlsx',
  xlsx: 'xlsx',
};

/** The MIME type of each download. */
export const mimeTypes: Record<ExportKind, string> = {
  json: 'application/json',
  'csv-entities': 'text/csv;charset=utf-8',
  'csv-links': 'text/csv;charset=utf-8',
  'csv-engagements': 'text/csv;charset=utf-8',
  gexf: 'application/gexf+xml',
  graphml: 'application/graphml+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The file name of an export made on `day`; the policy sheet also names its fiscal years.
 *
 * @example exportFileName('json', '2026-11-24') // 'musubi-2026-11-24.json'
 * @example exportFileName('xlsx', '2026-11-24', [2016, 2019]) // 'musubi-policy-sheet-FY2016-2019-2026-11-24.xlsx'
 */
export function exportFileName(
  kind: ExportKind,
  day: string,
  fiscalYears?: readonly [number, number],
): string {
  const years =
    kind === 'xlsx' && fiscalYears
      ? `-FY${fiscalYears[0]}${fiscalYears[1] === fiscalYears[0] ? '' : `-${fiscalYears[1]}`}`
      : '';
  return `${stem[kind]}${years}-${day}.${extension[kind]}`;
}
