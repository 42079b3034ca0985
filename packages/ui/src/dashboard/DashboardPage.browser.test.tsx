import type { Network } from '@musubi/core';
import { recordFigure } from '@musubi/core/indicators';
import { buildMieNetwork } from '@musubi/examples';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { Calls } from '../testing/calls.js';
import { renderWithApp } from '../testing/render-with-app.js';
import { DashboardPage } from './DashboardPage.js';

const noop = () => {};

/** The text of a cell (`actual-2016`, `budget-2019`) of an indicator's table or a programme's row. */
function cell(scope: Element, key: string): string {
  const found = scope.querySelector(`[data-cell="${key}"]`);
  if (!found) throw new Error(`no cell ${key}`);
  return found.textContent ?? '';
}

function indicator(id: string): Element {
  const found = document.querySelector(`[data-indicator="${id}"]`);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

function programmeRow(table: string, id: string): Element {
  const found = document.querySelector(`.${table} [data-programme="${id}"]`);
  if (!found) throw new Error(`no row ${id} in ${table}`);
  return found;
}

async function show(network: Network, lang: 'ja' | 'en' = 'ja') {
  const screen = await renderWithApp(<DashboardPage onOpen={noop} />, { network, lang });
  await expect.element(screen.getByRole('heading', { level: 2 })).toBeVisible();
  return screen;
}

describe('the dashboard (施策評価)', () => {
  it('shows the seed’s indicators, targets and actuals by fiscal year in Japanese', async () => {
    const screen = await show(buildMieNetwork());
    await expect.element(screen.getByRole('heading', { name: '施策評価' })).toBeVisible();
    await expect.element(screen.getByRole('heading', { name: '県民指標' })).toBeVisible();
    await expect.element(screen.getByRole('heading', { name: '活動指標' })).toBeVisible();

    const companies = indicator('ind-companies-supported');
    expect(companies.textContent).toContain('海外事業展開に取り組む企業数');
    expect(companies.textContent).toContain('基本事業 33102 海外事業展開の推進');
    expect(cell(companies, 'target-2016')).toBe('15社');
    expect(cell(companies, 'actual-2016')).toBe('15社 例示 15');
    expect(cell(companies, 'achievement-2016')).toBe('1.00 例示（実績ではない）');
    expect(cell(companies, 'target-2017')).toBe('30社');
    expect(cell(companies, 'actual-2017')).toBe('35社 例示 35');
    expect(cell(companies, 'achievement-2017')).toBe('1.17 例示（実績ではない）');

    const municipalities = indicator('ind-newly-international');
    expect(municipalities.textContent).toContain('基本事業 33101 国際交流の推進');
    expect([cell(municipalities, 'target-2016'), cell(municipalities, 'actual-2016')]).toEqual([
      '3件',
      '3件 例示 3',
    ]);
    expect([cell(municipalities, 'target-2017'), cell(municipalities, 'actual-2017')]).toEqual([
      '6件',
      '6件 例示 6',
    ]);

    const joint = indicator('ind-joint-initiatives');
    expect([2016, 2017, 2018, 2019].map((fy) => cell(joint, `target-${fy}`))).toEqual([
      '30件',
      '60件',
      '90件',
      '120件',
    ]);
    // the table is what a screen reader reads; the chart is named by its caption
    const table = screen.getByRole('table', { name: /海外事業展開に取り組む企業数/ });
    await expect.element(table.getByRole('rowheader', { name: '実績値' })).toBeVisible();
    await expect.element(table.getByRole('columnheader', { name: '2016年度' })).toBeVisible();
    const caption =
      '海外事業展開に取り組む企業数（県が支援または関与した県内中小企業等）（累計）：目標値と実績値';
    await expect.element(screen.getByRole('figure', { name: caption })).toBeVisible();
    // the chart itself is keyboard reachable and named (recharts' accessibility layer)
    await expect.element(screen.getByRole('application', { name: caption })).toBeVisible();
  });

  it('says on screen that actuals counting illustrative records are not real figures, and shows real ones plainly', async () => {
    const network = buildMieNetwork();
    const screen = await show(network);
    const note = screen.getByRole('note');
    await expect.element(note).toBeVisible();
    expect(note.element().textContent).toContain('例示（架空）の記録を数えたもの');
    const companies = indicator('ind-companies-supported');
    // no 達成 / 未達成 badge for an achievement computed from illustrative records
    expect(companies.querySelector('.dashboard-status-achieved, .dashboard-status-not-achieved')).toBeNull();
    const mark = companies.querySelector('[data-cell="actual-2016"] .dashboard-illustrative');
    expect(mark?.getAttribute('title')).toBe(
      'この数値のうち 15 件は例示（架空）の記録です。実際の数値ではありません。',
    );
    // a manual figure is not counted from records: it keeps its status and no mark
    recordFigure(network, { indicator: 'ind-companies-supported', fiscalYear: 2016, value: 15 });
    const actual2016 = page
      .elementLocator(indicator('ind-companies-supported'))
      .getByRole('cell', { name: '15社 手入力', exact: true });
    await expect.element(actual2016).toBeInTheDocument();
    expect(cell(indicator('ind-companies-supported'), 'actual-2016')).toBe('15社 手入力');
    expect(cell(indicator('ind-companies-supported'), 'achievement-2016')).toBe('1.00 達成');
  });

  it('shows the budgets by programme with their totals, and the cost per engagement', async () => {
    await show(buildMieNetwork());
    const network = programmeRow('dashboard-budget', 'prg-network');
    expect(network.textContent).toContain('国際ネットワーク強化推進事業');
    expect([cell(network, 'budget-2018'), cell(network, 'budget-2019')]).toEqual(['3,753', '2,970']);
    expect(cell(programmeRow('dashboard-budget', 'prg-intl-week'), 'budget-2019')).toBe('13,474');
    const thai = programmeRow('dashboard-budget', 'prg-thai-hr');
    expect([cell(thai, 'budget-2018'), cell(thai, 'budget-2019')]).toEqual(['-', '9,000']);
    const total = programmeRow('dashboard-budget', 'total');
    expect([cell(total, 'budget-2017'), cell(total, 'budget-2018'), cell(total, 'budget-2019')]).toEqual([
      '-',
      '14,920',
      '30,520',
    ]);
    // the cost table starts on the last year with a budget, FY2019
    const sme = programmeRow('dashboard-costs', 'prg-sme');
    expect([cell(sme, 'budget'), cell(sme, 'engagements'), cell(sme, 'cost')]).toEqual([
      '5,076',
      '1 例示 1',
      '5,076.0',
    ]);
  });

  it('reads in English with Western years, and in the sheet’s eras on request', async () => {
    const screen = await show(buildMieNetwork(), 'en');
    await expect.element(screen.getByRole('heading', { name: 'Policy evaluation' })).toBeVisible();
    await expect.element(screen.getByRole('heading', { name: 'Outcome indicators' })).toBeVisible();
    const companies = indicator('ind-companies-supported');
    expect(companies.textContent).toContain('Local SMEs expanding abroad');
    expect(cell(companies, 'target-2017')).toBe('30 companies');
    expect(cell(companies, 'actual-2017')).toBe('35 companies 35 illustrative');
    expect(cell(companies, 'achievement-2017')).toBe('1.17 illustrative, not real');
    expect(cell(indicator('ind-newly-international'), 'actual-2016')).toBe('3 cases 3 illustrative');
    const table = screen.getByRole('table', { name: /Local SMEs expanding abroad/ });
    await expect.element(table.getByRole('columnheader', { name: 'FY2016' })).toBeVisible();

    await screen.getByRole('combobox', { name: 'Fiscal years as' }).selectOptions('era-sheet');
    await expect.element(table.getByRole('columnheader', { name: 'FY Heisei 31' })).toBeVisible();
  });

  it('shows the Japanese eras as the sheet writes them (平成31年度) or as written today (令和元年度)', async () => {
    const screen = await show(buildMieNetwork());
    const style = screen.getByRole('combobox', { name: '年度の表記' });
    await style.selectOptions('era-sheet');
    const table = screen.getByRole('table', { name: /海外事業展開に取り組む企業数/ });
    await expect.element(table.getByRole('columnheader', { name: '平成31年度' })).toBeVisible();
    await style.selectOptions('era-current');
    await expect.element(table.getByRole('columnheader', { name: '令和元年度' })).toBeVisible();
  });

  it('moves the actual at once when an engagement that counts is recorded, and back on undo', async () => {
    const network = buildMieNetwork();
    const screen = await show(network);
    const companies = indicator('ind-companies-supported');
    expect(cell(companies, 'actual-2019')).toBe('56社 例示 56');
    network.recordEngagement({
      type: 'business-meeting',
      title: { ja: '商談会（テスト）', en: 'Business meeting (test)' },
      date: '2019-06-20',
      programme: 'prg-sme',
      participants: [{ entity: 'company-04', role: 'participant' }],
    });
    // the actual's own button names its figure: it says when the dashboard has rendered the change
    const actual2019 = (figure: string) =>
      screen.getByRole('button', { name: `2019年度の実績値 ${figure} の内訳を表示` });
    await expect.element(actual2019('57社')).toBeVisible();
    // company-04 is illustrative, the meeting is not: the company still counts as illustrative
    expect(cell(indicator('ind-companies-supported'), 'actual-2019')).toBe('57社 例示 57');
    expect(cell(programmeRow('dashboard-costs', 'prg-sme'), 'engagements')).toBe('2 例示 1');
    expect(cell(programmeRow('dashboard-costs', 'prg-sme'), 'cost')).toBe('2,538.0');
    network.undo();
    await expect.element(actual2019('56社')).toBeVisible();
    expect(cell(indicator('ind-companies-supported'), 'actual-2019')).toBe('56社 例示 56');
  });

  it('narrows the fiscal years shown, and goes back to the default', async () => {
    const screen = await show(buildMieNetwork());
    const from = screen.getByRole('combobox', { name: '開始年度' });
    const to = screen.getByRole('combobox', { name: '終了年度' });
    await from.selectOptions('2017');
    await to.selectOptions('2018');
    const table = screen.getByRole('table', { name: /海外事業展開に取り組む企業数/ });
    await expect.element(table.getByRole('columnheader', { name: '2016年度' })).not.toBeInTheDocument();
    const companies = indicator('ind-companies-supported');
    expect(companies.querySelectorAll('[data-cell^="actual-"]')).toHaveLength(2);
    expect(cell(companies, 'actual-2018')).toBe('48社 例示 48');
    await screen.getByRole('button', { name: '既定の年度に戻す' }).click();
    await expect.element(table.getByRole('columnheader', { name: '2016年度' })).toBeInTheDocument();
  });

  it('flags a manual figure as such, and shows hostile names as text', async () => {
    const network = buildMieNetwork();
    recordFigure(network, { indicator: 'ind-joint-initiatives', fiscalYear: 2016, value: 28, note: 'sheet' });
    network.putRecord('programme', {
      id: 'prg-hostile',
      name: { ja: '<img src=x onerror="window.__pwned=1">' },
      basicProgramme: { code: '33101', name: { ja: '国際交流の推進' } },
      budgets: { '2019': 1 },
    });
    await show(network);
    const joint = indicator('ind-joint-initiatives');
    expect(cell(joint, 'actual-2016')).toBe('28件 手入力');
    expect(joint.textContent).toContain('手入力の数値（Musubi 導入前の数値）');
    const hostile = programmeRow('dashboard-budget', 'prg-hostile');
    expect(hostile.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(document.querySelector('.dashboard img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('lists what an actual is made of, and opens an entity from it', async () => {
    const network = buildMieNetwork();
    const opened: string[] = [];
    const screen = await renderWithApp(<DashboardPage onOpen={(id) => opened.push(id)} />, { network });
    const show = screen.getByRole('button', { name: '2016年度の実績値 15社 の内訳を表示' });
    await expect.element(show).toHaveAttribute('aria-expanded', 'false');
    await show.click();
    await expect.element(show).toHaveAttribute('aria-expanded', 'true');
    const breakdown = screen.getByRole('region', { name: /2016年度の実績値 15社 の内訳/ });
    await expect.element(breakdown).toBeVisible();
    expect(breakdown.element().querySelectorAll('ol > li')).toHaveLength(15);
    const first = breakdown.getByRole('button', { name: /例示株式会社/ }).first();
    await first.click();
    expect(opened).toHaveLength(1);
    expect(network.entity(opened[0] ?? '')?.kind).toBe('company');

    // the joint initiatives are engagements, with who took part
    await screen.getByRole('button', { name: '2016年度の実績値 5件 の内訳を表示' }).click();
    const joint = screen.getByRole('region', { name: /連携取組件数.*2016年度の実績値 5件 の内訳/ });
    await expect.element(joint).toBeVisible();
    expect(joint.element().querySelectorAll('ol > li')).toHaveLength(5);

    await breakdown.getByRole('button', { name: '内訳を閉じる' }).click();
    await expect.element(show).toHaveAttribute('aria-expanded', 'false');
  });

  it('offers the sheet as Markdown and XLSX files', async () => {
    const screen = await show(buildMieNetwork(), 'en');
    const names: string[] = [];
    const downloads = new Calls<string>();
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return create.call(URL, blob);
    };
    const onClick = (e: MouseEvent) => {
      const a = e.target as HTMLAnchorElement;
      if (a.download) {
        names.push(a.download);
        downloads.record(a.download);
        e.preventDefault();
      }
    };
    document.addEventListener('click', onClick, true);
    try {
      await screen.getByRole('button', { name: 'Markdown (.md)' }).click();
      await screen.getByRole('button', { name: 'Excel (.xlsx)' }).click();
      // the XLSX is built before its link is clicked: wait for that click itself
      await downloads.nth(2);
    } finally {
      document.removeEventListener('click', onClick, true);
      URL.createObjectURL = create;
    }
    // the range runs to the current fiscal year by the test clock (1 December 2026: FY2026)
    expect(names).toEqual(['policy-sheet-FY2016-FY2026.md', 'policy-sheet-FY2016-FY2026.xlsx']);
    const markdown = await blobs[0]?.text();
    expect(markdown).toContain('## Activity indicators');
    expect(markdown).toContain('| International network strengthening programme |');
    // the export says which actuals are not real, as the screen does
    expect(markdown).toContain('35 companies [35 illustrative]');
    expect(markdown).toContain('Caution: actuals marked "illustrative" count illustrative (made-up) records');
    const xlsx = new Uint8Array((await blobs[1]?.arrayBuffer()) ?? new ArrayBuffer(0));
    // a zip file: "PK"
    expect([xlsx[0], xlsx[1]]).toEqual([0x50, 0x4b]);
  });
});
