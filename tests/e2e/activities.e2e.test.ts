import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, dayFromTestNow, go, saved, shots, shows, showsExactly } from './app.js';

const { fresh } = appSession();

async function pick(scope: Locator, label: string, text: string, option: RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).fill(text);
  await scope
    .getByRole('listbox', { name: label, exact: true })
    .getByRole('option', { name: option })
    .first()
    .click();
}

/** The section of the record view with this heading. */
function section(page: Page, heading: string): Locator {
  return page.getByRole('region', { name: heading });
}

describe('the activity forms in Chromium', () => {
  it('records a business meeting with three participants under a programme, and finds it after a reload on a participant’s panel with its overdue follow-up marked', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record');
    await saved(page);
    const form = page.getByRole('form', { name: '活動を記録' });
    await form.waitFor();
    expect(await form.getByLabel('活動の種類').inputValue()).toBe('business-meeting');
    await form.getByLabel('日付（開始日）').fill('2026-10-15');
    await form.getByLabel('件名（日本語）').fill('タイ食品企業との商談会');
    await form.getByLabel('件名（英語）').fill('Business meeting with Thai food companies');
    // the prefecture is the host already; two more participants
    expect(await form.textContent()).toContain('三重県');
    await pick(form, '参加者 2', 'BOI', /タイ投資委員会/);
    await form.getByLabel('参加者 2 の立場').selectOption('organizer');
    await form.getByRole('button', { name: '参加者を追加' }).click();
    await pick(form, '参加者 3', '例示株式会社01', /例示株式会社01/);
    await form.getByLabel('事業', { exact: true }).selectOption({ label: '県内中小企業国際展開促進事業' });
    await form.getByLabel('目的・話題').fill('食品加工、輸出');
    await form.getByRole('button', { name: 'フォローアップを追加' }).click();
    await form.getByLabel('フォローアップ 1 の内容').fill('商談結果を確認する');
    // due yesterday by the page's clock: overdue, and still listed until it is done
    const yesterday = dayFromTestNow(-1);
    await form.getByLabel('フォローアップ 1 の期限').fill(yesterday);
    await form.getByRole('button', { name: 'フォローアップを追加' }).click();
    await form.getByLabel('フォローアップ 2 の内容').fill('サンプルを送る');
    await form.getByLabel('フォローアップ 2 の期限').fill(dayFromTestNow(14));
    await form.screenshot({ path: `${shots}activities-engagement-ja.png` });
    await form.getByRole('button', { name: '活動を記録する' }).click();
    const engagements = section(page, '活動（商談会・セミナー・ミッションなど）');
    await shows(engagements.locator('.notice'), '記録しました: タイ食品企業との商談会');
    // the form starts afresh
    expect(await form.getByLabel('件名（日本語）').inputValue()).toBe('');
    await saved(page);

    await page.reload();
    await page.locator('.app').waitFor();
    await go(page, '?view=map&entity=company-01');
    const panel = page.locator('aside');
    await panel.waitFor();
    await shows(panel, '2026-10-15 商談会 — タイ食品企業との商談会');
    const late = panel.getByRole('listitem').filter({ hasText: '商談結果を確認する' });
    await late.waitFor();
    expect(await late.textContent()).toMatch(new RegExp(`期限 ${yesterday}\\s*期限切れ`));
    expect(
      await panel.getByRole('listitem').filter({ hasText: 'サンプルを送る' }).textContent(),
    ).not.toContain('期限切れ');
    await page.screenshot({ path: `${shots}activities-engagement-panel-ja.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes a programme’s FY2019 budget and an indicator’s FY2019 target, keeps them after a reload, and the dashboard shows them', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record');
    await saved(page);
    const programmes = section(page, '事業と予算');
    await programmes.getByLabel('編集する事業').selectOption('prg-network');
    const programmeForm = page.getByRole('form', { name: '事業（主な事業）の追加・編集' });
    expect(await programmeForm.getByLabel('予算 2 の年度').inputValue()).toBe('2019');
    expect(await programmeForm.textContent()).toContain('平成31年度／令和元年度');
    await programmeForm.getByLabel('予算 2 の金額（千円）').fill('3,100');
    await programmeForm.getByRole('button', { name: '事業の変更を保存' }).click();
    await shows(programmes.locator('.notice'), '事業を保存しました: 国際ネットワーク強化推進事業');
    await saved(page);

    const targetsSection = section(page, '指標の目標値と実績値');
    await targetsSection.getByLabel('指標', { exact: true }).selectOption('ind-companies-supported');
    const targets = page.getByRole('form', { name: '現状値と目標値（社）' });
    expect(await targets.getByLabel('目標 4 の年度').inputValue()).toBe('2019');
    await targets.getByLabel('目標 4 の値').fill('70');
    await targets.screenshot({ path: `${shots}activities-targets-ja.png` });
    await targets.getByRole('button', { name: '現状値と目標値を保存' }).click();
    await shows(targetsSection.locator('.notice'), '目標値を保存しました');
    await saved(page);

    await page.reload();
    await page.locator('.app').waitFor();
    await saved(page);
    await section(page, '事業と予算').getByLabel('編集する事業').selectOption('prg-network');
    expect(
      await page
        .getByRole('form', { name: '事業（主な事業）の追加・編集' })
        .getByLabel('予算 2 の金額（千円）')
        .inputValue(),
    ).toBe('3100');
    await section(page, '指標の目標値と実績値')
      .getByLabel('指標', { exact: true })
      .selectOption('ind-companies-supported');
    expect(
      await page.getByRole('form', { name: '現状値と目標値（社）' }).getByLabel('目標 4 の値').inputValue(),
    ).toBe('70');

    await go(page, '?view=dashboard');
    await page.locator('.dashboard-budget').waitFor();
    await showsExactly(
      page.locator('.dashboard-budget [data-programme="prg-network"] [data-cell="budget-2019"]'),
      '3,100',
    );
    await showsExactly(
      page.locator('[data-indicator="ind-companies-supported"] [data-cell="target-2019"]'),
      '70社',
    );
    await page.screenshot({ path: `${shots}activities-dashboard-ja.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the errors by field, in English too, and writes nothing', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record&lang=en');
    await saved(page, 'Saved');
    const form = page.getByRole('form', { name: 'Record an engagement' });
    await form.getByLabel('Date (first day)').fill('2019-02-30');
    await form.getByLabel('End date (when several days)').fill('2018-01');
    await form.getByLabel('Title (Japanese)').fill('<img src=x onerror=alert(1)>');
    await form.getByRole('button', { name: 'Record the engagement' }).click();
    // the summary and the fields' errors come in one render: wait for the summary, then read them all
    await shows(form.getByRole('alert'), 'Nothing has been recorded');
    expect(await form.getByRole('alert').allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Nothing has been recorded/),
        '2019-02-30 is not a day in the calendar',
      ]),
    );

    await section(page, 'Programmes and budgets').getByLabel('Programme to change').selectOption('prg-sme');
    const programmeForm = page.getByRole('form', { name: 'Add or change a programme' });
    await programmeForm.getByLabel('Budget 1: amount (thousand yen)').fill('-100');
    await programmeForm.getByLabel('Budget 2: amount (thousand yen)').fill('five thousand');
    await programmeForm.getByLabel('Basic programme code (5 digits)').fill('331');
    await programmeForm.getByRole('button', { name: 'Save the programme' }).click();
    await shows(programmeForm.getByRole('alert'), 'Enter a number of 0 or more');
    expect(await programmeForm.getByRole('alert').allTextContents()).toEqual(
      expect.arrayContaining([
        'Enter a number of 0 or more',
        'Enter a number',
        expect.stringMatching(/five digits|5 digits/),
      ]),
    );
    await section(page, 'Indicator targets and figures')
      .getByLabel('Indicator', { exact: true })
      .selectOption('ind-companies-supported');
    const targets = page.getByRole('form', { name: 'Baseline and targets (companies)' });
    await targets.getByLabel('Target 1: value').fill('-3');
    await targets.getByLabel('Target 2: fiscal year').fill('2016');
    await targets.getByRole('button', { name: 'Save baseline and targets' }).click();
    await shows(targets.getByRole('alert'), 'FY2016 is entered twice');
    expect(await targets.getByRole('alert').allTextContents()).toEqual(
      expect.arrayContaining(['Enter a number of 0 or more', 'FY2016 is entered twice']),
    );
    await page.screenshot({ path: `${shots}activities-errors-en.png`, fullPage: true });
    // nothing was written: there is nothing to undo
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
