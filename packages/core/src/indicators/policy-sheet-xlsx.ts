// ExcelJS is loaded on first use: most programs that import the core never write a workbook
import type ExcelJS from 'exceljs';
import { unitNames } from '../model/indicators.js';
import type { Lang } from '../model/names.js';
import { nameIn } from '../model/names.js';
import { type EraConvention, type FiscalYearStyle, formatFiscalYear } from '../time/era.js';
import {
  basicProgrammeLabel,
  budgetTotalOf,
  costTotalOf,
  illustrativeMark,
  programmeLabel,
  sheetWord,
} from './policy-sheet-markdown.js';
import type { IndicatorRow, PolicyReport } from './report.js';

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
 * 目標値 / 実績値 / 目標達成状況; then 主な事業 with 予算額(千円) per fiscal year (a programme new in
 * the last year as `（新）…`), and each programme's engagements and cost per engagement by year.
 * Counts and amounts are numbers; totals are `SUM` formulas, achievement and cost per engagement
 * are formulas of their cells (exact, shown with two and one decimals); units sit in their own
 * column. An actual or a count of engagements that counts illustrative records is shaded and
 * carries a note, and a caution opens and closes the sheet.
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
  // totals and ratios are formulas: Excel recomputes them on opening (a cached 0 is not stored)
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheet = workbook.addWorksheet(options.sheetName ?? (lang === 'ja' ? '施策シート' : 'Policy sheet'));
  sheet.columns = [
    { width: 24 },
    { width: 48 },
    { width: 8 },
    { width: 10 },
    ...report.fiscalYears.flatMap(() => [{ width: 10 }, { width: 10 }, { width: 12 }]),
  ];

  if (report.illustrative) {
    // said first as well as under the tables: a reader who prints one page still sees it
    const caution = sheet.addRow([sheetWord('illustrativeNote', lang)]);
    caution.font = { bold: true, color: { argb: 'FF9C0006' } };
    sheet.addRow([]);
  }
  for (const kind of ['outcome', 'activity'] as const) {
    const rows = report.indicators.filter((r) => r.kind === kind);
    if (rows.length === 0) continue;
    const title = sheet.addRow([sheetWord(kind, lang)]);
    title.font = { bold: true, size: 12 };
    // two header rows: the fiscal year over its three columns, then 目標値 / 実績値 / 目標達成状況
    const yearRow = headerRow(sheet, [
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
    headerRow(sheet, [
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

  const budgetCells = addBudgetTable(sheet, report, lang, fy);
  sheet.addRow([]);
  addCostTable(sheet, report, lang, fy, budgetCells);
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
  row.years.forEach((y, i) => {
    // the ratio as a formula of the two cells beside it, exact; the sheet's two decimals are a format
    if (y.achievement === undefined || y.target === undefined || y.target === 0) return;
    const target = added.getCell(5 + i * 3).address;
    const actual = added.getCell(6 + i * 3).address;
    added.getCell(7 + i * 3).value = { formula: `${actual}/${target}`, result: y.actual / y.target };
  });
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
    if (y.achievement !== undefined) ratio.numFmt = '0.00';
  });
}

/** The addresses of each programme's budget and of the totals by fiscal year, for the cost table's formulas. */
interface BudgetCells {
  programmes: Map<string, string[]>;
  totals: string[];
}

/** 主な事業 with 予算額(千円) per fiscal year; the totals are SUM formulas (`-` when no budget). */
function addBudgetTable(
  sheet: ExcelJS.Worksheet,
  report: PolicyReport,
  lang: Lang,
  fy: (y: number) => string,
): BudgetCells {
  const title = sheet.addRow([sheetWord('programmes', lang)]);
  title.font = { bold: true, size: 12 };
  headerRow(sheet, [
    sheetWord('basicProgramme', lang),
    sheetWord('programmes', lang),
    '',
    '',
    ...report.fiscalYears.map((y) => `${fy(y)} ${sheetWord('budget', lang)}`),
  ]);
  const cells: BudgetCells = { programmes: new Map(), totals: [] };
  const first = sheet.rowCount + 1;
  for (const b of report.budget) {
    const row = sheet.addRow([
      `${b.basicProgramme.code} ${nameIn(b.basicProgramme.name, lang)}`,
      programmeLabel(report, b, lang),
      '',
      '',
      ...b.budgets.map((x) => x.amount ?? '-'),
    ]);
    row.eachCell((c) => {
      c.border = border;
      if (typeof c.value === 'number') c.numFmt = '#,##0';
    });
    cells.programmes.set(
      b.id,
      report.fiscalYears.map((_, i) => row.getCell(5 + i).address),
    );
  }
  const last = sheet.rowCount;
  const total = sheet.addRow([sheetWord('total', lang)]);
  report.fiscalYears.forEach((y, i) => {
    const cell = total.getCell(5 + i);
    cell.value = sumOrDash(sheet, first, last, 5 + i, budgetTotalOf(report, y));
    cell.numFmt = '#,##0';
    cells.totals.push(cell.address);
  });
  total.font = bold;
  return cells;
}

/** `SUM` of a column's rows, written `-` when none of them holds a number (as the sheet writes an empty year). */
function sumOrDash(
  sheet: ExcelJS.Worksheet,
  first: number,
  last: number,
  column: number,
  result: number | undefined,
): ExcelJS.CellValue {
  if (last < first) return result ?? '-';
  const range = `${sheet.getCell(first, column).address}:${sheet.getCell(last, column).address}`;
  return { formula: `IF(COUNT(${range})=0,"-",SUM(${range}))`, result: result ?? '-' } as ExcelJS.CellValue;
}

/**
 * Each programme's engagements and cost per engagement by fiscal year (budget ÷ engagements, a
 * formula of the budget table's cell), with totals; a count of illustrative engagements is shaded
 * and annotated like an illustrative actual.
 */
function addCostTable(
  sheet: ExcelJS.Worksheet,
  report: PolicyReport,
  lang: Lang,
  fy: (y: number) => string,
  budgets: BudgetCells,
): void {
  const title = sheet.addRow([sheetWord('costs', lang)]);
  title.font = { bold: true, size: 12 };
  headerRow(sheet, [
    sheetWord('basicProgramme', lang),
    sheetWord('programmes', lang),
    '',
    '',
    ...report.fiscalYears.flatMap((y) => [
      `${fy(y)} ${sheetWord('engagements', lang)}`,
      `${fy(y)} ${sheetWord('costPerEngagement', lang)}`,
    ]),
  ]);
  const first = sheet.rowCount + 1;
  const costOf = (cost: ExcelJS.Cell, budget: string | undefined, count: ExcelJS.Cell, value?: number) => {
    cost.value = budget
      ? ({
          formula: `IF(OR(NOT(ISNUMBER(${budget})),${count.address}=0),"-",${budget}/${count.address})`,
          result: value ?? '-',
        } as ExcelJS.CellValue)
      : '-';
    cost.numFmt = '#,##0.0';
  };
  for (const b of report.budget) {
    const row = sheet.addRow([
      `${b.basicProgramme.code} ${nameIn(b.basicProgramme.name, lang)}`,
      programmeLabel(report, b, lang),
    ]);
    report.costs.forEach((c, i) => {
      const cost = c.programmes.find((p) => p.programme === b.id);
      const count = row.getCell(5 + i * 2);
      count.value = cost?.engagements ?? 0;
      markIllustrativeCount(count, cost?.illustrative, lang);
      const budget = budgets.programmes.get(b.id)?.[i];
      const exact =
        cost?.budget !== undefined && cost.engagements > 0 ? cost.budget / cost.engagements : undefined;
      costOf(row.getCell(6 + i * 2), budget, count, exact);
    });
    row.eachCell((c) => {
      c.border = border;
    });
  }
  const last = sheet.rowCount;
  const total = sheet.addRow([sheetWord('total', lang)]);
  total.font = bold;
  report.costs.forEach((c, i) => {
    const t = costTotalOf(report, c.fiscalYear);
    const count = total.getCell(5 + i * 2);
    count.value =
      last < first
        ? 0
        : ({
            formula: `SUM(${sheet.getCell(first, 5 + i * 2).address}:${sheet.getCell(last, 5 + i * 2).address})`,
            result: t.engagements,
          } as ExcelJS.CellValue);
    const illustrative = c.programmes.reduce((sum, p) => sum + (p.illustrative ?? 0), 0);
    markIllustrativeCount(count, illustrative || undefined, lang);
    const budgetTotal = budgetTotalOf(report, c.fiscalYear) === undefined ? undefined : budgets.totals[i];
    costOf(total.getCell(6 + i * 2), budgetTotal, count, t.costPerEngagement);
  });
}

function markIllustrativeCount(cell: ExcelJS.Cell, illustrative: number | undefined, lang: Lang): void {
  if (illustrative === undefined) return;
  const word = sheetWord('illustrative', lang);
  const mark = lang === 'ja' ? `${word} ${illustrative}` : `${illustrative} ${word}`;
  cell.note = `${mark} — ${sheetWord('illustrativeNote', lang)}`;
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
}

function headerRow(sheet: ExcelJS.Worksheet, cells: (string | number)[]): ExcelJS.Row {
  const row = sheet.addRow(cells);
  row.font = bold;
  row.eachCell((c) => {
    c.border = border;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  return row;
}
