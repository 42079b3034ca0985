// ExcelJS is loaded on first use: most programs that import the core never write a workbook
import type ExcelJS from 'exceljs';
import type { Lang } from '../model/names.js';
import { nameIn } from '../model/names.js';
import { type EraConvention, type FiscalYearStyle, formatFiscalYear } from '../time/era.js';
import { basicProgrammeLabel, budgetTotalOf, illustrativeMark, sheetWord } from './policy-sheet-markdown.js';
import type { IndicatorRow, PolicyReport } from './report.js';
import { unitNames } from './schemas.js';

export interface XlsxOptions {
  /** The language of headings and names; default Japanese, as the sheet. */
  lang?: Lang;
  style?: FiscalYearStyle;
  eraConvention?: EraConvention;
  /** The worksheet's name; default `施策シート` / `Policy sheet`. */
  sheetName?: string;
}

const bold = { bold: true } as const;
const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Writes the policy sheet as an XLSX workbook laid out like the prefecture's sheet: for each of
 * 県民指標 and 活動指標 a block with the 基本事業 and 目標項目, the 現状値, then per fiscal year
 * 目標値 / 実績値 / 目標達成状況; then 主な事業 with 予算額(千円) per fiscal year. Counts and
 * amounts are numbers (Excel can sum them); units sit in their own column. An actual that counts
 * illustrative records is shaded and carries a note, and a caution follows the tables.
 *
 * @example
 * const bytes = await reportToXlsx(report(network, { fiscalYears: [2016, 2017, 2018, 2019] }));
 * await writeFile('policy-sheet.xlsx', bytes);
 */
export async function reportToXlsx(report: PolicyReport, options: XlsxOptions = {}): Promise<Uint8Array> {
  const lang = options.lang ?? 'ja';
  const style = options.style ?? (lang === 'ja' ? 'era' : 'western');
  const fy = (y: number) =>
    formatFiscalYear(y, {
      lang,
      style,
      ...(options.eraConvention ? { eraConvention: options.eraConvention } : {}),
    });
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Musubi';
  const sheet = workbook.addWorksheet(options.sheetName ?? (lang === 'ja' ? '施策シート' : 'Policy sheet'));
  sheet.columns = [
    { width: 24 },
    { width: 48 },
    { width: 8 },
    { width: 10 },
    ...report.fiscalYears.flatMap(() => [{ width: 10 }, { width: 10 }, { width: 12 }]),
  ];

  const addHeader = (cells: (string | number)[]) => {
    const row = sheet.addRow(cells);
    row.font = bold;
    row.eachCell((c) => {
      c.border = border;
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
    return row;
  };

  for (const kind of ['outcome', 'activity'] as const) {
    const rows = report.indicators.filter((r) => r.kind === kind);
    if (rows.length === 0) continue;
    const title = sheet.addRow([sheetWord(kind, lang)]);
    title.font = { bold: true, size: 12 };
    // two header rows: the fiscal year over its three columns, then 目標値 / 実績値 / 目標達成状況
    const yearRow = addHeader([
      sheetWord('basicProgramme', lang),
      sheetWord('item', lang),
      lang === 'ja' ? '単位' : 'Unit',
      sheetWord('baseline', lang),
      ...report.fiscalYears.flatMap((y) => [fy(y), '', '']),
    ]);
    report.fiscalYears.forEach((_, i) => {
      const col = 5 + i * 3;
      sheet.mergeCells(yearRow.number, col, yearRow.number, col + 2);
    });
    addHeader([
      '',
      '',
      '',
      '',
      ...report.fiscalYears.flatMap(() => [
        sheetWord('target', lang),
        sheetWord('actual', lang),
        sheetWord('achievement', lang),
      ]),
    ]);
    for (const row of rows)
      addIndicatorRow(sheet, row, basicProgrammeLabel(report, row.basicProgramme, lang), lang);
    sheet.addRow([]);
  }

  const title = sheet.addRow([sheetWord('programmes', lang)]);
  title.font = { bold: true, size: 12 };
  addHeader([
    sheetWord('basicProgramme', lang),
    sheetWord('programmes', lang),
    '',
    '',
    ...report.fiscalYears.map((y) => `${fy(y)} ${sheetWord('budget', lang)}`),
  ]);
  for (const b of report.budget) {
    const row = sheet.addRow([
      `${b.basicProgramme.code} ${nameIn(b.basicProgramme.name, lang)}`,
      nameIn(b.name, lang),
      '',
      '',
      ...b.budgets.map((x) => x.amount ?? '-'),
    ]);
    row.eachCell((c) => {
      c.border = border;
      if (typeof c.value === 'number') c.numFmt = '#,##0';
    });
  }
  const total = sheet.addRow([
    sheetWord('total', lang),
    '',
    '',
    '',
    ...report.fiscalYears.map((y) => budgetTotalOf(report, y) ?? '-'),
  ]);
  total.font = bold;
  total.eachCell((c) => {
    if (typeof c.value === 'number') c.numFmt = '#,##0';
  });
  sheet.addRow([]);
  sheet.addRow([sheetWord('note', lang)]);
  if (report.illustrative) {
    const caution = sheet.addRow([sheetWord('illustrativeNote', lang)]);
    caution.font = { bold: true, color: { argb: 'FF9C0006' } };
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function addIndicatorRow(sheet: ExcelJS.Worksheet, row: IndicatorRow, programme: string, lang: Lang): void {
  const unit = lang === 'ja' ? row.unit : unitNames[row.unit].en;
  const cells: (string | number)[] = [programme, nameIn(row.name, lang), unit, row.baseline?.value ?? '—'];
  for (const y of row.years) {
    cells.push(
      y.target ?? '—',
      y.actual,
      y.achievement ?? (y.status === 'pending' ? sheetWord('pending', lang) : ''),
    );
  }
  const added = sheet.addRow(cells);
  added.eachCell((c) => {
    c.border = border;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  row.years.forEach((y, i) => {
    const actual = added.getCell(5 + i * 3 + 1);
    if (y.source === 'manual') actual.note = sheetWord('manual', lang);
    // counts stay numbers (Excel sums them); the mark goes to the cell's note and its colour
    if (y.illustrative !== undefined) {
      actual.note = `${illustrativeMark(y, lang)} — ${sheetWord('illustrativeNote', lang)}`;
      actual.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
    }
    if (y.status === 'pending') actual.font = { italic: true, color: { argb: 'FF808080' } };
    const ratio = added.getCell(5 + i * 3 + 2);
    if (typeof ratio.value === 'number') ratio.numFmt = '0.00';
  });
}
