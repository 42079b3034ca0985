import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, hasCount, saved, shots, showsExactly } from './app.js';

const { fresh } = appSession({ viewport: { width: 1400, height: 1000 } });

/** A cell of an indicator's table (`actual-2016`). */
function indicatorCell(page: Page, indicator: string, cell: string) {
  return page.locator(`[data-indicator="${indicator}"] [data-cell="${cell}"]`);
}

/** A cell of a programme's row in the budget or cost table. */
function programmeCell(page: Page, table: 'budget' | 'costs', programme: string, cell: string) {
  return page.locator(`.dashboard-${table} [data-programme="${programme}"] [data-cell="${cell}"]`);
}

describe('the dashboard in Chromium', () => {
  it('shows the policy sheet computed from the records, and a recorded visit that counts moves the actual at once', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=dashboard');
    await saved(page);
    await page.getByRole('heading', { name: '施策評価' }).waitFor();
    const companies = 'ind-companies-supported';
    expect(await indicatorCell(page, companies, 'target-2016').textContent()).toBe('15社');
    expect(await indicatorCell(page, companies, 'actual-2016').textContent()).toBe('15社 例示 15');
    expect(await indicatorCell(page, companies, 'target-2017').textContent()).toBe('30社');
    expect(await indicatorCell(page, companies, 'actual-2017').textContent()).toBe('35社 例示 35');
    expect(await indicatorCell(page, companies, 'achievement-2017').textContent()).toBe(
      '1.17 例示（実績ではない）',
    );
    expect(await indicatorCell(page, 'ind-newly-international', 'actual-2017').textContent()).toBe(
      '6件 例示 6',
    );
    expect(await programmeCell(page, 'budget', 'prg-network', 'budget-2018').textContent()).toBe('3,753');
    expect(await programmeCell(page, 'budget', 'prg-network', 'budget-2019').textContent()).toBe('2,970');
    expect(await programmeCell(page, 'budget', 'total', 'budget-2019').textContent()).toBe('30,520');
    expect(await indicatorCell(page, companies, 'actual-2019').textContent()).toBe('56社 例示 56');
    expect(await programmeCell(page, 'costs', 'prg-sme', 'engagements').textContent()).toBe('1 例示 1');
    // the tables are what a screen reader reads; the charts are named figures
    expect(
      await page.getByRole('figure', { name: /海外事業展開に取り組む企業数.*：目標値と実績値/ }).count(),
    ).toBe(1);

    // a company that last went abroad in FY2013 comes to a business meeting in FY2019
    await page.getByRole('button', { name: '来訪を記録' }).click();
    const dialog = page.getByRole('dialog', { name: '来訪を記録' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: '来訪者（人・公館・団体）' }).fill('例示株式会社04');
    await dialog
      .getByRole('option', { name: /例示株式会社04/ })
      .first()
      .click();
    await dialog.getByLabel('日付').fill('2019-06-20');
    await dialog.getByLabel('種類').selectOption('business-meeting');
    await dialog.getByLabel('事業').selectOption({ label: '県内中小企業国際展開促進事業' });
    await dialog.getByRole('button', { name: '記録する' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await showsExactly(indicatorCell(page, companies, 'actual-2019'), '57社 例示 57');
    expect(await indicatorCell(page, companies, 'achievement-2019').textContent()).toBe(
      '0.89 例示（実績ではない）',
    );
    expect(await programmeCell(page, 'costs', 'prg-sme', 'engagements').textContent()).toBe('2 例示 1');
    expect(await programmeCell(page, 'costs', 'prg-sme', 'cost').textContent()).toBe('2,538.0');
    // the years before are as they were
    expect(await indicatorCell(page, companies, 'actual-2017').textContent()).toBe('35社 例示 35');
    await saved(page);
    await page.screenshot({ path: `${shots}dashboard-ja.png` });

    // still counted after a reload (the visit was saved in the browser)
    await page.reload();
    await page.locator('.app').waitFor();
    await showsExactly(indicatorCell(page, companies, 'actual-2019'), '57社 例示 57');

    // checking the number: the breakdown names the company, which opens on the network map
    await page.getByRole('button', { name: '2019年度の実績値 57社 の内訳を表示' }).click();
    const breakdown = page.getByRole('region', { name: /2019年度の実績値 57社 の内訳/ });
    expect(await breakdown.locator('ol > li').count()).toBe(57);
    await breakdown.getByRole('button', { name: '例示株式会社04' }).click();
    // the panel opens in the same render that puts the entity in the URL
    await page.locator('aside').getByRole('heading', { name: '例示株式会社04' }).waitFor();
    expect(new URL(page.url()).searchParams.get('entity')).toBe('company-04');
    expect(new URL(page.url()).searchParams.get('view')).toBe('map');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads in English, in the sheet’s eras when the explore views use them, and narrows the years', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=dashboard&lang=en&era=1');
    await saved(page, 'Saved');
    await page.getByRole('heading', { name: 'Policy evaluation' }).waitFor();
    const table = page.getByRole('table', { name: /Local SMEs expanding abroad/ });
    expect(await table.getByRole('columnheader', { name: 'FY Heisei 31' }).count()).toBe(1);
    expect(await indicatorCell(page, 'ind-companies-supported', 'actual-2017').textContent()).toBe(
      '35 companies 35 illustrative',
    );
    expect(await indicatorCell(page, 'ind-companies-supported', 'achievement-2016').textContent()).toBe(
      '1.00 illustrative, not real',
    );
    expect(await page.getByRole('note').textContent()).toContain('count illustrative (made-up) records');
    expect(await programmeCell(page, 'budget', 'prg-intl-week', 'budget-2019').textContent()).toBe('13,474');

    // the years shown, chosen with the keyboard
    const to = page.getByRole('combobox', { name: 'To fiscal year' });
    await to.focus();
    await to.selectOption('2019');
    await hasCount(page, '[data-indicator="ind-companies-supported"] [data-cell^="actual-"]', 4);
    await page.getByRole('combobox', { name: 'Fiscal years as' }).selectOption('western');
    expect(await table.getByRole('columnheader', { name: 'FY2019' }).count()).toBe(1);
    await page.screenshot({ path: `${shots}dashboard-en.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
