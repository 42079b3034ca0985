import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, holds, saved, shots, shows, showsNot } from './app.js';

const { fresh } = appSession();

async function pick(scope: ReturnType<Page['locator']>, label: string, text: string, option: RegExp) {
  await scope.getByRole('combobox', { name: label }).fill(text);
  await scope.getByRole('option', { name: option }).first().click();
}

describe('recording in Chromium', () => {
  it('records a new ambassador’s visit through the form, and finds it after a reload on the embassy’s panel and in the history', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=map');
    await saved(page);
    await page.getByRole('button', { name: '来訪を記録' }).click();
    const dialog = page.getByRole('dialog', { name: '来訪を記録' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: '来訪者（人・公館・団体）' }).fill('大使C');
    await dialog.getByRole('button', { name: /新しく登録する: 大使C/ }).click();
    await holds(dialog.getByLabel('名前（日本語）'), '大使C');
    await dialog.getByLabel('名前（英語）').fill('Ambassador C');
    await dialog.getByLabel('国').selectOption('TH');
    await dialog.getByLabel('新任の大使・総領事など（公館の長）として登録する').check();
    await pick(dialog, '着任先', 'タイ王国', /駐日タイ王国大使館/);
    await dialog.getByLabel('着任日').fill('2026-10-01');
    await dialog.getByText(/前任者の任期をこの日で終える: 大使B/).waitFor();
    await dialog.getByLabel('日付').fill('2026-11-20');
    await dialog.getByLabel('目的・話題').fill('観光、産業人材');
    await dialog.getByLabel('事業').selectOption({ label: '国際ネットワーク強化推進事業' });
    await dialog.getByRole('button', { name: 'フォローアップを追加' }).click();
    await dialog.getByLabel('フォローアップ 1 の内容').fill('来年度の研修案内を送る');
    await dialog.getByLabel('フォローアップ 1 の期限').fill('2026-12-15');
    await page.screenshot({ path: `${shots}record-visit-ja.png` });
    await dialog.getByRole('button', { name: '記録する' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await shows(page.locator('.notice'), '記録しました: 大使Cの表敬訪問');
    await saved(page);

    // closed and opened again: the visit is still there
    await page.reload();
    await page.locator('.app').waitFor();
    await go(page, '?view=map&entity=thai-embassy');
    const roles = page.getByTestId('panel-roles');
    await roles.waitFor();
    const holders = await roles.locator(':scope > li').allTextContents();
    const c = holders.find((h) => h.includes('大使C'));
    expect(c).toContain('2026-11-20 大使Cの表敬訪問');
    expect(c).toMatch(/2026-10-01.*現在|現在/);
    expect(holders.find((h) => h.includes('大使B'))).toContain('2026-10-01');
    await shows(page.locator('aside'), '来年度の研修案内を送る');

    await page.getByRole('button', { name: '変更履歴' }).click();
    await shows(page.locator('main'), '来訪を記録');
    // the change opens on what it did: the new person, the new post, the visit
    const change = page.getByRole('listitem').filter({ hasText: '来訪を記録' }).first();
    await change.locator('summary').click();
    const effects = await change.locator('.history-effects > li').allTextContents();
    expect(effects.some((e) => e.startsWith('追加') && e.includes('大使C'))).toBe(true);
    expect(effects.some((e) => e.includes('活動') && e.includes('大使Cの表敬訪問'))).toBe(true);
    // the predecessor's post was ended: an update of the role link, its history in words (no code names)
    expect(effects.some((e) => e.startsWith('更新') && e.includes('経緯') && e.includes('追加: 終了'))).toBe(
      true,
    );
    expect(effects.join(' ')).not.toMatch(/events|participants|\[\{/);
    await page.getByRole('combobox', { name: '記録した人' }).selectOption('international-affairs');
    await showsNot(page.getByRole('list', { name: '変更の一覧' }), '来訪を記録');
    await page.screenshot({ path: `${shots}history-ja.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the errors by field, in English too, and writes nothing', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=start&lang=en');
    await saved(page, 'Saved');
    await page.getByRole('button', { name: 'Record a visit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a visit' });
    await dialog.getByLabel('Date').fill('2019-02-30');
    await dialog.getByRole('button', { name: 'Add a follow-up' }).click();
    await dialog.getByLabel('Follow-up 1: due').fill('2019-13');
    await dialog.getByLabel('Title (Japanese)').fill('<img src=x onerror=alert(1)>');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    const alerts = dialog.getByRole('alert');
    // the summary and the fields' errors come in one render: wait for the summary, then read them all
    await shows(alerts, 'Nothing has been recorded');
    expect(await alerts.allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Nothing has been recorded/),
        '2019-02-30 is not a day in the calendar',
        'There is no month 13',
        'Say what the follow-up is',
        // under the visitor field, not under the title made from it
        'Choose a visitor, or add a new one',
      ]),
    );
    await page.screenshot({ path: `${shots}record-errors-en.png` });
    // nothing was written: there is nothing to undo and the history has no visit
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('undoes and redoes a recorded visit with the buttons and the keyboard', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record&lang=en');
    await saved(page, 'Saved');
    const undo = page.getByRole('button', { name: 'Undo' });
    const redo = page.getByRole('button', { name: 'Redo' });
    expect(await undo.isDisabled()).toBe(true);
    const form = page.getByRole('form', { name: 'Record a visit' });
    await pick(form, 'Visitor (person, mission, organisation)', 'Consul General C', /Consul General C/);
    await form.getByLabel('Date').fill('2026-11-02');
    await form.getByLabel('Title (English)').fill('Visit about the Brazil festival');
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await shows(page.locator('.notice'), 'Recorded: Visit about the Brazil festival');
    await saved(page, 'Saved');

    const visitsOfConsulate = async () => {
      await go(page, '?view=map&lang=en&entity=brazil-consulate');
      await page.locator('aside').waitFor();
      return (await page.locator('aside').textContent()) ?? '';
    };
    expect(await visitsOfConsulate()).toContain('Visit about the Brazil festival');
    await page.getByRole('button', { name: 'Undo' }).click();
    await showsNot(page.locator('aside'), 'Visit about the Brazil festival');
    expect(await redo.isDisabled()).toBe(false);
    await page.locator('body').press('Control+Shift+Z');
    await shows(page.locator('aside'), 'Visit about the Brazil festival');
    await page.locator('body').press('Control+Z');
    await showsNot(page.locator('aside'), 'Visit about the Brazil festival');
    await saved(page, 'Saved');
    // the undo is kept too
    await page.reload();
    expect(await visitsOfConsulate()).not.toContain('Visit about the Brazil festival');
    expect(errors).toEqual([]);
    await context.close();
  });
});
