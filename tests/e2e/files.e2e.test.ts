/**
 * The File menu in a real Chromium against the built app, with the network in the browser's real
 * IndexedDB: save the network and export CSV (checking the downloaded files), import a CSV with a
 * bad row (the error by line and column, nothing written) and a good one (the new entity found by
 * search and shown on its panel), and open a saved network file in place of the current one,
 * surviving a reload. Each test has its own browser context, so its own fresh IndexedDB.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, saved, shots, shows } from './app.js';

const { fresh } = appSession({ acceptDownloads: true });

/** Clicks `button` and returns the download it starts, with its name and content. */
async function downloadOf(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** The text of `locator` once it is there (an import on the example network can take a moment). */
async function textOf(locator: ReturnType<Page['locator']>): Promise<string> {
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}

/** Chooses `content` as the file `name` through the button's file chooser, as a user does. */
async function choose(page: Page, button: ReturnType<Page['getByRole']>, name: string, content: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(content, 'utf8'),
  });
}

const datedName = /^musubi-\d{4}-\d{2}-\d{2}\.json$/;

describe('the File menu in Chromium', () => {
  it('saves the network as versioned JSON and exports CSV with headers in the display language', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=start');
    await saved(page);
    const menu = page.getByRole('button', { name: 'ファイル' });
    await menu.click();
    const dialog = page.getByRole('dialog', { name: 'ファイル' });
    await dialog.waitFor();
    await page.screenshot({ path: `${shots}files-ja.png` });

    const json = await downloadOf(page, () =>
      dialog.getByRole('button', { name: 'ネットワークを保存（JSON）' }).click(),
    );
    expect(json.name).toMatch(datedName);
    const document = JSON.parse(json.text);
    expect(document).toMatchObject({ format: 'musubi', formatVersion: 1, kind: 'log' });
    expect(document.changes.length).toBeGreaterThan(0);
    expect(await textOf(dialog.locator('.files-section .files-done').first())).toBe(
      `${json.name} を保存しました`,
    );

    const entities = await downloadOf(page, () =>
      dialog.getByRole('button', { name: 'CSV: 組織・人' }).click(),
    );
    expect(entities.name).toMatch(/^musubi-entities-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(entities.text.startsWith('\uFEFFID,種別,名称（日本語）,名称（英語）,国,')).toBe(true);
    expect(entities.text).toContain('三重県');
    expect(entities.text).toContain('\r\n');

    // in English the headers and labels are English
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await page.getByRole('button', { name: '英語に切り替える' }).click();
    await page.getByRole('button', { name: 'File' }).click();
    const en = page.getByRole('dialog', { name: 'File' });
    const links = await downloadOf(page, () => en.getByRole('button', { name: 'CSV: links' }).click());
    expect(links.text.split('\r\n')[0]).toBe(
      '\uFEFFid,kind,source,target,title_ja,title_en,signed,revised,renewed,suspended,ended,tags,notes',
    );
    const gexf = await downloadOf(page, () => en.getByRole('button', { name: 'GEXF (for Gephi)' }).click());
    expect(gexf.name).toMatch(/^musubi-\d{4}-\d{2}-\d{2}\.gexf$/);
    expect(gexf.text).toContain('label="Mie Prefecture"');
    await en.getByLabel('From fiscal year').fill('2016');
    await en.getByLabel('To fiscal year').fill('2019');
    const sheet = await downloadOf(page, () =>
      en.getByRole('button', { name: 'Export the policy sheet' }).click(),
    );
    expect(sheet.name).toMatch(/^musubi-policy-sheet-FY2016-2019-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(sheet.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a bad CSV row by line and column, in English, and writes nothing', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=start&lang=en');
    await saved(page, 'Saved');
    await page.getByRole('button', { name: 'File' }).click();
    const dialog = page.getByRole('dialog', { name: 'File' });
    const csv = [
      'id,kind,name_ja,name_en,country',
      'chiang-mai,region,チェンマイ県,Chiang Mai Province,TH',
      'atlantis,planet,アトランティス,<img src=x onerror=alert(1)>,TH',
    ].join('\r\n');
    await choose(page, dialog.getByRole('button', { name: 'Choose a file to import…' }), 'partners.csv', csv);
    const alert = dialog.getByRole('alert');
    expect(await textOf(alert)).toContain('Could not import partners.csv. Nothing was changed.');
    const problems = await alert.getByRole('listitem').allTextContents();
    expect(problems).toEqual([
      'Line 3, column kindUse one of: self, region, government, mission, organization, municipality, company, facility, person',
    ]);
    expect(await dialog.getByRole('button', { name: 'Import the good rows only' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}import-errors-en.png` });

    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await go(page, '?view=map&lang=en');
    await page.getByRole('combobox', { name: 'Search (Japanese or English)' }).fill('Chiang Mai');
    await shows(page.getByRole('listbox'), 'Nothing found');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a good CSV: the new entity is found by search and shown on its panel, and undo takes it back', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=map');
    await saved(page);
    await page.getByRole('button', { name: 'ファイル' }).click();
    const dialog = page.getByRole('dialog', { name: 'ファイル' });
    const csv =
      '\uFEFFID,種別,名称（日本語）,名称（英語）,国,タグ\r\nchiang-mai,region,チェンマイ県,Chiang Mai Province,TH,候補;2026\r\n';
    await choose(page, dialog.getByRole('button', { name: '取り込むファイルを選ぶ…' }), 'partners.csv', csv);
    expect(await textOf(dialog.locator('.files-report .files-done'))).toBe('取り込みました: 組織・人 1 件');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await saved(page);

    await page.getByRole('combobox', { name: '検索（日本語・英語）' }).fill('ちぇんまい');
    await page.getByRole('option', { name: /チェンマイ県/ }).click();
    expect(await textOf(page.locator('#panel-title'))).toBe('チェンマイ県');
    expect(await textOf(page.locator('aside'))).toContain('国タイ');

    await page.getByRole('button', { name: '元に戻す' }).click();
    await saved(page);
    await page.getByRole('combobox', { name: '検索（日本語・英語）' }).fill('ちぇんまい');
    await shows(page.getByRole('listbox'), '見つかりません');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a saved network file in place of the current one, after confirming, and keeps it after a reload', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=map&lang=en');
    await saved(page, 'Saved');
    await page.getByRole('button', { name: 'File' }).click();
    let dialog = page.getByRole('dialog', { name: 'File' });
    // change something, then save the network to a file
    const csv = 'id,kind,name_en,country\r\nchiang-mai,region,Chiang Mai Province,TH\r\n';
    await choose(page, dialog.getByRole('button', { name: 'Choose a file to import…' }), 'one.csv', csv);
    expect(await textOf(dialog.locator('.files-report .files-done'))).toBe('Imported: entities: 1');
    await saved(page, 'Saved');
    const file = await downloadOf(page, () =>
      dialog.getByRole('button', { name: 'Save the network (JSON)' }).click(),
    );
    expect(file.name).toMatch(datedName);

    // back to the example (saving first offers a download): the new entity is gone
    await dialog.getByRole('button', { name: 'Reset to the example network…' }).click();
    const reset = page.getByRole('alertdialog', { name: 'Reset to the example network?' });
    await reset.waitFor();
    await reset.getByRole('button', { name: 'Cancel' }).click();
    expect(await reset.isVisible()).toBe(false);
    await dialog.getByRole('button', { name: 'Reset to the example network…' }).click();
    const backup = await downloadOf(page, () =>
      reset.getByRole('button', { name: 'Save first, then replace' }).click(),
    );
    expect(backup.name).toMatch(datedName);
    await page.locator('.files-notice', { hasText: 'Reset to the example network' }).waitFor();
    await saved(page, 'Saved');
    const search = page.getByRole('combobox', { name: 'Search (Japanese or English)' });
    await search.fill('Chiang Mai');
    await shows(page.getByRole('listbox'), 'Nothing found');
    await search.fill('');

    // open the saved file: it replaces the network
    await page.getByRole('button', { name: 'File' }).click();
    dialog = page.getByRole('dialog', { name: 'File' });
    await choose(page, dialog.getByRole('button', { name: 'Open a network file…' }), file.name, file.text);
    const confirm = page.getByRole('alertdialog', { name: 'Replace the current network?' });
    expect(await textOf(confirm)).toContain(`Opening ${file.name}`);
    await confirm.getByRole('button', { name: 'Replace without saving' }).click();
    // the notice of the reset stays until the opened network takes its place
    await page.locator('.files-notice', { hasText: `Opened ${file.name}` }).waitFor();
    await saved(page, 'Saved');
    await search.fill('Chiang Mai');
    await shows(page.getByRole('listbox'), 'Chiang Mai Province');

    // and it is still there after a reload
    await page.reload();
    await page.locator('.app').waitFor();
    await saved(page, 'Saved');
    await go(page, '?view=map&lang=en&entity=chiang-mai');
    expect(await textOf(page.locator('#panel-title'))).toBe('Chiang Mai Province');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a network file of a newer format or with a DOCTYPE, and changes nothing', async () => {
    const { context, page, errors } = await fresh();
    await go(page, '?view=start');
    await saved(page);
    await page.getByRole('button', { name: 'ファイル' }).click();
    const dialog = page.getByRole('dialog', { name: 'ファイル' });
    const newer = '{"format":"musubi","formatVersion":99,"kind":"log","changes":[]}';
    await choose(
      page,
      dialog.getByRole('button', { name: 'ネットワークファイルを開く…' }),
      'future.json',
      newer,
    );
    await shows(
      dialog.getByRole('alert'),
      '新しい版の Musubi で書かれたファイルです（形式 99。この Musubi が読めるのは形式 1 までです）',
    );
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    const bomb = '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><graphml><graph/></graphml>';
    await choose(page, dialog.getByRole('button', { name: '取り込むファイルを選ぶ…' }), 'bomb.graphml', bomb);
    await shows(
      dialog.locator('.files-report').getByRole('alert'),
      'DOCTYPE や ENTITY の宣言を含む XML ファイルは、安全のため読み込みません',
    );
    await dialog.getByRole('button', { name: '閉じる' }).click();
    expect(await page.getByRole('button', { name: '元に戻す' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
