/**
 * What every end-to-end test file needs: one Debian Chromium per file, a fresh browser context per
 * test (so its own empty IndexedDB) whose clock starts at `testNow` whatever the machine's date,
 * the built app at `inject('baseUrl')`, and a folder for the screenshots a person looks at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from './chromium.js';

/** Where the tests save their screenshots (tests/artifacts/screenshots/). */
export const shots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

/**
 * The moment every test's page starts at (10:00 in Japan on 1 December 2026); time flows on from
 * there. Tests write dates relative to it, so none depends on the day it runs.
 */
export const testNow = new Date('2026-12-01T01:00:00Z');

/** `testNow`'s day shifted by `days`, as `YYYY-MM-DD` (the app's "today" is a UTC day). */
export function dayFromTestNow(days: number): string {
  return new Date(testNow.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface FreshPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, to assert empty. */
  errors: string[];
}

/**
 * Starts Chromium before the file's tests and closes it after them. `fresh()` opens a new context
 * (1400×900 unless `options` say otherwise) and page; `browser()` is the browser itself.
 */
export function appSession(options: BrowserContextOptions = {}): {
  fresh: () => Promise<FreshPage>;
  browser: () => Browser;
} {
  let browser: Browser | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ browser, close } = await launchChromium());
  });
  afterAll(async () => {
    await close?.();
  });
  const started = () => {
    if (!browser) throw new Error('Chromium is not started: call appSession() at the top of the file');
    return browser;
  };
  return {
    browser: started,
    fresh: async () => {
      const context = await started().newContext({ viewport: { width: 1400, height: 900 }, ...options });
      // the page's Date, timers and performance run from testNow (Playwright's clock), in real time
      await context.clock.install({ time: testNow });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { context, page, errors };
    },
  };
}

/** Opens the app with a query (`?view=map&lang=en`) and waits for its shell. */
export async function go(page: Page, query: string): Promise<void> {
  await page.goto(`${inject('baseUrl')}${query}`);
  await page.locator('.app').waitFor();
}

/**
 * Waits until the header says the network is saved (`保存済み`, or `Saved` in English): the save
 * indicator's own state, waited for by Playwright up to its 30 s (writing a whole network into
 * IndexedDB can take a while on a slow machine).
 */
export async function saved(page: Page, word = '保存済み'): Promise<void> {
  const indicator = page.locator('.save-state.saved');
  await indicator.waitFor();
  expect(await indicator.textContent()).toBe(word);
}

const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * Waits until `locator` shows `text` (a part of its text, case and all) or matches a pattern; the
 * element need not be visible (an `<option>` never is).
 * Playwright waits on the page (no polling of ours, no interval): up to its 30 s, and its error
 * names the locator and the text.
 */
export async function shows(locator: Locator, text: string | RegExp): Promise<void> {
  await locator
    .filter({ hasText: typeof text === 'string' ? literal(text) : text })
    .first()
    .waitFor({ state: 'attached' });
}

/** Waits until `locator` is there without `text` in it (a part of its text, or a pattern). */
export async function showsNot(locator: Locator, text: string | RegExp): Promise<void> {
  await locator
    .filter({ hasNotText: typeof text === 'string' ? literal(text) : text })
    .first()
    .waitFor({ state: 'attached' });
}

/** Waits until `locator`'s whole text (trimmed) is `text`. */
export async function showsExactly(locator: Locator, text: string): Promise<void> {
  await shows(locator, new RegExp(`^\\s*${literal(text).source}\\s*$`));
}

/** Waits until the input or select at `locator` holds `value`. */
export async function holds(locator: Locator, value: string): Promise<void> {
  const element = await locator.elementHandle();
  await locator
    .page()
    .waitForFunction(([e, v]) => (e as HTMLInputElement | null)?.value === v, [element, value] as const);
}

/** Waits until `selector` matches exactly `count` elements of the page. */
export async function hasCount(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [
    selector,
    count,
  ] as const);
}
