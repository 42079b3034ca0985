/**
 * The table view at desktop and phone sizes: the entities, links and engagements the maps show,
 * under the same filters and point in time, sorted by a header, filtered by text, drawn only where
 * in sight (virtualised), and moved through and opened from the keyboard.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, shots } from './app.js';

const session = appSession();
const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function open(size: keyof typeof sizes, query: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await session.fresh();
  await page.setViewportSize(sizes[size]);
  await go(page, query);
  return { page, errors };
}

/** The rows the table says it shows, once its first row is drawn. */
async function rowCount(page: Page, table: string): Promise<number> {
  await page.locator(`[data-testid="${table}"] tbody tr[data-index]`).first().waitFor();
  return Number(await page.getByTestId(`${table}-count`).getAttribute('data-count'));
}

/** The data-index of the focused row. */
const focusedRow = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-index') ?? null);

for (const size of ['desktop', 'phone'] as const) {
  describe(`the table view (${size})`, () => {
    it('lists what the maps count, draws only the rows in sight, and fits the screen', async () => {
      const { page, errors } = await open(size, '?view=table&lang=en');
      const entities = await rowCount(page, 'table-entities');
      expect(entities).toBe(Number(await page.getByTestId('count-entities').textContent()));
      const drawn = await page.locator('[data-testid="table-entities"] tbody tr[data-index]').count();
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThan(entities);
      const box = await page.getByTestId('table-entities').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= sizes[size].width).toBe(true);
      await page.screenshot({ path: `${shots}table-entities-${size}-en.png` });
      // links and engagements: the same counts as beside the maps, for the same point in time
      await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: 'Links' }).click();
      expect(await rowCount(page, 'table-links')).toBe(
        Number(await page.getByTestId('count-links').textContent()),
      );
      await go(page, '?view=table&table=links&fy=2012&lang=en');
      const then = await rowCount(page, 'table-links');
      expect(then).toBe(Number(await page.getByTestId('count-links').textContent()));
      await go(page, '?view=table&table=engagements&fy=2019&lang=en');
      expect(await rowCount(page, 'table-engagements')).toBe(
        Number(await page.getByTestId('count-engagements').textContent()),
      );
      expect(errors).toEqual([]);
    });

    it('sorts by a header, filters by text, and is moved through and opened from the keyboard', async () => {
      const { page, errors } = await open(size, '?view=table');
      const table = page.getByTestId('table-entities');
      const total = await rowCount(page, 'table-entities');
      // most links first, then fewest
      const header = table.getByRole('columnheader', { name: 'つながり数' });
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      await table.locator('tbody tr[data-index="0"]', { hasText: '三重県' }).waitFor();
      await header.getByRole('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      // filtered by text, katakana or hiragana alike
      await table.getByRole('searchbox', { name: '表を絞り込む' }).fill('たい');
      await table.locator('tbody tr[data-index]', { hasText: 'タイ投資委員会' }).waitFor();
      const filtered = Number(await page.getByTestId('table-entities-count').getAttribute('data-count'));
      expect(filtered).toBeLessThan(total);
      await table.getByRole('searchbox', { name: '表を絞り込む' }).fill('');
      await page.locator(`[data-testid="table-entities-count"][data-count="${total}"]`).waitFor();
      // the keyboard: Tab from the last header reaches the rows as one stop, ↓ and End move, Enter opens
      await table.locator('tbody tr[tabindex="0"]').focus();
      expect(await focusedRow(page)).toBe('0');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '2');
      await page.keyboard.press('End');
      const last = String(total - 1);
      await page.waitForFunction(
        (index) => document.activeElement?.getAttribute('data-index') === index,
        last,
      );
      const name = (await page.locator(`tr[data-index="${last}"] td`).first().textContent()) ?? '';
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name, exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('entity')).not.toBeNull();
      // the panel opens beside the table; the focus stays on the row, which is kept drawn
      expect(await focusedRow(page)).toBe(last);
      // a wheel scroll takes the rows in sight far from the current row, which keeps the focus
      await page
        .getByTestId('table-entities')
        .locator('.data-table-scroller')
        .evaluate((e) => {
          e.scrollTop = 0;
        });
      await table.locator('tbody tr[data-index="0"]').waitFor();
      expect(await focusedRow(page)).toBe(last);
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '0');
      await page.screenshot({ path: `${shots}table-keyboard-${size}-ja.png` });
      expect(errors).toEqual([]);
    });
  });
}
