import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../network/network.js';
import { policySheetWords, reportToMarkdown } from './policy-sheet-markdown.js';
import { reportToXlsx } from './policy-sheet-xlsx.js';
import { addIndicator, addProgramme, recordFigure } from './records.js';
import { programmeCosts, report } from './report.js';

function sheetNetwork(): Network {
  const n = createNetwork({ author: 'test' });
  n.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, country: 'JP' });
  for (const c of ['c1', 'c2', 'c3']) n.addEntity({ id: c, kind: 'company', name: { en: c }, country: 'JP' });
  addProgramme(n, {
    id: 'sme',
    name: { ja: '県内中小企業国際展開促進事業', en: 'SMEs going international' },
    basicProgramme: { code: '33102', name: { ja: '海外事業展開の推進', en: 'Business expansion abroad' } },
    budgets: { '2019': 5076 },
  });
  addIndicator(n, {
    id: 'companies',
    name: { ja: '海外事業展開に取り組む企業数（累計）', en: 'Companies expanding abroad (cumulative)' },
    unit: '社',
    kind: 'activity',
    basicProgramme: '33102',
    measure: {
      aggregate: 'cumulative',
      since: 2018,
      count: 'distinct-entities',
      filter: { entityKinds: ['company'] },
    },
    targets: { '2018': 2, '2019': 4 },
  });
  n.recordEngagement({
    type: 'business-meeting',
    title: { en: 'meeting' },
    date: '2019-05-10',
    participants: [
      { entity: 'mie', role: 'organizer' },
      { entity: 'c1' },
      { entity: 'c2' },
      { entity: 'c3' },
    ],
  });
  recordFigure(n, { indicator: 'companies', fiscalYear: 2018, value: 2, note: 'printed sheet' });
  return n;
}

describe('policySheetWords', () => {
  it('has every word of the sheet in Japanese and English, with the seed’s Japanese headings', () => {
    for (const [word, { ja, en }] of Object.entries(policySheetWords)) {
      expect(ja.length, word).toBeGreaterThan(0);
      expect(en, word).toMatch(/^[\x20-\x7e]+$/);
    }
    expect([policySheetWords.target.ja, policySheetWords.actual.ja, policySheetWords.achievement.ja]).toEqual(
      ['目標値', '実績値', '目標達成状況'],
    );
  });
});

/** A cell's value as Excel shows it: a formula by its result. */
const shownValue = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && 'formula' in v ? (v as unknown as { result?: unknown }).result : v;

/** The rows of a worksheet as Excel shows them (`rows[i]` is row i + 1): a formula cell by its value. */
function shown(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1).map(shownValue));
  });
  return rows;
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

/** The first cell whose shown value is `value`. */
function cellShowing(sheet: ExcelJS.Worksheet, value: unknown): ExcelJS.Cell | undefined {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) =>
    row.eachCell((c) => {
      if (found === undefined && shownValue(c.value) === value) found = c;
    }),
  );
  return found;
}

describe('reportToMarkdown', () => {
  it('writes the sheet with Japanese headings, era years and the manual flag', () => {
    const md = reportToMarkdown(report(sheetNetwork(), { fiscalYears: [2018, 2019] }));
    for (const word of [
      '## 活動指標',
      '目標項目',
      '現状値',
      '平成30年度 目標値',
      '平成31年度 実績値',
      '目標達成状況',
      '## 主な事業',
      '予算額(千円)',
    ]) {
      expect(md).toContain(word);
    }
    expect(md).toContain(
      // FY2019 builds on the manual figure of FY2018: 2 + the 3 companies recorded since
      '| 33102 海外事業展開の推進 | 海外事業展開に取り組む企業数（累計） | — | 2社 | 2社 (手入力) | 1.00 | 4社 | 5社 | 1.25 |',
    );
    // its first budget is in the sheet's last year: new, as the sheet writes it
    expect(md).toContain('| （新）県内中小企業国際展開促進事業 | 33102 海外事業展開の推進 | - | 5,076 |');
    // a year without any budget totals `-`, not 0
    expect(md).toContain('| 合計 |  | - | 5,076 |');
  });

  it('writes the sheet in English with Western fiscal years', () => {
    const md = reportToMarkdown(report(sheetNetwork(), { fiscalYears: [2018, 2019] }), { lang: 'en' });
    expect(md).toContain('## Activity indicators');
    expect(md).toContain('FY2019 Target');
    expect(md).toContain('5 companies');
    expect(md).toContain('| 33102 Business expansion abroad |');
  });
});

describe('reportToXlsx', () => {
  it('writes a workbook that re-opens with the sheet’s headings and numbers in their cells', async () => {
    const bytes = await reportToXlsx(report(sheetNetwork(), { fiscalYears: [2018, 2019] }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.getWorksheet('施策シート');
    expect(sheet).toBeDefined();
    const rows = shown(sheet);
    expect(rows[0]).toEqual(['活動指標']);
    expect(rows[1]?.slice(0, 5)).toEqual(['基本事業', '目標項目', '単位', '現状値', '平成30年度']);
    expect(rows[2]?.slice(4)).toEqual([
      '目標値',
      '実績値',
      '目標達成状況',
      '目標値',
      '実績値',
      '目標達成状況',
    ]);
    expect(rows[3]).toEqual([
      '33102 海外事業展開の推進',
      '海外事業展開に取り組む企業数（累計）',
      '社',
      '—',
      2,
      2,
      1,
      4,
      5,
      1.25,
    ]);
    expect(sheet?.getCell(4, 6).note).toBe('手入力');
    const budget = rows.findIndex((r) => r[1] === '（新）県内中小企業国際展開促進事業');
    expect(rows[budget - 1]?.slice(0, 2)).toEqual(['基本事業', '主な事業']);
    expect(rows[budget - 1]?.[4]).toBe('平成30年度 予算額(千円)');
    expect(rows[budget]?.slice(1)).toEqual(['（新）県内中小企業国際展開促進事業', '', '', '-', 5076]);
    expect(rows[budget + 1]?.[0]).toBe('合計');
    expect(rows[budget + 1]?.slice(4)).toEqual(['-', 5076]);
    expect(sheet?.getCell(2, 5).isMerged).toBe(true);
  });
});

describe('reportToXlsx as Excel users work with it', () => {
  /** Two programmes, one of them new in FY2019, and engagements under them. */
  function withCosts(): Network {
    const n = sheetNetwork();
    addProgramme(n, {
      id: 'net',
      name: { ja: '国際ネットワーク強化推進事業', en: 'Network programme' },
      basicProgramme: { code: '33101', name: { ja: '国際交流の推進', en: 'International exchange' } },
      budgets: { '2018': 3753, '2019': 2970 },
    });
    for (const date of ['2019-06-01', '2019-07-01', '2019-08-01'])
      n.recordEngagement({
        type: 'seminar',
        title: { ja: 'セミナー' },
        date,
        programme: 'net',
        participants: [{ entity: 'mie' }],
      });
    n.recordEngagement({
      type: 'business-meeting',
      title: { ja: '商談会' },
      date: '2019-09-01',
      programme: 'sme',
      participants: [{ entity: 'c1' }],
    });
    return n;
  }

  it('writes the budget totals as SUM formulas whose cached results are the totals', async () => {
    const sheet = await workbookOf(await reportToXlsx(report(withCosts(), { fiscalYears: [2018, 2019] })));
    const total = cellShowing(sheet, 2970 + 5076);
    const formula = (total?.value as { formula: string } | undefined)?.formula ?? '';
    expect(formula).toMatch(/^IF\(COUNT\(F\d+:F\d+\)=0,"-",SUM\(F\d+:F\d+\)\)$/);
    // the range is exactly the programmes' rows of that year
    const [from, to] = (/SUM\((F\d+):(F\d+)\)/.exec(formula) ?? []).slice(1);
    const amounts = [sheet.getCell(from ?? '').value, sheet.getCell(to ?? '').value].sort();
    expect(amounts).toEqual([2970, 5076]);
    expect(total?.numFmt).toBe('#,##0');
  });

  it('writes achievement exact, as a formula of target and actual, formatted to two decimals', async () => {
    const n = sheetNetwork();
    addIndicator(n, {
      id: 'thirds',
      name: { ja: '三分の一', en: 'Thirds' },
      unit: '件',
      kind: 'activity',
      basicProgramme: '33102',
      measure: { aggregate: 'per-year', count: 'engagements' },
      targets: { '2019': 3 },
    });
    const sheet = await workbookOf(await reportToXlsx(report(n, { fiscalYears: [2019] })));
    const row = shown(sheet).findIndex((r) => r[1] === '三分の一') + 1;
    const ratio = sheet.getCell(row, 7);
    expect(ratio.value).toEqual({ formula: `F${row}/E${row}`, result: 1 / 3 });
    expect(ratio.numFmt).toBe('0.00');
  });

  it('writes each programme’s engagements and cost per engagement by year, the cost a formula of the budget', async () => {
    const sheet = await workbookOf(await reportToXlsx(report(withCosts(), { fiscalYears: [2018, 2019] })));
    const rows = shown(sheet);
    const title = rows.findIndex((r) => r[0] === policySheetWords.costs.ja);
    expect(title).toBeGreaterThan(0);
    expect(rows[title + 1]?.slice(4)).toEqual([
      '平成30年度 交流件数',
      '平成30年度 1件あたり(千円)',
      '平成31年度 交流件数',
      '平成31年度 1件あたり(千円)',
    ]);
    const table = rows.slice(title + 2, title + 5);
    expect(table.map((r) => [r[1] ?? r[0], ...r.slice(4)])).toEqual([
      ['国際ネットワーク強化推進事業', 0, '-', 3, 990],
      ['（新）県内中小企業国際展開促進事業', 0, '-', 1, 5076],
      // ExcelJS stores no cached result 0 (Excel computes every formula on load: fullCalcOnLoad)
      ['合計', undefined, '-', 4, (2970 + 5076) / 4],
    ]);
    const cost = sheet.getCell(title + 4, 8);
    expect((cost.value as { formula: string }).formula).toMatch(
      /^IF\(OR\(NOT\(ISNUMBER\(F\d+\)\),G\d+=0\),"-",F\d+\/G\d+\)$/,
    );
    expect(cost.numFmt).toBe('#,##0.0');
    const totalCount = sheet.getCell(title + 5, 7).value as { formula: string };
    expect(totalCount.formula).toBe(`SUM(G${title + 3}:G${title + 4})`);
    expect((sheet.getCell(title + 5, 5).value as { formula: string }).formula).toBe(
      `SUM(E${title + 3}:E${title + 4})`,
    );
  });

  it('writes the same cost table in the Markdown, in both languages', () => {
    const sheet = report(withCosts(), { fiscalYears: [2018, 2019] });
    const ja = reportToMarkdown(sheet);
    expect(ja).toContain('## 事業の交流1件あたりの費用');
    expect(ja).toContain('| 国際ネットワーク強化推進事業 | 0 | - | 3 | 990.0 |');
    expect(ja).toContain('| 合計 | 0 | - | 4 | 2,011.5 |');
    const en = reportToMarkdown(sheet, { lang: 'en' });
    expect(en).toContain('| (new) SMEs going international | 0 | - | 1 | 5,076.0 |');
  });

  it('marks no programme new when its first budget is before the sheet’s last year', () => {
    const md = reportToMarkdown(report(withCosts(), { fiscalYears: [2018, 2019, 2020] }));
    expect(md).not.toContain('（新）');
  });
});

describe('an honest sheet: actuals that count illustrative records', () => {
  function withIllustrative(): Network {
    const n = sheetNetwork();
    n.addEntity({ id: 'c4', kind: 'company', name: { en: 'Illustrative Co.' }, tags: ['illustrative'] });
    n.recordEngagement({
      type: 'business-meeting',
      title: { en: 'illustrative meeting' },
      date: '2019-09-10',
      programme: 'sme',
      participants: [{ entity: 'c4' }],
      tags: ['illustrative'],
    });
    return n;
  }

  it('counts in each computed actual the records tagged illustrative, and none in a manual figure', () => {
    const sheet = report(withIllustrative(), { fiscalYears: [2018, 2019] });
    const years = sheet.indicators[0]?.years;
    expect(years?.map((y) => [y.actual, y.source, y.illustrative])).toEqual([
      [2, 'manual', undefined],
      [6, 'computed', 1],
    ]);
    expect(sheet.illustrative).toBe(true);
    expect(report(sheetNetwork(), { fiscalYears: [2018, 2019] }).illustrative).toBe(false);
  });

  it('marks them in the Markdown and says what the mark means, in both languages', () => {
    const sheet = report(withIllustrative(), { fiscalYears: [2018, 2019] });
    const ja = reportToMarkdown(sheet, { lang: 'ja' });
    expect(ja).toContain('6社 [例示 1]');
    expect(ja).toContain(policySheetWords.illustrativeNote.ja);
    const en = reportToMarkdown(sheet, { lang: 'en' });
    expect(en).toContain('6 companies [1 illustrative]');
    expect(en).toContain(policySheetWords.illustrativeNote.en);
    expect(reportToMarkdown(report(sheetNetwork(), { fiscalYears: [2019] }))).not.toContain('例示');
  });

  it('shades and annotates them in the XLSX, keeps the count a number, and writes the caution under the tables', async () => {
    const sheet = report(withIllustrative(), { fiscalYears: [2018, 2019] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportToXlsx(sheet, { lang: 'en' })) as never);
    const ws = workbook.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const marked = cells.filter((c) => String(c.note ?? '').includes('1 illustrative'));
    // the actual, then the programme's engagements and their total in the cost table
    expect(marked.map((c) => c.value)).toEqual([6, 1, { formula: expect.stringMatching(/^SUM/), result: 1 }]);
    const cautions = cells.filter((c) => c.value === policySheetWords.illustrativeNote.en);
    // first, and again under the tables
    expect(cautions.map((c) => c.row)).toEqual([1, ws.rowCount]);
  });

  it('writes the caution when only the cost table counts illustrative engagements, in XLSX and Markdown', async () => {
    const n = sheetNetwork();
    n.recordEngagement({
      type: 'seminar',
      title: { en: 'illustrative seminar' },
      date: '2019-10-01',
      programme: 'sme',
      participants: [{ entity: 'mie' }],
      tags: ['illustrative'],
    });
    const sheet = report(n, { fiscalYears: [2019] });
    expect(sheet.indicators[0]?.years[0]?.illustrative).toBeUndefined();
    expect(sheet.illustrative).toBe(true);
    expect(reportToMarkdown(sheet)).toContain(policySheetWords.illustrativeNote.ja);
    const ws = await workbookOf(await reportToXlsx(sheet));
    const count = cellShowing(ws, policySheetWords.costs.ja);
    expect(count).toBeDefined();
    const marked: ExcelJS.Cell[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (String(c.note ?? '').startsWith('例示 1')) marked.push(c);
      }),
    );
    // the programme's count and the total's
    expect(marked).toHaveLength(2);
    expect(cellShowing(ws, policySheetWords.illustrativeNote.ja)?.row).toBe(1);
  });

  it('counts the illustrative engagements of a programme’s cost', () => {
    const costs = programmeCosts(withIllustrative(), 2019);
    expect(costs.map((c) => [c.engagements, c.illustrative])).toEqual([[1, 1]]);
  });
});
