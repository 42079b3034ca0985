/**
 * @musubi/core/xlsx — Excel workbooks: the whole network as one workbook (written and read back), and
 * the policy sheet laid out as the prefecture's. ExcelJS is an
 * optional peer dependency: install `exceljs` beside `@musubi/core` to use this entry.
 */

export type { XlsxOptions } from './indicators/policy-sheet-xlsx.js';
export { reportToXlsx } from './indicators/policy-sheet-xlsx.js';
export type { WorkbookOptions } from './io/workbook.js';
export { networkToXlsx } from './io/workbook.js';
export type { WorkbookDateReading, XlsxImportOptions, XlsxImportReport } from './io/workbook-import.js';
export { importXlsx } from './io/workbook-import.js';
export type { SheetKey, WorkbookColumn, WorkbookSheet } from './io/workbook-sheets.js';
export { workbookSheets } from './io/workbook-sheets.js';
export { dateFromExcelSerial } from './time/date-input.js';
