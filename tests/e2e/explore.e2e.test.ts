import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { appSession, shots, showsExactly, showsNot, testNow } from './app.js';

const session = appSession();

async function open(query: string): Promise<Page> {
  const page = await session.browser().newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.install({ time: testNow });
  await page.goto(`${inject('baseUrl')}${query}`);
  await page.locator('.app').waitFor();
  expect(errors).toEqual([]);
  return page;
}

/** Pixels of an element's screenshot that differ from its background (decoded in the page itself). */
async function nonBackgroundPixels(page: Page, selector: string): Promise<number> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) return 0;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (
        Math.abs((data[i] ?? 0) - (r0 ?? 0)) +
          Math.abs((data[i + 1] ?? 0) - (g0 ?? 0)) +
          Math.abs((data[i + 2] ?? 0) - (b0 ?? 0)) >
        30
      )
        count += 1;
    }
    return count;
  }, png.toString('base64'));
}

const count = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());

describe('the explore views in Chromium', () => {
  it('opens in Japanese by default and in English with ?lang=en', async () => {
    const ja = await open('');
    expect(await ja.locator('html').getAttribute('lang')).toBe('ja');
    await expect(ja.getByRole('button', { name: 'ネットワーク図', exact: true }).count()).resolves.toBe(1);
    await ja.screenshot({ path: `${shots}start-ja.png` });
    const en = await open('?lang=en');
    expect(await en.locator('html').getAttribute('lang')).toBe('en');
    await expect(en.getByRole('button', { name: 'Network map', exact: true }).count()).resolves.toBe(1);
    await en.screenshot({ path: `${shots}start-en.png` });
  });

  it('draws the network map with non-blank pixels', async () => {
    const page = await open('?view=map');
    await page.locator('[data-testid="network-map"] canvas').first().waitFor();
    // the layout runs in its worker; the map says when the positions are final
    await page.locator('[data-testid="network-map"][data-layout="settled"]').waitFor();
    const pixels = await nonBackgroundPixels(page, '[data-testid="network-map"]');
    expect(pixels).toBeGreaterThan(500);
    await page.screenshot({ path: `${shots}map-ja.png` });
  });

  it('moves the camera to a node found by search and opens its panel with the MOU history', async () => {
    const page = await open('?view=map&lang=en');
    const map = page.getByTestId('network-map');
    await page.locator('[data-testid="network-map"] canvas').first().waitFor();
    const before = await map.getAttribute('data-camera');
    const search = page.getByRole('combobox', { name: 'Search (Japanese or English)' });
    await search.fill('BOI');
    await page.getByRole('option').first().waitFor();
    await search.press('Enter');
    await page.getByRole('heading', { name: /Board of Investment/ }).waitFor();
    // the map says which entity the camera has come to rest on
    await page.locator('[data-testid="network-map"][data-camera-on="thai-boi"]').waitFor();
    expect(await map.getAttribute('data-camera')).not.toBe(before);
    const panel = page.locator('aside.panel');
    expect(await panel.textContent()).toContain('2018-07');
    expect(await panel.textContent()).toContain('Revised');
    await page.screenshot({ path: `${shots}map-search-boi-en.png` });
  });

  it('finds the Thailand BOI by its Japanese name too', async () => {
    const page = await open('?view=map');
    const search = page.getByRole('combobox', { name: '検索（日本語・英語）' });
    await search.fill('タイ投資');
    await page.getByRole('option').first().waitFor();
    await search.press('Enter');
    await page.getByRole('heading', { name: 'タイ投資委員会' }).waitFor();
    expect(await page.locator('aside.panel').textContent()).toContain('改定');
  });

  it('shows the line of ambassadors of an embassy and when they visited', async () => {
    const page = await open('?view=map&lang=en');
    const search = page.getByRole('combobox', { name: 'Search (Japanese or English)' });
    await search.fill('Royal Thai Embassy');
    await page.getByRole('option').first().waitFor();
    await search.press('Enter');
    const roles = page.getByTestId('panel-roles');
    await roles.waitFor();
    const holders = await roles.locator(':scope > li').allTextContents();
    expect(holders.length).toBeGreaterThanOrEqual(2);
    expect(holders.some((h) => /Visits: \d{4}-\d{2}/.test(h))).toBe(true);
    await page.locator('[data-testid="network-map"][data-camera-on]').waitFor();
    await page.screenshot({ path: `${shots}map-embassy-en.png` });
  });

  it('shows fewer links at FY2012 than today on the time slider', async () => {
    const page = await open('?view=map&lang=en');
    const today = await count(page, 'count-links');
    await page.getByRole('slider', { name: 'Choose a fiscal year' }).fill('2012');
    await showsExactly(page.getByTestId('time-label'), 'FY2012');
    const then = await count(page, 'count-links');
    expect(then).toBeLessThan(today);
    expect(page.url()).toContain('fy=2012');
    await page.locator('[data-testid="network-map"][data-layout="settled"]').waitFor();
    await page.screenshot({ path: `${shots}map-fy2012-en.png` });
  });

  it('plays the years one after another from the first, with era labels when asked', async () => {
    const page = await open('?view=map&era=1');
    const label = page.getByTestId('time-label');
    const today = await label.textContent();
    await page.getByRole('button', { name: /再生/ }).click();
    await showsNot(label, new RegExp(`^${today}$`));
    const first = (await label.textContent()) ?? '';
    expect(first).toMatch(/^(昭和|平成|令和)(元|\d+)年度$/);
    // the next year comes by itself
    await showsNot(label, new RegExp(`^${first}$`));
    await page.getByRole('button', { name: /一時停止/ }).click();
  });

  it('draws the ties from the prefecture on the world view', async () => {
    const page = await open('?view=world');
    await page.getByTestId('world-map').waitFor();
    expect(await page.getByTestId('tie').count()).toBeGreaterThan(0);
    expect(await page.locator('path.country').count()).toBeGreaterThan(100);
    await page.screenshot({ path: `${shots}world-ja.png` });
  });

  it('keeps the filters in the URL so a shared view opens the same', async () => {
    const page = await open('?view=map&lang=en&group=asean');
    const asean = await count(page, 'count-entities');
    const all = await (await open('?view=map&lang=en')).getByTestId('count-entities').textContent();
    expect(asean).toBeLessThan(Number(all));
    await page.getByRole('checkbox', { name: 'Active links only' }).check();
    expect(page.url()).toContain('active=1');
  });
});
