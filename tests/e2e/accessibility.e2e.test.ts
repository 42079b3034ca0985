/**
 * axe-core on every view, at desktop and phone sizes, in Japanese and English: no serious or
 * critical violation. axe's own source is put into the page (Playwright's addScriptTag), so what is
 * checked is the built app as a user gets it. axe's experimental rules are on too: one of them
 * (label-content-name-mismatch) is what found the language button's name differing from its text.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go } from './app.js';
import { seriousViolations } from './axe.js';

const session = appSession();
const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** Each view, with what tells that it has drawn. */
const views: { query: string; ready: (page: Page) => Promise<unknown> }[] = [
  { query: '', ready: (p) => p.locator('.start, main.page h2').first().waitFor() },
  {
    query: '?view=map&entity=thai-boi',
    ready: (p) => p.locator('[data-testid="network-map"][data-framed="thai-boi"]').waitFor(),
  },
  { query: '?view=world', ready: (p) => p.getByTestId('world-cluster').first().waitFor() },
  {
    query: '?view=table',
    ready: (p) => p.locator('[data-testid="table-entities"] tbody tr').first().waitFor(),
  },
  {
    query: '?view=table&table=links&entity=ambassador-b',
    ready: (p) => p.locator('[data-testid="table-links"] tbody tr').first().waitFor(),
  },
  {
    query: '?view=table&table=engagements&fy=2019',
    ready: (p) => p.locator('[data-testid="table-engagements"] tbody tr').first().waitFor(),
  },
  { query: '?view=record', ready: (p) => p.locator('main.page form').first().waitFor() },
  { query: '?view=follow-ups', ready: (p) => p.locator('main.page h2').first().waitFor() },
  { query: '?view=dashboard', ready: (p) => p.locator('main.page table').first().waitFor() },
  { query: '?view=briefing', ready: (p) => p.locator('main.page h2').first().waitFor() },
  { query: '?view=history', ready: (p) => p.locator('main.page h2').first().waitFor() },
];

for (const size of ['desktop', 'phone'] as const) {
  describe(`accessibility (${size})`, () => {
    for (const lang of ['ja', 'en'] as const) {
      it(`has no serious or critical axe violation on any view (${lang})`, async () => {
        const { page, errors } = await session.fresh();
        await page.setViewportSize(sizes[size]);
        const found: string[] = [];
        for (const view of views) {
          const query = `${view.query}${view.query === '' ? '?' : '&'}lang=${lang}`;
          await go(page, query);
          await view.ready(page);
          for (const line of await seriousViolations(page)) found.push(`${query}: ${line}`);
        }
        // the filters drawer open on the explore view
        await go(page, `?view=map&lang=${lang}`);
        if (size === 'phone') {
          await page.locator('.drawer-toggle').click();
          await page.locator('#explore-sidebar.open').waitFor();
        }
        for (const line of await seriousViolations(page)) found.push(`filters: ${line}`);
        expect(found).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  });
}
