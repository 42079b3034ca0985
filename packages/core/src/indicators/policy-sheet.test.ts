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
    expect(md).toContain('| 県内中小企業国際展開促進事業 | 33102 海外事業展開の推進 | - | 5,076 |');
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
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
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
    const budget = rows.findIndex((r) => r[1] === '県内中小企業国際展開促進事業');
    expect(rows[budget - 1]?.slice(0, 2)).toEqual(['基本事業', '主な事業']);
    expect(rows[budget - 1]?.[4]).toBe('平成30年度 予算額(千円)');
    expect(rows[budget]?.slice(1)).toEqual(['県内中小企業国際展開促進事業', '', '', '-', 5076]);
    expect(rows[budget + 1]).toEqual(['合計', '', '', '', '-', 5076]);
    expect(sheet?.getCell(2, 5).isMerged).toBe(true);
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
    expect(marked.map((c) => c.value)).toEqual([6]);
    expect(cells.some((c) => c.value === policySheetWords.illustrativeNote.en)).toBe(true);
  });

  it('counts the illustrative engagements of a programme’s cost', () => {
    const costs = programmeCosts(withIllustrative(), 2019);
    expect(costs.map((c) => [c.engagements, c.illustrative])).toEqual([[1, 1]]);
  });
});
