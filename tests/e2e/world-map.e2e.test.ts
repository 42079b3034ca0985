/**
 * The world map in Chromium at desktop and phone sizes: entities at the same place are one mark
 * with their count that opens to a list (so the Thai BOI at Bangkok can be opened), zoom and pan
 * split the clusters, and labels never cover one another.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, shots } from './app.js';

const session = appSession();
const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function open(size: keyof typeof sizes, query: string): Promise<Page> {
  const page = await session.browser().newPage({ viewport: sizes[size] });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await go(page, query);
  await page.getByTestId('world-cluster').first().waitFor();
  expect(errors).toEqual([]);
  return page;
}

/** The cluster whose list holds an entity named `name` (its list is left open). */
async function clusterHolding(page: Page, name: RegExp): Promise<Locator> {
  const clusters = page.getByTestId('world-cluster');
  const n = await clusters.count();
  for (let i = 0; i < n; i++) {
    const cluster = clusters.nth(i);
    await cluster.click();
    const list = page.locator('.world-list');
    await list.waitFor();
    if (name.test((await list.textContent()) ?? '')) return cluster;
    await list.getByRole('button', { name: 'Close' }).click();
  }
  throw new Error(`no cluster lists ${name}`);
}

const memberCount = async (cluster: Locator) => Number(await cluster.textContent());

for (const size of ['desktop', 'phone'] as const) {
  describe(`the world map (${size})`, () => {
    it('opens the Thai BOI from the list of the entities at its place', async () => {
      const page = await open(size, '?view=world&lang=en');
      const cluster = await clusterHolding(page, /Board of Investment/);
      expect(await memberCount(cluster)).toBeGreaterThanOrEqual(3);
      expect(await cluster.getAttribute('aria-expanded')).toBe('true');
      const list = page.locator('.world-list');
      const box = await list.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= sizes[size].width).toBe(true);
      await page.screenshot({ path: `${shots}world-cluster-list-${size}-en.png` });
      await list.getByRole('button', { name: /Board of Investment/ }).click();
      await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
      expect(page.url()).toContain('entity=thai-boi');
    });

    it('zooms in about a place (wheel) so that its cluster splits, and pans by dragging', async () => {
      const page = await open(size, '?view=world&lang=en');
      const stage = page.getByTestId('world-stage');
      const mie = page.getByRole('button', { name: /near Mie Prefecture/ });
      const before = await memberCount(mie);
      const at = await mie.boundingBox();
      if (!at) throw new Error('the Mie cluster has no box');
      await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
      for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -500);
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="world-stage"]')?.getAttribute('data-zoom')) > 8,
      );
      // the prefecture's own mark is still a cluster (Tsu holds many), but a smaller one
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('button')].some(
            (b) =>
              /near Mie Prefecture/.test(b.getAttribute('aria-label') ?? '') && Number(b.textContent) < n,
          ),
        before,
      );
      await page.screenshot({ path: `${shots}world-zoom-mie-${size}-en.png` });
      const zoomed = await stage.locator('svg > g').getAttribute('transform');
      const box = await stage.boundingBox();
      if (!box) throw new Error('no stage');
      await page.mouse.move(box.x + box.width / 2, box.y + 40);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 - 80, box.y + 90, { steps: 5 });
      await page.mouse.up();
      await page.waitForFunction(
        (was) =>
          document.querySelector('[data-testid="world-stage"] svg > g')?.getAttribute('transform') !== was,
        zoomed,
      );
      await page.getByRole('button', { name: 'Whole world' }).click();
      await stage.and(page.locator('[data-zoom="1.000"]')).waitFor();
      expect(await memberCount(page.getByRole('button', { name: /near Mie Prefecture/ }))).toBe(before);
    });

    it('zooms with the + and − buttons', async () => {
      const page = await open(size, '?view=world');
      const stage = page.getByTestId('world-stage');
      await page.getByRole('button', { name: '拡大' }).click();
      await page.getByRole('button', { name: '拡大' }).click();
      await stage.and(page.locator('[data-zoom="4.000"]')).waitFor();
      await page.getByRole('button', { name: '縮小' }).click();
      await stage.and(page.locator('[data-zoom="2.000"]')).waitFor();
    });

    it('draws labels only where they fit: none covers another, all inside the map', async () => {
      const page = await open(size, '?view=world&lang=en');
      const labels = await page.getByTestId('world-label').evaluateAll((spans) =>
        spans.map((s) => {
          const r = s.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
      const stage = await page.getByTestId('world-stage').boundingBox();
      if (!stage) throw new Error('no stage');
      expect(labels.length).toBeGreaterThan(2);
      for (const [i, a] of labels.entries()) {
        expect(a.x).toBeGreaterThanOrEqual(stage.x - 1);
        expect(a.x + a.w).toBeLessThanOrEqual(stage.x + stage.width + 1);
        for (const b of labels.slice(i + 1)) {
          const apart =
            a.x + a.w <= b.x + 0.5 ||
            b.x + b.w <= a.x + 0.5 ||
            a.y + a.h <= b.y + 0.5 ||
            b.y + b.h <= a.y + 0.5;
          expect(apart).toBe(true);
        }
      }
      await page.screenshot({ path: `${shots}world-labels-${size}-en.png` });
    });
  });
}
