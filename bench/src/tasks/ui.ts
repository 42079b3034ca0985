import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEFAULT_PACKING } from '@musubi/core/indexeddb';
import { LOG_FORMAT, LOG_FORMAT_VERSION } from '@musubi/core/log';
import { type Browser, chromium, type Page } from 'playwright-core';
import { median } from '../measure.js';
import type { Row } from '../results.js';
import { descendantsCpuMs } from './process-cpu.js';

/**
 * The UI in a real Chromium (Debian's, software GL): the built app (packages/ui, built by this
 * benchmark into a directory of its own) served by a small static server, with the generated log
 * written into the browser's IndexedDB the way the app keeps it, then the page loaded on the map.
 */

const root = path.resolve(import.meta.dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// the flags CONTRIBUTING.md (Tests) found to work here (the same as tests/e2e/chromium.ts)
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ndjson': 'application/x-ndjson',
};

/** Builds the UI into `outDir` with its own Vite (as tests/e2e/global-setup.ts does). */
export function buildUi(outDir: string): void {
  const ui = path.join(root, 'packages/ui');
  const built = spawnSync(
    path.join(ui, 'node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: ui,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (built.status !== 0) throw new Error(`building the UI failed (vite exited with ${built.status})`);
}

/** Serves `dist`, and the log file of the scale under test at /__bench/log.ndjson. */
export function serve(
  dist: string,
  logFile: () => string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let file: string;
    if (url.pathname === '/__bench/log.ndjson') file = logFile();
    else if (url.pathname === '/__bench/blank.html') {
      response.writeHead(200, { 'content-type': types['.html'] as string });
      response.end('<!doctype html><title>seeding</title>');
      return;
    } else {
      file = path.join(dist, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
      if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile())
        file = path.join(dist, 'index.html');
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

/**
 * Counts WebGL draw calls (sigma is the app's only WebGL user): the first one is the first drawn
 * map; and notes when the app's shell (`.app-shell` with its progress message while the network
 * opens, or `.app` from builds without one) is first in the page. In-page code is plain JavaScript text: functions compiled by tsx carry
 * helpers the page lacks.
 */
export const drawProbe = `(() => {
  new MutationObserver((records, observer) => {
    if (window.__shell === undefined && document.querySelector('.app-shell, .app')) {
      window.__shell = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  window.__draws = 0;
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced']) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) {
        window.__draws++;
        if (window.__firstDraw === undefined) window.__firstDraw = performance.now();
        return original.apply(this, args);
      };
    }
  }
})();`;

/**
 * Writes the log at /__bench/log.ndjson into IndexedDB `name` as the core's IndexedDbStore keeps it
 * (database version 2): `packed`, as the app has it after its first opening packed it (blocks of
 * `blockSize` changes, each a JSON array with one change per line, keyed by its last seq); `loose`,
 * one entry per change, as a Musubi before the blocks wrote it (database version 1: the app
 * upgrades it and packs it on its first opening).
 */
const seed = (args: {
  name: string;
  format: string;
  version: number;
  layout: SeedLayout;
  blockSize: number;
}) => `(async (args) => {
  const text = await (await fetch('/__bench/log.ndjson')).text();
  const entries = [];
  for (const line of text.split('\\n')) {
    if (!line) continue;
    const { check, ...value } = JSON.parse(line); // the file's integrity check is not part of the change
    if (typeof value.seq === 'number' && Array.isArray(value.effects)) entries.push({ seq: value.seq, text: JSON.stringify(value) });
  }
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  await request(indexedDB.deleteDatabase(args.name));
  const packed = args.layout === 'packed';
  const opening = indexedDB.open(args.name, packed ? 2 : 1);
  opening.onupgradeneeded = () => {
    const database = opening.result;
    database.createObjectStore('meta');
    database.createObjectStore('changes', { keyPath: 'seq' });
    database.createObjectStore('snapshots', { keyPath: 'seq' });
    if (packed) database.createObjectStore('blocks', { keyPath: 'last' });
    opening.transaction.objectStore('meta').put(
      { format: args.format, formatVersion: args.version, createdAt: new Date().toISOString() }, 'header');
  };
  const db = await request(opening);
  const size = packed ? args.blockSize : 10000;
  for (let i = 0; i < entries.length; i += size) {
    await new Promise((resolve, reject) => {
      const slice = entries.slice(i, i + size);
      const tx = db.transaction(packed ? 'blocks' : 'changes', 'readwrite');
      if (packed) {
        const block = { first: slice[0].seq, last: slice[slice.length - 1].seq, text: '[' + slice.map((e) => e.text).join(',\\n') + ']' };
        tx.objectStore('blocks').add(block);
      } else for (const entry of slice) tx.objectStore('changes').add(entry);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  localStorage.setItem('musubi.database', args.name);
  localStorage.setItem('musubi.base.' + args.name, String(entries.length));
  return entries.length;
})(${JSON.stringify(args)})`;

/** What the page reports after the first draw: when, the shell and first paint, its JS heap, and the WebGL renderer. */
const firstDrawProbe = `(() => {
  const gl = document.createElement('canvas').getContext('webgl');
  const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    firstDraw: window.__firstDraw,
    shell: window.__shell,
    firstPaint: paint ? paint.startTime : undefined,
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    renderer: info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown',
  };
})()`;

/** Records the interval before each frame that follows a mouse move: the frames the pan costs. */
const frameRecorder = `(() => {
  window.__frames = [];
  window.__stop = false;
  let moved = false;
  window.addEventListener('mousemove', () => { moved = true; }, { capture: true });
  let last = performance.now();
  const tick = (now) => {
    if (moved) window.__frames.push(now - last);
    moved = false;
    last = now;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
})()`;

interface Load {
  firstDrawMs: number;
  /** Chromium's CPU time (all its processes: page, workers, GPU) from navigation to the first draw. */
  cpuMs?: number;
  /**
   * The page's main thread: the wall time its tasks took from navigation to the first draw (CDP's
   * TaskDuration): how long the page could not answer; on a loaded machine it includes the time its
   * thread waited for a core, so it can exceed the CPU time.
   */
  mainMs?: number;
  heapMB: number;
  /** When the app's shell was first in the page, and the first contentful paint. */
  shellMs?: number;
  firstPaintMs?: number;
}

interface DrawProbe {
  firstDraw: number;
  shell?: number;
  firstPaint?: number;
  heap: number;
  renderer: string;
}

/**
 * Loads `url` in `page` and waits for the first draw; with Chromium's CPU time over the load (which
 * the machine's load does not inflate as it does wall time) and the page's main-thread task time
 * (CDP Performance metrics, wall time: how long the page was busy).
 */
async function measuredLoad(
  page: Page,
  url: string,
  timeoutMs: number,
): Promise<Load & { renderer: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const mainBefore = await taskSeconds();
  const cpuBefore = descendantsCpuMs();
  await page.goto(url, { timeout: timeoutMs });
  await page.waitForFunction('window.__firstDraw !== undefined', null, { timeout: timeoutMs, polling: 50 });
  const cpuMs = descendantsCpuMs() - cpuBefore;
  const mainMs = ((await taskSeconds()) - mainBefore) * 1000;
  await cdp.detach();
  const probe = (await page.evaluate(firstDrawProbe)) as DrawProbe;
  return {
    firstDrawMs: probe.firstDraw,
    heapMB: probe.heap / (1024 * 1024),
    shellMs: probe.shell,
    firstPaintMs: probe.firstPaint,
    cpuMs,
    mainMs,
    renderer: probe.renderer,
  };
}

/**
 * A first start: a fresh context with an empty IndexedDB, so the app writes the example network
 * (the prefecture's) and opens it; page load to the shell and to the first drawn map. Then, once
 * the example is saved, the page is loaded again: the example network's first map from IndexedDB.
 */
export async function firstStart(
  browser: Browser,
  base: string,
  timeoutMs: number,
): Promise<Load & { again: Load }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: drawProbe });
    const load = () => measuredLoad(page, `${base}/?view=map&lang=en`, timeoutMs);
    const first = await load();
    await page.locator('.save-state.saved').waitFor({ timeout: timeoutMs });
    return { ...first, again: await load() };
  } finally {
    await context.close();
  }
}

/** How the seeded log is kept: packed into blocks (the app's after its first opening), or loose (never opened). */
export type SeedLayout = 'packed' | 'loose';

/** A fresh browser context whose IndexedDB holds the network (packed unless `layout` says otherwise). */
export async function seededPage(
  browser: Browser,
  base: string,
  name: string,
  changes: number,
  layout: SeedLayout = 'packed',
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: drawProbe });
  await page.goto(`${base}/__bench/blank.html`);
  const seeded = (await page.evaluate(
    seed({
      name,
      format: LOG_FORMAT,
      version: LOG_FORMAT_VERSION,
      layout,
      blockSize: DEFAULT_PACKING.blockSize,
    }),
  )) as number;
  if (seeded !== changes) throw new Error(`seeded ${seeded} changes of ${changes}`);
  return { context, page };
}

/**
 * Page load to the first drawn map (median of `runs` loads, each of a fresh context with the
 * network in IndexedDB and no saved positions), and the frame time while panning by dragging the
 * map with the mouse once the layout has settled.
 */
export async function uiRows(options: {
  dist: string;
  logFile: string;
  changes: number;
  runs: number;
  /** How the log is seeded (packed unless said). */
  layout?: SeedLayout;
}): Promise<Row[]> {
  const server = await serve(options.dist, () => options.logFile);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs, headless: true });
  const timeoutMs = 600_000;
  try {
    const loads: Load[] = [];
    let renderer = 'unknown';
    let frames: number[] = [];
    let fromSnapshot: Load | undefined;
    for (let run = 0; run < options.runs; run++) {
      const name = `musubi-bench-${run}`;
      const { context, page } = await seededPage(browser, server.url, name, options.changes, options.layout);
      // the measured load: navigation start to the first WebGL draw of the map
      const { renderer: glRenderer, ...load } = await measuredLoad(
        page,
        `${server.url}/?view=map&lang=en`,
        timeoutMs,
      );
      renderer = glRenderer;
      loads.push(load);
      if (run === options.runs - 1) {
        frames = await panFrames(page, timeoutMs);
        fromSnapshot = await secondLoad(page, server.url, name, timeoutMs);
      }
      await context.close();
    }
    const starts: (Load & { again: Load })[] = [];
    for (let run = 0; run < options.runs; run++)
      starts.push(await firstStart(browser, server.url, timeoutMs));
    const sorted = [...frames].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))] ?? Number.NaN;
    const gl = /swiftshader|llvmpipe|software/i.test(renderer)
      ? `software GL (${renderer})`
      : `GL: ${renderer}`;
    /** The CPU figures of some loads, for a row's note: medians, in ms. */
    const cpu = (of: Load[]) => {
      const used = of.flatMap((l) => (l.cpuMs === undefined ? [] : [l.cpuMs]));
      const main = of.flatMap((l) => (l.mainMs === undefined ? [] : [l.mainMs]));
      return used.length === 0
        ? ''
        : `; Chromium CPU ${median(used).toFixed(0)} ms; the page's main thread busy ${median(main).toFixed(0)} ms (wall)`;
    };
    const shells = loads.flatMap((l) => (l.shellMs === undefined ? [] : [l.shellMs]));
    const paints = loads.flatMap((l) => (l.firstPaintMs === undefined ? [] : [l.firstPaintMs]));
    return [
      {
        group: 'ui',
        task: 'page load → the shell and its progress message (network in IndexedDB)',
        ...(shells.length > 0
          ? { musubi: { ms: median(shells), runs: shells.length, heapMB: Number.NaN, rssMB: Number.NaN } }
          : {}),
        references: [],
        note: `when the shell (.app-shell, or .app) is first in the page; first contentful paint ${paints.length > 0 ? `${median(paints).toFixed(0)} ms` : 'not reported'}`,
      },
      {
        group: 'ui',
        task: 'first start (the example network written and opened) → first drawn map',
        musubi: {
          ms: median(starts.map((l) => l.firstDrawMs)),
          runs: starts.length,
          heapMB: Math.max(...starts.map((l) => l.heapMB)),
          rssMB: Number.NaN,
        },
        references: [],
        note: `fresh context, empty IndexedDB; the shell at ${median(starts.flatMap((l) => (l.shellMs === undefined ? [] : [l.shellMs]))).toFixed(0)} ms${cpu(starts)}`,
      },
      {
        group: 'ui',
        task: 'page load → first drawn map of the example network (saved by the first start)',
        musubi: {
          ms: median(starts.map((l) => l.again.firstDrawMs)),
          runs: starts.length,
          heapMB: Math.max(...starts.map((l) => l.again.heapMB)),
          rssMB: Number.NaN,
        },
        references: [],
        note: `the prefecture's network from IndexedDB; the shell at ${median(starts.flatMap((l) => (l.again.shellMs === undefined ? [] : [l.again.shellMs]))).toFixed(0)} ms${cpu(starts.map((l) => l.again))}`,
      },
      {
        group: 'ui',
        task: 'page load → first drawn map (network from IndexedDB)',
        musubi: {
          ms: median(loads.map((l) => l.firstDrawMs)),
          runs: loads.length,
          heapMB: Math.max(...loads.map((l) => l.heapMB)),
          rssMB: Number.NaN,
        },
        references: [],
        note: `headless Chromium, ${gl}; heap = page JS heap${cpu(loads)}`,
      },
      {
        group: 'ui',
        task: 'page load → first drawn map, from the snapshot the first load kept',
        ...(fromSnapshot
          ? {
              musubi: {
                ms: fromSnapshot.firstDrawMs,
                runs: 1,
                heapMB: fromSnapshot.heapMB,
                rssMB: Number.NaN,
              },
            }
          : {}),
        references: [],
        note: fromSnapshot
          ? `the app keeps a snapshot in IndexedDB after an opening that replayed 10,000 changes or more${cpu([fromSnapshot])}`
          : 'no snapshot was kept within 10 minutes (none is kept after an opening of fewer than 10,000 changes)',
      },
      {
        group: 'ui',
        task: 'frame time while panning (mouse drag)',
        musubi: { ms: median(frames), runs: frames.length, heapMB: Number.NaN, rssMB: Number.NaN },
        references: [],
        note: `frames after a mouse move, median of ${frames.length}; p95 ${p95.toFixed(1)} ms; ${(1000 / median(frames)).toFixed(0)} fps`,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

/** How many snapshots IndexedDB `name` holds (read through a second connection: the app keeps its own). */
const snapshotCount = (name: string) => `(async (name) => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const db = await request(indexedDB.open(name));
  const count = await request(db.transaction('snapshots').objectStore('snapshots').count());
  db.close();
  return count;
})(${JSON.stringify(name)})`;

/**
 * Waits until IndexedDB `name` holds a snapshot (the app keeps one once its first view is drawn and
 * the page is idle); false after `timeoutMs`. Polled from here: `waitForFunction` takes the promise
 * an async expression gives as a truthy answer and returns at once (before 2026-12-02 the second
 * load began before any snapshot was kept, and opened the whole log again).
 */
export async function snapshotKept(
  page: import('playwright-core').Page,
  name: string,
  timeoutMs: number,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (((await page.evaluate(snapshotCount(name))) as number) > 0) return true;
    await page.waitForTimeout(500);
  }
  return false;
}

/**
 * After the first load, waits for the snapshot the app keeps (when the opening was long), then
 * loads the page again in the same context: the second start of a user with a big network.
 */
async function secondLoad(
  page: import('playwright-core').Page,
  base: string,
  name: string,
  timeoutMs: number,
): Promise<Load | undefined> {
  if (!(await snapshotKept(page, name, 600_000))) return undefined;
  return measuredLoad(page, `${base}/?view=map&lang=en`, timeoutMs);
}

/** Drags the map across with real mouse events and returns the intervals between frames meanwhile. */
async function panFrames(page: import('playwright-core').Page, timeoutMs: number): Promise<number[]> {
  // the layout (ForceAtlas2 in a worker) runs for a while after the first draw: pan once it is done
  await page.waitForFunction("!document.querySelector('.map-tools button')?.disabled", null, {
    timeout: timeoutMs,
  });
  const box = await page.getByTestId('network-map').boundingBox();
  if (!box) throw new Error('the map is not on the page');
  await page.evaluate(frameRecorder);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    const angle = (i / 60) * 2 * Math.PI;
    await page.mouse.move(cx + 150 * Math.sin(angle), cy + 100 * (1 - Math.cos(angle)));
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(true)))');
  }
  await page.mouse.up();
  return (await page.evaluate('(() => { window.__stop = true; return window.__frames; })()')) as number[];
}
