/**
 * The explore views on a phone (390×844) beside a desktop (1400×900): filters in a drawer, the
 * entity panel as a bottom sheet under the map, both maps the full width of the screen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, shots } from './app.js';

const phone = { width: 390, height: 844 };
const desktop = { width: 1400, height: 900 };
const session = appSession();

async function open(viewport: { width: number; height: number }, query: string): Promise<Page> {
  const page = await session.browser().newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await go(page, query);
  expect(errors).toEqual([]);
  return page;
}

/** What a side's hint of hidden tabs shows: its arrow and whether it is drawn. */
function hint(page: Page, side: '::before' | '::after') {
  return page.locator('.tab-bar').evaluate((bar, pseudo) => {
    const style = getComputedStyle(bar, pseudo);
    return { arrow: style.content, shown: style.opacity === '1' };
  }, side);
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} has no box`);
  return found;
}

describe('the layout on a phone', () => {
  it('draws the network map the full width of the screen, the filters in a drawer that opens and closes', async () => {
    const page = await open(phone, '?view=map&lang=en');
    await page.locator('[data-testid="network-map"] canvas').first().waitFor();
    const map = await box(page, '[data-testid="network-map"]');
    expect(map.width).toBeGreaterThanOrEqual(phone.width - 1);
    expect(map.height).toBeGreaterThan(phone.height * 0.45);
    const sidebar = page.locator('#explore-sidebar');
    expect(await sidebar.isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: 'Filters', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await sidebar.waitFor({ state: 'visible' });
    await page.getByRole('checkbox', { name: 'Active links only' }).check();
    expect(page.url()).toContain('active=1');
    await page.screenshot({ path: `${shots}phone-filters-en.png` });
    await page.getByRole('button', { name: 'Close filters' }).click();
    await sidebar.waitFor({ state: 'hidden' });
    await toggle.click();
    await sidebar.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await sidebar.waitFor({ state: 'hidden' });
  });

  it('opens a panel as a bottom sheet and keeps the map above it', async () => {
    const page = await open(phone, '?view=map&lang=en&entity=thai-boi');
    await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
    const panel = await box(page, 'aside.panel');
    const map = await box(page, '[data-testid="network-map"]');
    expect(panel.width).toBeGreaterThanOrEqual(phone.width - 1);
    expect(panel.y + panel.height).toBeCloseTo(phone.height, 0);
    expect(panel.height).toBeLessThanOrEqual(phone.height * 0.5 + 1);
    expect(map.width).toBeGreaterThanOrEqual(phone.width - 1);
    expect(map.height).toBeGreaterThan(phone.height * 0.25);
    expect(map.y + map.height).toBeLessThanOrEqual(panel.y + 1);
    // the canvas follows its container when the sheet opens
    const canvas = await box(page, '[data-testid="network-map"] canvas');
    expect(canvas.height).toBeCloseTo(map.height, 0);
    await page.screenshot({ path: `${shots}phone-panel-en.png` });
  });

  it('shows on which side the tab bar hides tabs, with an arrow over a fade, and moves it as the bar scrolls', async () => {
    const page = await open(phone, '?lang=ja');
    const tabs = page.getByRole('navigation', { name: '表示切替' });
    await tabs.getByRole('button', { name: 'スタート' }).waitFor();
    const row = await tabs.evaluate((nav) => ({ scroll: nav.scrollWidth, shown: nav.clientWidth }));
    expect(row.scroll).toBeGreaterThan(row.shown);
    await page.locator('.tab-bar[data-more-before="false"][data-more-after="true"]').waitFor();
    expect(await hint(page, '::after')).toEqual({ arrow: '"›"', shown: true });
    expect(await hint(page, '::before')).toEqual({ arrow: '"‹"', shown: false });
    await page.screenshot({ path: `${shots}phone-tabs-start-ja.png` });

    await tabs.getByRole('button').last().scrollIntoViewIfNeeded();
    await page.locator('.tab-bar[data-more-before="true"][data-more-after="false"]').waitFor();
    expect(await hint(page, '::before')).toEqual({ arrow: '"‹"', shown: true });
    expect(await hint(page, '::after')).toEqual({ arrow: '"›"', shown: false });
    await page.screenshot({ path: `${shots}phone-tabs-end-ja.png` });
  });

  it('draws the world map the full width of the screen', async () => {
    const page = await open(phone, '?view=world');
    await page.getByTestId('world-map').waitFor();
    const world = await box(page, '[data-testid="world-map"]');
    expect(world.width).toBeGreaterThanOrEqual(phone.width - 1);
    await page.screenshot({ path: `${shots}phone-world-ja.png` });
  });
});

describe('the same layout on a desktop', () => {
  it('keeps the filters open beside the map and the panel beside it, with no drawer button', async () => {
    const page = await open(desktop, '?view=map&lang=en&entity=thai-boi');
    await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
    expect(await page.locator('#explore-sidebar').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Filters', exact: true }).isVisible()).toBe(false);
    const sidebar = await box(page, '#explore-sidebar');
    const map = await box(page, '[data-testid="network-map"]');
    const panel = await box(page, 'aside.panel');
    expect(map.x).toBeGreaterThanOrEqual(sidebar.x + sidebar.width - 1);
    expect(panel.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(map.width).toBeGreaterThan(600);
  });

  it('shows every tab, with no hint of hidden ones', async () => {
    const page = await open(desktop, '?lang=en');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Start' }).waitFor();
    await page.locator('.tab-bar[data-more-before="false"][data-more-after="false"]').waitFor();
    expect((await hint(page, '::before')).shown).toBe(false);
    expect((await hint(page, '::after')).shown).toBe(false);
  });
});
