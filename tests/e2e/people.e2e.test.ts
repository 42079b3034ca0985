/**
 * Finding people by their posts, at desktop and phone sizes: `タイ大使` and `駐日タイ大使` find the
 * ambassador (named only 大使B) through the post he holds at the Thai embassy; his panel lists the
 * post; the ASEAN filter keeps him with his embassy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, shots, shows } from './app.js';

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

for (const size of ['desktop', 'phone'] as const) {
  describe(`finding people (${size})`, () => {
    it('finds the ambassador by タイ大使 and 駐日タイ大使, with his post in the list, and opens his panel with the post', async () => {
      const { page, errors } = await open(size, '?view=map');
      const search = page.getByRole('combobox', { name: '検索（日本語・英語）' });
      for (const query of ['タイ大使', '駐日タイ大使']) {
        await search.fill(query);
        const option = page.getByRole('option', { name: /大使B（例示）/ });
        await option.waitFor();
        expect(await option.textContent()).toContain('特命全権大使、駐日タイ王国大使館');
        // the list stays on the screen, at phone size too
        const box = await option.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= sizes[size].width).toBe(true);
      }
      await page.screenshot({ path: `${shots}search-thai-ambassador-${size}-ja.png` });
      await page.getByRole('option', { name: /大使B（例示）/ }).click();
      await page.getByRole('heading', { name: '大使B（例示）' }).waitFor();
      const posts = page.getByTestId('panel-posts');
      await shows(posts, '特命全権大使');
      expect(await posts.textContent()).toContain('駐日タイ王国大使館');
      const panel = page.locator('aside.panel');
      // not "no links" while the map draws the post: the post is there, and no other link
      expect(await panel.textContent()).toContain('役職のほかのつながりはありません');
      expect(await panel.textContent()).not.toMatch(/経緯つながりはありません/);
      // the post's entity opens from the panel
      await posts.getByRole('button', { name: '駐日タイ王国大使館' }).click();
      await page.getByRole('heading', { name: '駐日タイ王国大使館' }).waitFor();
      expect(errors).toEqual([]);
    });

    it('keeps the ambassadors with their embassy under the ASEAN filter (the table view lists them)', async () => {
      const { page, errors } = await open(size, '?view=table&group=asean&lang=en');
      const table = page.getByTestId('table-entities');
      await shows(table, 'Royal Thai Embassy in Japan');
      await shows(table, 'Ambassador B (illustrative)');
      // a country outside the group: neither
      await go(page, '?view=table&country=BR&lang=en');
      await shows(page.getByTestId('table-entities'), 'Consul General C (illustrative)');
      expect(await page.getByTestId('table-entities').textContent()).not.toContain('Ambassador B');
      expect(errors).toEqual([]);
    });
  });
}
