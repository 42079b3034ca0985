/**
 * Icons are drawn (SVG), not taken from a symbol font the system may lack (IPA Gothic has no ⏸,
 * which Chromium then draws as an empty box): the play and pause button, the close buttons and
 * the world map's zoom buttons, at desktop and phone sizes.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go } from './app.js';

const session = appSession();
const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** The button draws an SVG icon of some size and carries no symbol character. */
async function drawnIcon(button: Locator): Promise<void> {
  const icon = button.locator('svg');
  const box = await icon.boundingBox();
  expect(box?.width).toBeGreaterThan(6);
  expect(box?.height).toBeGreaterThan(6);
  expect(await icon.locator('path, line, polygon, rect, circle, polyline').count()).toBeGreaterThan(0);
  expect(await button.textContent()).not.toMatch(/[⏸▶×−＋]/);
}

for (const size of ['desktop', 'phone'] as const) {
  describe(`icons (${size})`, () => {
    it('draws play, pause, close and zoom as SVG', async () => {
      const page = await session.browser().newPage({ viewport: sizes[size] });
      await go(page, '?view=world&lang=en&entity=thai-boi');
      await drawnIcon(page.getByRole('button', { name: 'Play' }));
      await page.getByRole('button', { name: 'Play' }).click();
      await drawnIcon(page.getByRole('button', { name: 'Pause' }));
      await page.getByRole('button', { name: 'Pause' }).click();
      await drawnIcon(page.locator('aside.panel').getByRole('button', { name: 'Close' }));
      await drawnIcon(page.getByRole('button', { name: 'Zoom in' }));
      await drawnIcon(page.getByRole('button', { name: 'Zoom out' }));
      await page.close();
    });
  });
}
