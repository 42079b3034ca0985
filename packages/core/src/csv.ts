/**
 * @musubi/core/csv — CSV for Excel: entities, links and engagements, with Japanese and English
 * headers, imported with a report of what was refused and where. Apart from the main entry so that
 * a page that never reads CSV does not bundle the parser (papaparse).
 */

export type { CsvImportOptions, CsvImportProgress, CsvImportReport, CsvKind } from './io/csv.js';
export { csvKinds, importCsv, MAX_CELL_CHARS, networkToCsv, neutraliseCell } from './io/csv.js';
export type { CsvColumn, IgnoredColumn } from './io/csv-columns.js';
export {
  columnLetter,
  engagementColumns,
  entityColumns,
  headerOf,
  LIST_SEPARATOR,
  linkColumns,
} from './io/csv-columns.js';
export type { DateReading } from './io/csv-rows.js';
export type { ImportEncoding } from './io/hostile-input.js';
