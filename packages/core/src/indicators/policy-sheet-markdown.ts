import { unitNames } from '../model/indicators.js';
import type { Lang } from '../model/names.js';
import { nameIn } from '../model/names.js';
import { type EraConvention, type FiscalYearStyle, formatFiscalYear } from '../time/era.js';
import type { BudgetRow, IndicatorRow, IndicatorYear, PolicyReport } from './report.js';

export interface MarkdownOptions {
  lang?: Lang;
  /** How fiscal years are written in headings; default `era` in Japanese, `western` in English. */
  style?: FiscalYearStyle;
  eraConvention?: EraConvention;
}

/** The sheet's words, in both languages. */
export const policySheetWords = {
  outcome: { ja: '県民指標', en: 'Outcome indicators' },
  activity: { ja: '活動指標', en: 'Activity indicators' },
  item: { ja: '目標項目', en: 'Indicator' },
  basicProgramme: { ja: '基本事業', en: 'Basic programme' },
  baseline: { ja: '現状値', en: 'Baseline' },
  target: { ja: '目標値', en: 'Target' },
  actual: { ja: '実績値', en: 'Actual' },
  achievement: { ja: '目標達成状況', en: 'Achievement' },
  programmes: { ja: '主な事業', en: 'Main programmes' },
  budget: { ja: '予算額(千円)', en: 'Budget (thousand yen)' },
  total: { ja: '合計', en: 'Total' },
  costs: { ja: '事業の交流1件あたりの費用', en: 'Cost per engagement of each programme' },
  engagements: { ja: '交流件数', en: 'Engagements' },
  costPerEngagement: { ja: '1件あたり(千円)', en: 'Per engagement (thousand yen)' },
  new: { ja: '（新）', en: '(new) ' },
  cumulative: { ja: '（累計）', en: ' (cumulative)' },
  manual: { ja: '手入力', en: 'manual' },
  pending: { ja: '集計中', en: 'pending' },
  note: {
    ja: '実績値は記録から算出（手入力 = Musubi 導入前の数値）。',
    en: 'Actuals are computed from the records (manual = a figure from before Musubi).',
  },
  illustrative: { ja: '例示', en: 'illustrative' },
  illustrativeNote: {
    ja: '注意: 「例示」と記した実績値は、例示（架空）の記録を数えています（例示 n = そのうちの件数）。その実績値と目標達成状況は実際の数値ではありません。',
    en: 'Caution: actuals marked "illustrative" count illustrative (made-up) records (n illustrative = how many of them). Those actuals and their achievement are not real figures.',
  },
} as const;

export type PolicySheetWord = keyof typeof policySheetWords;

/** A sheet word in a language. */
export function sheetWord(word: PolicySheetWord, lang: Lang): string {
  return policySheetWords[word][lang];
}

/** A count with its unit, as the sheet writes it (`15社`, `3 cases`). */
export function withUnit(value: number | undefined, row: IndicatorRow, lang: Lang): string {
  if (value === undefined) return '—';
  return lang === 'ja' ? `${value}${row.unit}` : `${value} ${unitNames[row.unit].en}`;
}

/** How many illustrative records an actual counts, as the sheet marks it (`例示 35`, `35 illustrative`), or ''. */
export function illustrativeMark(y: IndicatorYear, lang: Lang): string {
  if (y.illustrative === undefined) return '';
  const word = sheetWord('illustrative', lang);
  return lang === 'ja' ? `${word} ${y.illustrative}` : `${y.illustrative} ${word}`;
}

/** The actual of a year as a cell: the value, marked when manual, pending or counting illustrative records. */
export function actualCell(y: IndicatorYear, row: IndicatorRow, lang: Lang): string {
  const value = withUnit(y.actual, row, lang);
  const mark = illustrativeMark(y, lang);
  const marked = mark === '' ? value : `${value} [${mark}]`;
  if (y.status === 'pending') return `(${marked} ${sheetWord('pending', lang)})`;
  return y.source === 'manual' ? `${value} (${sheetWord('manual', lang)})` : marked;
}

/**
 * The basic programme of an indicator as the sheet writes it (`33101 国際交流の推進`): its code, and
 * its name when a programme of the report belongs to it.
 */
export function basicProgrammeLabel(report: PolicyReport, code: string | undefined, lang: Lang): string {
  if (code === undefined) return '';
  const named = report.budget.find((b) => b.basicProgramme.code === code);
  return named ? `${code} ${nameIn(named.basicProgramme.name, lang)}` : code;
}

/** The budget total of a fiscal year, or undefined when no programme had a budget that year (`-`). */
export function budgetTotalOf(report: PolicyReport, fy: number): number | undefined {
  const budgeted = report.budget.some((b) =>
    b.budgets.some((x) => x.fiscalYear === fy && x.amount !== undefined),
  );
  return budgeted ? report.budgetTotals.find((t) => t.fiscalYear === fy)?.amount : undefined;
}

/**
 * A programme's name as the sheet writes it: `（新）` before one whose first budget is in the
 * report's last fiscal year (the sheet's own year), as `（新）三重・タイ産業人材育成協力事業`.
 */
export function programmeLabel(report: PolicyReport, row: BudgetRow, lang: Lang): string {
  const isNew = row.firstFiscalYear !== undefined && row.firstFiscalYear === report.fiscalYears.at(-1);
  return `${isNew ? sheetWord('new', lang) : ''}${nameIn(row.name, lang)}`;
}

/** The engagements and the cost per engagement of all programmes in a year (undefined: `-`). */
export function costTotalOf(
  report: PolicyReport,
  fy: number,
): { budget?: number; engagements: number; costPerEngagement?: number } {
  const rows = report.costs.find((c) => c.fiscalYear === fy)?.programmes ?? [];
  const engagements = rows.reduce((sum, r) => sum + r.engagements, 0);
  const budget = budgetTotalOf(report, fy);
  return {
    engagements,
    ...(budget === undefined ? {} : { budget }),
    ...(budget !== undefined && engagements > 0 ? { costPerEngagement: budget / engagements } : {}),
  };
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function indicatorTable(
  report: PolicyReport,
  rows: IndicatorRow[],
  options: Required<Omit<MarkdownOptions, 'eraConvention'>> & MarkdownOptions,
): string {
  const { lang } = options;
  const fy = (y: number) =>
    formatFiscalYear(y, {
      lang,
      style: options.style,
      ...(options.eraConvention ? { eraConvention: options.eraConvention } : {}),
    });
  const header = [sheetWord('basicProgramme', lang), sheetWord('item', lang), sheetWord('baseline', lang)];
  for (const y of report.fiscalYears) {
    header.push(
      `${fy(y)} ${sheetWord('target', lang)}`,
      `${fy(y)} ${sheetWord('actual', lang)}`,
      `${fy(y)} ${sheetWord('achievement', lang)}`,
    );
  }
  const body = rows.map((row) => {
    const plain = nameIn(row.name, lang);
    const saysCumulative = /累計|cumulative/i.test(plain);
    const name = `${plain}${row.cumulative && !saysCumulative ? sheetWord('cumulative', lang) : ''}`;
    const baseline = row.baseline
      ? `${fy(row.baseline.fiscalYear)}: ${withUnit(row.baseline.value, row, lang)}`
      : '—';
    const cells = [basicProgrammeLabel(report, row.basicProgramme, lang), name, baseline];
    for (const y of row.years) {
      cells.push(
        withUnit(y.target, row, lang),
        actualCell(y, row, lang),
        y.achievement === undefined ? '' : y.achievement.toFixed(2),
      );
    }
    return cells;
  });
  return table(header, body);
}

/** Each programme's engagements and cost per engagement by fiscal year, with the totals. */
function costTable(report: PolicyReport, lang: Lang, fy: (y: number) => string): string {
  const money = (n: number | undefined, digits = 0) =>
    n === undefined
      ? '-'
      : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const count = (n: number, illustrative: number | undefined) =>
    illustrative === undefined ? String(n) : `${n} [${illustrativeText(illustrative, lang)}]`;
  const rows = report.budget.map((b) => [
    programmeLabel(report, b, lang),
    ...report.costs.flatMap((c) => {
      const cost = c.programmes.find((p) => p.programme === b.id);
      return [count(cost?.engagements ?? 0, cost?.illustrative), money(cost?.costPerEngagement, 1)];
    }),
  ]);
  const totals = [
    sheetWord('total', lang),
    ...report.costs.flatMap((c) => {
      const t = costTotalOf(report, c.fiscalYear);
      const illustrative = c.programmes.reduce((sum, p) => sum + (p.illustrative ?? 0), 0);
      return [count(t.engagements, illustrative || undefined), money(t.costPerEngagement, 1)];
    }),
  ];
  return table(
    [
      sheetWord('programmes', lang),
      ...report.fiscalYears.flatMap((y) => [
        `${fy(y)} ${sheetWord('engagements', lang)}`,
        `${fy(y)} ${sheetWord('costPerEngagement', lang)}`,
      ]),
    ],
    [...rows, totals],
  );
}

/** `例示 2` / `2 illustrative`. */
function illustrativeText(n: number, lang: Lang): string {
  const word = sheetWord('illustrative', lang);
  return lang === 'ja' ? `${word} ${n}` : `${n} ${word}`;
}

/**
 * Writes the policy sheet as Markdown: the outcome (県民指標) and activity (活動指標) tables, then
 * the programmes (主な事業) with their budgets (予算額(千円)) and their cost per engagement by year
 * (a programme new in the last year as `（新）…`). An actual that counts illustrative
 * records is marked in its cell, and a caution under the tables says what the mark means.
 */
export function reportToMarkdown(report: PolicyReport, options: MarkdownOptions = {}): string {
  const lang = options.lang ?? 'ja';
  const style = options.style ?? (lang === 'ja' ? 'era' : 'western');
  const opts = { ...options, lang, style };
  const out: string[] = [];
  for (const kind of ['outcome', 'activity'] as const) {
    const rows = report.indicators.filter((r) => r.kind === kind);
    if (rows.length === 0) continue;
    out.push(`## ${sheetWord(kind, lang)}`, '', indicatorTable(report, rows, opts), '');
  }
  const fy = (y: number) =>
    formatFiscalYear(y, {
      lang,
      style,
      ...(options.eraConvention ? { eraConvention: options.eraConvention } : {}),
    });
  const money = (n: number | undefined) => (n === undefined ? '-' : n.toLocaleString('en-US'));
  out.push(`## ${sheetWord('programmes', lang)}`, '');
  out.push(
    table(
      [
        sheetWord('programmes', lang),
        sheetWord('basicProgramme', lang),
        ...report.fiscalYears.map((y) => `${fy(y)} ${sheetWord('budget', lang)}`),
      ],
      [
        ...report.budget.map((b) => [
          programmeLabel(report, b, lang),
          `${b.basicProgramme.code} ${nameIn(b.basicProgramme.name, lang)}`,
          ...b.budgets.map((x) => money(x.amount)),
        ]),
        [sheetWord('total', lang), '', ...report.fiscalYears.map((y) => money(budgetTotalOf(report, y)))],
      ],
    ),
  );
  out.push('', `## ${sheetWord('costs', lang)}`, '', costTable(report, lang, fy));
  out.push('', sheetWord('note', lang), '');
  if (report.illustrative) out.push(sheetWord('illustrativeNote', lang), '');
  return out.join('\n');
}
