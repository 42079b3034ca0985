import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, holds, saved, shots, shows, showsExactly } from './app.js';

const { fresh } = appSession({ viewport: { width: 1400, height: 1000 } });

async function pick(scope: Locator, label: string, text: string, option: RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).fill(text);
  await scope.getByRole('option', { name: option }).first().click();
}

const notice = (page: Page) => page.locator('.edit-notice');

describe('entities and links in Chromium', () => {
  it('adds a sister region and its sister link signed on a day, and finds both on the map panel after a reload', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record');
    await saved(page);
    const entityForm = page.getByRole('form', { name: '新しい相手先' });
    await entityForm.getByLabel('種類').selectOption('region');
    await entityForm.getByLabel('名前（日本語）').fill('ロンバルディア州');
    await entityForm.getByLabel('名前（英語）').fill('Lombardy');
    await entityForm.getByLabel('国').selectOption('IT');
    await entityForm.getByLabel('緯度（任意）').fill('45.47');
    await entityForm.getByLabel('経度（任意）').fill('9.19');
    await entityForm.getByLabel('ID（任意）').fill('lombardy');
    await page.screenshot({ path: `${shots}edit-entity-ja.png`, fullPage: true });
    await entityForm.getByRole('button', { name: '登録する' }).click();
    await shows(notice(page), '登録しました: ロンバルディア州');

    await page.getByRole('button', { name: '関係を登録', exact: true }).click();
    const linkForm = page.getByRole('form', { name: '新しい関係' });
    await linkForm.getByText('三重県').first().waitFor();
    await linkForm.getByLabel('関係の種類').selectOption('sister');
    await pick(linkForm, '相手方', 'ロンバル', /ロンバルディア州/);
    await linkForm.getByLabel('日付').fill('2026-05-12');
    await linkForm.getByLabel('名称（日本語・任意）').fill('姉妹提携');
    await page.screenshot({ path: `${shots}edit-link-ja.png`, fullPage: true });
    await linkForm.getByRole('button', { name: '関係を登録する' }).click();
    await shows(notice(page), '登録しました: 姉妹提携 三重県 — ロンバルディア州');
    await saved(page);

    await page.reload();
    await page.locator('.app').waitFor();
    await go(page, '?view=map&entity=lombardy');
    const panel = page.locator('aside.panel');
    await showsExactly(panel.locator('h2'), 'ロンバルディア州');
    const sister = panel.locator('li.link-history', { hasText: '三重県' });
    await shows(sister, /姉妹提携.*三重県/);
    await shows(sister.locator('.timeline'), '2026-05-12 締結');
    expect(await panel.textContent()).toContain('イタリア');
    await page.screenshot({ path: `${shots}edit-sister-panel-ja.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds a revision to the Thailand BOI MOU, reached from the panel’s Edit button, and shows it in the link history', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=map&entity=thai-boi&lang=en');
    await saved(page, 'Saved');
    await page.getByRole('button', { name: 'Edit “Thailand Board of Investment (BOI)”' }).click();
    // the record view opens on the entity form, on the BOI
    const editForm = page.getByRole('form', { name: 'Edit the entity' });
    await holds(editForm.getByLabel('Name (English)'), 'Thailand Board of Investment (BOI)');
    expect(new URL(page.url()).searchParams.get('view')).toBe('record');

    await page.getByRole('button', { name: 'Link events and edits', exact: true }).click();
    await pick(page.locator('.edit-link-work'), 'Entity', 'Thailand Board', /Thailand Board of Investment/);
    await shows(
      page.getByRole('combobox', { name: 'Link', exact: true }).locator('option:checked'),
      /MOU — Mie Prefecture/,
    );
    const eventForm = page.getByRole('form', { name: 'Add an event' });
    await eventForm.getByLabel('Event').selectOption('revised');
    await eventForm.getByLabel('Date').fill('2024-03-15');
    await eventForm.getByLabel('Note (optional)').fill('Electric vehicles added');
    await page.screenshot({ path: `${shots}edit-link-event-en.png`, fullPage: true });
    await eventForm.getByRole('button', { name: 'Add the event' }).click();
    await shows(notice(page), 'Recorded: MOU — Mie Prefecture: Revised 2024-03-15');
    await saved(page, 'Saved');

    await notice(page).getByRole('button', { name: 'Show on the map' }).click();
    const panel = page.locator('aside.panel');
    await showsExactly(panel.locator('h2'), 'Thailand Board of Investment (BOI)');
    const mou = panel.locator('li.link-history', { hasText: 'MOU' });
    await shows(mou.locator('.timeline'), /2013-11 Signed.*2018-07 Revised.*2024-03-15 Revised/s);
    expect(await mou.textContent()).toContain('Electric vehicles added');
    await page.screenshot({ path: `${shots}edit-boi-history-en.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows bad input by field and writes nothing', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record');
    await saved(page);
    const undo = page.getByRole('button', { name: '元に戻す' });
    expect(await undo.isDisabled()).toBe(true);
    const entityForm = page.getByRole('form', { name: '新しい相手先' });
    await entityForm.getByLabel('設立・開設（任意）').fill('2019-02-30');
    await entityForm.getByLabel('緯度（任意）').fill('north');
    await entityForm.getByLabel('経度（任意）').fill('9.19');
    await entityForm.getByLabel('ID（任意）').fill('thai-boi');
    await entityForm.getByLabel('メモ').fill('<img src=x onerror=alert(1)>');
    await entityForm.getByRole('button', { name: '登録する' }).click();
    // the summary and the fields' errors come in one render: wait for the summary, then read them all
    await shows(entityForm.getByRole('alert'), '何も記録されていません');
    expect(await entityForm.getByRole('alert').allTextContents()).toEqual(
      expect.arrayContaining([
        '入力内容に 4 件の問題があります。何も記録されていません。',
        '日本語名か英語名（または両方）を入力してください',
        '数値で入力してください（例: 34.73）',
        '2019-02-30 は暦にない日付です',
        'この ID はすでに使われています',
      ]),
    );
    await page.screenshot({ path: `${shots}edit-errors-ja.png`, fullPage: true });

    await page.getByRole('button', { name: '関係の出来事・編集', exact: true }).click();
    await pick(page.locator('.edit-link-work'), '相手先', 'タイ投資', /タイ投資委員会/);
    const eventForm = page.getByRole('form', { name: '出来事を記録' });
    await eventForm.getByLabel('日付').fill('2012-01');
    await eventForm.getByRole('button', { name: '出来事を記録する' }).click();
    await showsExactly(eventForm.getByRole('alert'), '締結日（2013-11）より前の日付は入力できません');
    expect(await eventForm.getByLabel('日付').getAttribute('aria-invalid')).toBe('true');

    // nothing was written: nothing to undo, no markup
    expect(await undo.isDisabled()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses to remove an entity that links and engagements refer to, naming them', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=record');
    await saved(page);
    await page.getByRole('radio', { name: '登録済みの相手先を編集・削除する' }).click();
    await pick(page.locator('.edit-entity'), '編集する相手先', 'タイ投資', /タイ投資委員会/);
    await page.getByRole('button', { name: /「タイ投資委員会」を削除/ }).click();
    await page.locator('.edit-removal').getByRole('button', { name: '削除する', exact: true }).click();
    const refs = page.getByTestId('removal-references');
    await refs.waitFor();
    const items = await refs.locator('li').allTextContents();
    expect(items).toContain('関係: 覚書（MOU） — 三重県（一緒に削除されます）');
    expect(items.some((i) => i.startsWith('活動: '))).toBe(true);
    expect(await page.locator('.edit-refusal').textContent()).toMatch(
      /「タイ投資委員会」は削除できません。次の \d+ 件の記録/,
    );
    await page.screenshot({ path: `${shots}edit-remove-refused-ja.png`, fullPage: true });
    // nothing removed
    expect(await page.getByRole('button', { name: '元に戻す' }).isDisabled()).toBe(true);
    await go(page, '?view=map&entity=thai-boi');
    await showsExactly(page.locator('aside.panel h2'), 'タイ投資委員会');
    expect(errors).toEqual([]);
    await context.close();
  });
});
