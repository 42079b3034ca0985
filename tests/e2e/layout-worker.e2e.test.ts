/**
 * The map's layout runs in a web worker; where no worker can be had (its script does not load, or
 * `new Worker` throws, as without module workers) the page runs the same layout itself, in slices,
 * and lays out the same map without a word of trouble. Checked by the map's signals
 * (`data-layout="settled"`, `data-layout-in`) and its kept positions, at desktop and phone sizes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, shots } from './app.js';
import { withoutWorker } from './without-worker.js';

/** Waits until a layout has kept its positions and ended; returns where it ran and the positions. */
async function layoutKept(page: Page): Promise<{ ranIn: string | null; positions: unknown }> {
  const map = page.getByTestId('network-map');
  await page.waitForFunction(() => localStorage.getItem('musubi.positions.v1') !== null);
  await map.and(page.locator('[data-layout="settled"]')).waitFor();
  const kept = await page.evaluate(() => localStorage.getItem('musubi.positions.v1'));
  return { ranIn: await map.getAttribute('data-layout-in'), positions: JSON.parse(kept ?? 'null') };
}

/**
 * Opens the map on a first visit (no positions kept), waits until its layout has ended and been
 * kept, and returns where it ran and the kept positions.
 */
async function laidOut(page: Page): Promise<{ ranIn: string | null; positions: unknown }> {
  await go(page, '?view=map&lang=en');
  return layoutKept(page);
}

for (const size of ['desktop', 'phone'] as const) {
  describe(`the map’s layout without its worker (${size})`, () => {
    const { fresh } = appSession(size === 'phone' ? { viewport: { width: 390, height: 844 } } : {});

    for (const [how, remove] of Object.entries(withoutWorker('layout.worker'))) {
      it(`lays out the same map on the page, and says nothing is wrong, when ${how}`, async () => {
        const withWorker = await fresh();
        const inWorker = await laidOut(withWorker.page);
        expect(inWorker.ranIn).toBe('worker');
        await withWorker.context.close();

        const { context, page, errors } = await fresh();
        await remove(context);
        const onPage = await laidOut(page);
        expect(onPage.ranIn).toBe('page');
        // the same network gives the same map, wherever its layout ran
        expect(onPage.positions).toEqual(inWorker.positions);
        expect(Object.keys(onPage.positions as object).length).toBeGreaterThan(10);
        // nothing to say: no alert, and the layout can be run again (on the page too)
        expect(await page.getByRole('alert').count()).toBe(0);
        const again = page.getByRole('button', { name: 'Rearrange' });
        expect(await again.isEnabled()).toBe(true);
        await page.screenshot({ path: `${shots}map-layout-on-page-${size}-en.png` });
        // run again: its new positions are kept when it ends
        await page.evaluate(() => localStorage.removeItem('musubi.positions.v1'));
        await again.click();
        const rerun = await layoutKept(page);
        expect(rerun).toEqual(onPage);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  });
}
