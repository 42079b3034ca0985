/**
 * Back and Forward at desktop and phone sizes: views, panels and filters are history entries, so
 * Back returns to the previous one and never leaves the app; moving through time replaces the entry.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { appSession, go } from './app.js';

const session = appSession();
const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** Waits until the tab `name` is the current view. */
async function onView(page: Page, name: string): Promise<void> {
  await page.locator('nav button[aria-current="page"]', { hasText: name }).waitFor();
}

const query = (page: Page) => new URL(page.url()).searchParams;

for (const size of ['desktop', 'phone'] as const) {
  describe(`Back and Forward (${size})`, () => {
    it('walks back through the view, the filter, the panel and the views, and stays in the app', async () => {
      const { page, errors } = await session.fresh();
      await page.setViewportSize(sizes[size]);
      await go(page, '?lang=en');
      await onView(page, 'Start');
      // a view
      await page.getByRole('button', { name: 'Network map', exact: true }).click();
      await onView(page, 'Network map');
      // a panel, from the search
      const search = page.getByRole('combobox', { name: 'Search (Japanese or English)' });
      await search.fill('BOI');
      await page.getByRole('option').first().waitFor();
      await search.press('Enter');
      await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
      // a filter (on a phone, in the drawer)
      if (size === 'phone') await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await page.getByRole('combobox', { name: 'Country group' }).selectOption('asean');
      await page.waitForURL(/group=asean/);
      if (size === 'phone') await page.keyboard.press('Escape');
      // the time slider replaces the entry instead of adding one
      await page.getByRole('slider').fill('2015');
      await page.waitForURL(/fy=2015/);
      // another view
      await page.getByRole('button', { name: 'Table', exact: true }).click();
      await onView(page, 'Table');

      await page.goBack();
      await onView(page, 'Network map');
      expect(query(page).get('group')).toBe('asean');
      expect(query(page).get('fy')).toBe('2015');
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('group='));
      await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('entity='));
      await page.locator('aside.panel').waitFor({ state: 'detached' });
      await onView(page, 'Network map');
      await page.goBack();
      await onView(page, 'Start');
      expect(page.url().startsWith(inject('baseUrl'))).toBe(true);
      // and forward again
      await page.goForward();
      await onView(page, 'Network map');
      await page.goForward();
      await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
      expect(errors).toEqual([]);
    });

    it('returns from the entity form to the panel it was opened from', async () => {
      const { page, errors } = await session.fresh();
      await page.setViewportSize(sizes[size]);
      await go(page, '?view=map&entity=thai-boi&lang=en');
      await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
      await page.locator('aside.panel').getByRole('button', { name: /Edit/ }).click();
      await onView(page, 'Record');
      expect(query(page).get('edit')).toBe('thai-boi');
      await page.goBack();
      await onView(page, 'Network map');
      await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
      expect(errors).toEqual([]);
    });
  });
}
