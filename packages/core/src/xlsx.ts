/**
 * @musubi/core/xlsx — Excel workbooks: the policy sheet laid out as the prefecture's. ExcelJS is an
 * optional peer dependency: install `exceljs` beside `@musubi/core` to use this entry.
 */

export type { XlsxOptions } from './indicators/policy-sheet-xlsx.js';
export { reportToXlsx } from './indicators/policy-sheet-xlsx.js';
export { dateFromExcelSerial } from './time/date-input.js';
