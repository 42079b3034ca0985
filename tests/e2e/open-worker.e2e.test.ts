/**
 * The saved network is read and checked in a web worker and built on the page, which is then the one
 * writer: the app says where it opened the log (`data-opened-in` on `.app`) and which steps its
 * progress message went through (`data-opening` on the shell). Without a worker (its script does not
 * load, or it cannot be started, as without module workers) the page opens the log itself and says so; a damaged
 * log gives the same error either way. Checked by the app's signals, at desktop and phone sizes.
 */
import { createNetwork } from '@musubi/core';
import { LOG_FORMAT, LOG_FORMAT_VERSION } from '@musubi/core/log';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, go, saved, shows, testNow } from './app.js';

/** Notes each step the shell's progress message names, in order. */
const steps = `(() => {
  window.__steps = [];
  new MutationObserver(() => {
    const step = document.querySelector('.app-shell')?.getAttribute('data-opening');
    if (step && window.__steps.at(-1) !== step) window.__steps.push(step);
  }).observe(document, { childList: true, subtree: true, attributes: true });
})()`;

/**
 * The opening worker cannot be started: its `new Worker(…, { type: 'module' })` throws, as in a
 * browser without module workers. (The map's layout worker is left alone: it is not what is tested.)
 */
const workerThrows = `(() => {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url, options) {
      if (String(url).includes('open.worker')) throw new TypeError('module workers are not supported');
      super(url, options);
    }
  };
})()`;

/** The ways the worker can be missing: its script does not load, or module workers do not exist. */
const withoutWorker: Record<string, (context: BrowserContext) => Promise<unknown>> = {
  'the worker’s script does not load': (context) => context.route('**/open.worker-*.js', (r) => r.abort()),
  'the worker cannot be started': (context) => context.addInitScript({ content: workerThrows }),
};

/** Where the app opened its log, once it is up. */
async function openedIn(page: Page): Promise<string | null> {
  await page.locator('.app').waitFor();
  return page.locator('.app').getAttribute('data-opened-in');
}

/** Records a visit of the Brazilian consul general through the form (in English). */
async function recordVisit(page: Page, title: string): Promise<void> {
  await go(page, '?view=record&lang=en');
  const form = page.getByRole('form', { name: 'Record a visit' });
  await form
    .getByRole('combobox', { name: 'Visitor (person, mission, organisation)' })
    .fill('Consul General C');
  await form
    .getByRole('option', { name: /Consul General C/ })
    .first()
    .click();
  await form.getByLabel('Date').fill('2026-11-02');
  await form.getByLabel('Title (English)').fill(title);
  await form.getByRole('button', { name: 'Record', exact: true }).click();
  await shows(page.locator('.notice'), `Recorded: ${title}`);
  await saved(page, 'Saved');
}

/** The text of the Brazilian consulate's panel on the map. */
async function consulatePanel(page: Page): Promise<string> {
  await go(page, '?view=map&lang=en&entity=brazil-consulate');
  await page.locator('aside').waitFor();
  return (await page.locator('aside').textContent()) ?? '';
}

/** Puts a change that is not JSON at the end of the log in IndexedDB, as a damaged disk might. */
const damageLog = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const name = localStorage.getItem('musubi.database') ?? 'musubi';
  const db = await request(indexedDB.open(name));
  const tx = db.transaction('changes', 'readwrite');
  const last = await request(tx.objectStore('changes').openCursor(null, 'prev'));
  const seq = last.key + 1;
  tx.objectStore('changes').add({ seq, text: '{"seq": ' + seq + ', "effects": [' });
  await new Promise((resolve) => { tx.oncomplete = resolve; });
  db.close();
  return seq;
})()`;

/**
 * A network of more changes than one part the worker sends (10,000) and than a start that keeps a
 * snapshot: the prefecture and 10,050 companies, each added by its own change.
 */
const longLog = (() => {
  const network = createNetwork({ author: 'suzuki', now: () => testNow });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  for (let i = 0; i < 10_050; i++)
    network.addEntity({ id: `c${i}`, kind: 'company', name: { en: `Company ${i}` }, country: 'TH' });
  return network.log().map((change) => ({ seq: change.seq, text: JSON.stringify(change) }));
})();

/** How many changes the database `musubi-long` keeps loose and how many blocks. */
const layout = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const db = await request(indexedDB.open('musubi-long'));
  const tx = db.transaction(['changes', 'blocks']);
  const counts = { loose: await request(tx.objectStore('changes').count()), blocks: await request(tx.objectStore('blocks').count()) };
  db.close();
  return counts;
})()`;

/**
 * Writes `entries` into a new IndexedDB database as a Musubi before the packed blocks kept it (database
 * version 1, one entry per change) and points the app to it.
 */
const seedLog = (entries: { seq: number; text: string }[]) => `(async (args) => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const opening = indexedDB.open(args.name, 1);
  opening.onupgradeneeded = () => {
    const database = opening.result;
    database.createObjectStore('meta');
    database.createObjectStore('changes', { keyPath: 'seq' });
    database.createObjectStore('snapshots', { keyPath: 'seq' });
    opening.transaction.objectStore('meta').put({ format: args.format, formatVersion: args.version, createdAt: '2026-12-01T00:00:00Z' }, 'header');
  };
  const db = await request(opening);
  const tx = db.transaction('changes', 'readwrite');
  for (const entry of args.entries) tx.objectStore('changes').add(entry);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
  localStorage.setItem('musubi.database', args.name);
  localStorage.setItem('musubi.base.' + args.name, String(args.entries.length));
})(${JSON.stringify({ name: 'musubi-long', format: LOG_FORMAT, version: LOG_FORMAT_VERSION, entries })})`;

for (const size of ['desktop', 'phone'] as const) {
  describe(`opening the saved network (${size})`, () => {
    const { fresh } = appSession(size === 'phone' ? { viewport: { width: 390, height: 844 } } : {});

    it('reads the log in a worker, and a write after the opening is kept across reloads', async () => {
      const { context, page, errors } = await fresh();
      await context.addInitScript({ content: steps });
      // the first start writes the example on the page and replays what it has in hand
      await go(page, '?view=record&lang=en');
      expect(await openedIn(page)).toBe('written');
      await saved(page, 'Saved');

      await page.reload();
      expect(await openedIn(page)).toBe('worker');
      expect(await page.evaluate('window.__steps')).toEqual(['reading', 'building']);
      await recordVisit(page, 'Visit after a worker opening');

      await page.reload();
      expect(await openedIn(page)).toBe('worker');
      expect(await consulatePanel(page)).toContain('Visit after a worker opening');
      // the page's store still writes after a second worker opening
      await recordVisit(page, 'Second visit after a worker opening');
      await page.reload();
      expect(await consulatePanel(page)).toContain('Second visit after a worker opening');
      expect(await openedIn(page)).toBe('worker');
      expect(errors).toEqual([]);
      await context.close();
    });

    for (const [how, remove] of Object.entries(withoutWorker)) {
      it(`opens the log on the page and says so when ${how}`, async () => {
        const { context, page, errors } = await fresh();
        await context.addInitScript({ content: steps });
        await go(page, '?view=record&lang=en');
        await saved(page, 'Saved');
        await remove(context);

        await page.reload();
        expect(await openedIn(page)).toBe('page');
        expect(await page.evaluate('window.__steps')).toEqual(['reading', 'reading-on-page']);
        await recordVisit(page, 'Visit without a worker');
        await page.reload();
        expect(await openedIn(page)).toBe('page');
        expect(await consulatePanel(page)).toContain('Visit without a worker');
        expect(errors).toEqual([]);
        await context.close();
      });
    }

    it('opens a log of more changes than one part of the worker’s answer, all of them on the map, packed by the first opening', async () => {
      const { context, page, errors } = await fresh();
      await context.addInitScript({ content: steps });
      await go(page, '?view=start&lang=en');
      await saved(page, 'Saved');
      await page.evaluate(seedLog(longLog));
      await go(page, '?view=map&lang=en&entity=c10049');
      expect(await openedIn(page)).toBe('worker');
      expect(await page.evaluate('window.__steps')).toEqual(['reading', 'building']);
      await page.locator(`[data-testid="network-map"][data-nodes="${longLog.length}"]`).waitFor();
      await shows(page.locator('aside'), 'Company 10049');
      // the worker packed the loose changes (blocks of 5,000) before it answered
      expect(await page.evaluate(layout)).toEqual({ loose: 0, blocks: 3 });
      // opened again from the blocks (the whole log, or past the snapshot the first opening may have kept by now)
      await go(page, '?view=map&lang=en&entity=c7');
      expect(await openedIn(page)).toBe('worker');
      await page.locator(`[data-testid="network-map"][data-nodes="${longLog.length}"]`).waitFor();
      await shows(page.locator('aside'), 'Company 7');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('refuses a damaged log with the same error in the worker as on the page', async () => {
      const { context, page, errors } = await fresh();
      await go(page, '?view=start&lang=en');
      await saved(page, 'Saved');
      const seq = (await page.evaluate(damageLog)) as number;

      const problem = async () => {
        await page.reload();
        expect(await openedIn(page)).toBe('memory');
        const alert = page.locator('.save-state.failed[role="alert"]');
        await shows(alert, 'This browser cannot save');
        return alert.getAttribute('title');
      };
      const inWorker = await problem();
      expect(inWorker).toContain(`change ${seq} is not valid JSON`);
      await withoutWorker['the worker’s script does not load']?.(context);
      expect(await problem()).toBe(inWorker);
      await go(page, '?view=start&lang=ja');
      await shows(page.locator('.save-state.failed'), 'このブラウザには保存できません');
      expect(errors).toEqual([]);
      await context.close();
    });
  });
}
