/**
 * A sign of life at once: the page's HTML carries a progress message, and the app draws its shell
 * with the message before it asks IndexedDB for the network; the views' code loads on first use.
 * Checked by the order of events in the page (never by a stopwatch), at desktop and phone sizes.
 */
import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app.js';

const session = appSession();

/** Notes whether the shell is in the page when IndexedDB is first opened, and when the app is up. */
const probe = `(() => {
  window.__events = [];
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const shown = document.querySelector('.app-shell [role="status"]');
    window.__events.push(shown ? 'indexedDB.open, the shell shown' : 'indexedDB.open, no shell yet');
    return open.apply(this, args);
  };
  new MutationObserver(() => {
    if (document.querySelector('.app') && !window.__events.includes('app')) window.__events.push('app');
  }).observe(document, { childList: true, subtree: true });
})()`;

const sizes = {
  desktop: { width: 1400, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

for (const size of ['desktop', 'phone'] as const) {
  describe(`the first paint (${size})`, () => {
    it('shows a progress message in the page itself, and the shell before IndexedDB is opened', async () => {
      const context = await session.browser().newContext({ viewport: sizes[size] });
      const page = await context.newPage();
      await page.addInitScript({ content: probe });
      const response = await page.goto(`${inject('baseUrl')}?view=map`);
      expect(await response?.text()).toContain('読み込み中… / Loading…');
      await page.locator('.app').waitFor({ timeout: 60_000 });
      const events = (await page.evaluate('window.__events')) as string[];
      expect(events[0]).toBe('indexedDB.open, the shell shown');
      expect(events).toContain('app');
      await context.close();
    });

    it('loads the code of a view when it is first shown, not before', async () => {
      const context = await session.browser().newContext({ viewport: sizes[size] });
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(`${inject('baseUrl')}?view=start`);
      await page.locator('.app').waitFor({ timeout: 60_000 });
      await page.locator('.start').waitFor();
      const named = (name: string) => scripts.some((s) => s.includes(`/${name}-`));
      expect(named('NetworkMap')).toBe(false);
      expect(named('WorldView')).toBe(false);
      expect(named('DashboardPage')).toBe(false);
      expect(named('exceljs.min')).toBe(false);
      // the formats' code (XLSX, GEXF and GraphML, CSV, JSON) loads when a file is read or written; the
      // bundler names the chunk that CSV and JSON share after one of them
      expect(named('xlsx')).toBe(false);
      expect(named('graph-files')).toBe(false);
      expect(named('csv')).toBe(false);
      expect(named('json')).toBe(false);
      await page.getByRole('button', { name: '世界地図', exact: true }).click();
      await page.getByTestId('world-map').waitFor();
      expect(named('WorldView')).toBe(true);
      expect(named('NetworkMap')).toBe(false);
      await context.close();
    });

    it('asks for the code of the view in the address while the network opens, not after', async () => {
      const context = await session.browser().newContext({ viewport: sizes[size] });
      const page = await context.newPage();
      // when the worker has answered and the page goes on to build (or write) the network
      await page.addInitScript({
        content: `new MutationObserver((_, observer) => {
          const step = document.querySelector('.app-shell')?.getAttribute('data-opening');
          if (!step || step === 'reading') return;
          window.__answeredAt = performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true, attributes: true })`,
      });
      await page.goto(`${inject('baseUrl')}?view=map`);
      await page.locator('.app').waitFor({ timeout: 60_000 });
      const [asked, answeredAt] = (await page.evaluate(
        `[performance.getEntriesByType('resource').find((e) => /\\/NetworkMap-/.test(e.name))?.startTime, window.__answeredAt]`,
      )) as [number | undefined, number];
      expect(asked).toBeLessThan(answeredAt);
      await context.close();
    });
  });
}
