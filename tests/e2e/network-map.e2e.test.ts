/**
 * The network map in Chromium at desktop and phone sizes: a selection frames the node with its
 * neighbours, the seeded layout gives every visitor the same map and is kept, and filtering by
 * link kind keeps the entities.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, shots } from './app.js';

const session = appSession();
const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function open(size: keyof typeof sizes, query: string, page?: Page): Promise<Page> {
  const p = page ?? (await session.browser().newPage({ viewport: sizes[size] }));
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await go(p, query);
  await p.locator('[data-testid="network-map"] canvas').first().waitFor();
  expect(errors).toEqual([]);
  return p;
}

const kept = (page: Page) => page.evaluate(() => localStorage.getItem('musubi.positions.v1'));
/** Waits until the map has kept its positions (a first visit's layout has ended). */
const positionsKept = (page: Page) =>
  page.waitForFunction(() => localStorage.getItem('musubi.positions.v1') !== null);

for (const size of ['desktop', 'phone'] as const) {
  describe(`the network map (${size})`, () => {
    for (const id of ['thai-boi', 'thai-embassy']) {
      it(`frames ${id} with all its neighbours on screen when it is selected`, async () => {
        const page = await open(size, `?view=map&lang=en&entity=${id}`);
        const map = page.getByTestId('network-map');
        // a first visit runs the layout; the frame follows it
        await positionsKept(page);
        await map.and(page.locator('[data-layout="settled"]')).waitFor();
        const framed = () =>
          map.evaluate((e: HTMLElement) => ({
            framed: e.dataset.framed,
            inView: Number(e.dataset.inView),
            neighbourhood: Number(e.dataset.neighbourhood),
          }));
        await map.and(page.locator(`[data-framed="${id}"]`)).waitFor();
        const { inView, neighbourhood } = await framed();
        expect(neighbourhood).toBeGreaterThan(1);
        expect(inView).toBe(neighbourhood);
        expect(Number(await map.getAttribute('data-labels'))).toBeGreaterThanOrEqual(1);
        await page.screenshot({ path: `${shots}map-framed-${id}-${size}-en.png` });
      });
    }

    it('keeps every entity when filtered to one link kind', async () => {
      const all = await open(size, '?view=map&lang=en');
      const mou = await open(size, '?view=map&lang=en&links=mou');
      expect(await mou.getByTestId('count-entities').textContent()).toBe(
        await all.getByTestId('count-entities').textContent(),
      );
      expect(Number(await mou.getByTestId('count-links').textContent())).toBeLessThan(
        Number(await all.getByTestId('count-links').textContent()),
      );
    });
  });
}

describe('the seeded layout', () => {
  it('gives two first visits the same map, and keeps it for the next visit', async () => {
    const layouts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const context = await session.browser().newContext({ viewport: sizes.desktop });
      const page = await open('desktop', '?view=map', await context.newPage());
      await positionsKept(page);
      const positions = (await kept(page)) ?? '';
      layouts.push(positions);
      // the next visit takes the kept positions and runs no layout
      await page.reload();
      const map = page.getByTestId('network-map');
      await map.and(page.locator(`[data-nodes="${Object.keys(JSON.parse(positions)).length}"]`)).waitFor();
      expect(await map.getAttribute('data-layout')).toBe('settled');
      expect(await kept(page)).toBe(positions);
      await context.close();
    }
    expect(layouts[1]).toBe(layouts[0]);
  }, 240_000);
});
