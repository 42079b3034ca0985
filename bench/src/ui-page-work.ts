/**
 * What the page does after the first map, on each thing a user does on it: the built UI in Chromium
 * with the generated log of a scale in IndexedDB (as the bench's UI rows seed it), loaded on the
 * map; once its layout has settled, a hover over a node, a filter switched off and on again, and
 * one change of the network (undo, then redo, by their buttons). For each: the wall time to the
 * second frame after it, Chromium's CPU time (every process), the page's main thread busy time, and
 * the app's measures (`musubi:*`, packages/ui/src/app/timing.ts) taken meanwhile.
 *
 * `node --import tsx src/ui-page-work.ts [--scale S|M] [--dist DIR] [--profile]`: DIR is a built UI
 * (`vite build --outDir DIR`), built into a temporary directory when not given.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { generateNetwork, scales } from './generator.js';
import { writeLogFile } from './tasks/log-file.js';
import { descendantsCpuMs } from './tasks/process-cpu.js';
import { buildUi, CHROMIUM, chromiumArgs, seededPage, serve } from './tasks/ui.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '1' },
    dist: { type: 'string' },
    // the page's heaviest functions (sampled, self time) over each action
    profile: { type: 'boolean', default: false },
  },
});
const scale = scales[(values.scale ?? 'S').toUpperCase() as keyof typeof scales];
const dir = mkdtempSync(path.join(os.tmpdir(), 'musubi-ui-page-work-'));
const generated = generateNetwork(scale, { seed: Number(values.seed) });
const file = await writeLogFile(path.join(dir, `network-${scale.name}.ndjson`), generated.log);
const dist = values.dist ? path.resolve(values.dist) : path.join(dir, 'ui');
if (!values.dist) buildUi(dist);

const TIMEOUT = 1_200_000;
const frames = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))';
/** The app's measures so far: name and duration. */
const measures = `performance.getEntriesByType('measure').filter((m) => m.name.startsWith('musubi:')).map((m) => [m.name, m.duration])`;

interface Figures {
  wallMs: number;
  cpuMs: number;
  mainMs: number;
  measures: [string, number][];
  /** The heaviest functions of the page (self time, ms), with --profile. */
  top?: [string, number][];
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function heaviest(profile: Profile, count = 8): [string, number][] {
  const names = new Map(
    profile.nodes.map((n) => [
      n.id,
      `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}`,
    ]),
  );
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const name = names.get(samples[i] as number) ?? '?';
    self.set(name, (self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...self]
    .filter(([name]) => !name.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

/** Waits up to `ms` for a new measure of the map (its drawing after a hover, a filter). */
async function mapMeasure(page: Page, ms: number): Promise<void> {
  const count = async () =>
    ((await page.evaluate(measures)) as [string, number][]).filter(([n]) => n.startsWith('musubi:map:'))
      .length;
  const before = await count();
  const until = Date.now() + ms;
  while ((await count()) === before && Date.now() < until) await page.waitForTimeout(20);
}

async function measured(
  page: Page,
  action: () => Promise<void>,
  done: () => Promise<void>,
): Promise<Figures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const before = ((await page.evaluate(measures)) as [string, number][]).length;
  if (values.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const mainBefore = await taskSeconds();
  const cpuBefore = descendantsCpuMs();
  const start = Date.now();
  await action();
  await done();
  await page.evaluate(frames);
  const wallMs = Date.now() - start;
  const cpuMs = descendantsCpuMs() - cpuBefore;
  const mainMs = ((await taskSeconds()) - mainBefore) * 1000;
  const top = values.profile ? heaviest((await cdp.send('Profiler.stop')).profile as Profile) : undefined;
  await cdp.detach();
  const all = (await page.evaluate(measures)) as [string, number][];
  return { wallMs, cpuMs, mainMs, measures: all.slice(before), ...(top ? { top } : {}) };
}

function show(what: string, f: Figures): void {
  const parts = f.measures.map(([name, ms]) => `${name.replace('musubi:', '')} ${ms.toFixed(0)}`);
  console.log(
    `${what.padEnd(22)} wall ${String(f.wallMs).padStart(6)} ms  CPU ${f.cpuMs.toFixed(0).padStart(6)} ms  main ${f.mainMs.toFixed(0).padStart(6)} ms  ${parts.join(', ')}`,
  );
  for (const [name, ms] of f.top ?? []) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

const server = await serve(dist, () => file.path);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs, headless: true });
try {
  const { context, page } = await seededPage(browser, server.url, 'musubi-page-work', generated.log.length);
  // undo may go back into the generated log (the seeding puts its floor at the log's end)
  await page.evaluate(`localStorage.setItem('musubi.base.musubi-page-work', '0')`);
  await page.goto(`${server.url}/?view=map&lang=en`, { timeout: TIMEOUT });
  await page.waitForFunction('window.__firstDraw !== undefined', null, { timeout: TIMEOUT, polling: 100 });
  console.log('first draw');
  // the layout (ForceAtlas2 in a worker) runs for a while after the first draw
  await page.waitForFunction("!document.querySelector('.map-tools button:last-child')?.disabled", null, {
    timeout: TIMEOUT,
    polling: 500,
  });
  await page.waitForTimeout(2000);
  console.log(
    `scale ${scale.name}: ${generated.log.length} changes; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  // a hover: the mouse over points of the map until one is over a node (the map is redrawn for it)
  const box = await page.getByTestId('network-map').boundingBox();
  if (!box) throw new Error('the map is not on the page');
  const focusDrawn = (f: Figures) => f.measures.some(([name]) => /map:(refresh|highlight)/.test(name));
  let hovered: Figures | undefined;
  let tries = 0;
  search: for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      const x = box.x + (box.width * i) / 12;
      const y = box.y + (box.height * j) / 12;
      const f = await measured(
        page,
        () => page.mouse.move(x, y),
        () => mapMeasure(page, 500),
      );
      tries += 1;
      if (focusDrawn(f)) {
        hovered = f;
        break search;
      }
    }
  }
  if (hovered) show(`hover (try ${tries})`, hovered);
  else console.log(`no node under ${tries} points`);
  show(
    'leave',
    await measured(
      page,
      () => page.mouse.move(box.x + 1, box.y + 1),
      () => mapMeasure(page, 1000),
    ),
  );

  // a filter off and on again: the first box of the sidebar
  const box1 = page.locator('#explore-sidebar input[type="checkbox"]').first();
  show(
    'filter off',
    await measured(
      page,
      () => box1.click(),
      () => mapMeasure(page, 1000),
    ),
  );
  show(
    'filter on',
    await measured(
      page,
      () => box1.click(),
      () => mapMeasure(page, 1000),
    ),
  );

  // one change of the network: undo, then redo (the change lands; the app reads its version)
  const ties = async () =>
    ((await page.evaluate(measures)) as [string, number][]).filter(([n]) => n === 'musubi:app:ties').length;
  for (const [what, button] of [
    ['undo (one change)', page.locator('.undo-redo button').first()],
    ['redo (one change)', page.locator('.undo-redo button').last()],
  ] as const) {
    if (await button.isDisabled()) {
      console.log(`${what}: the button is disabled`);
      continue;
    }
    const count = await ties();
    show(
      what,
      await measured(
        page,
        () => button.click(),
        async () => {
          const until = Date.now() + TIMEOUT;
          while ((await ties()) === count && Date.now() < until) await page.waitForTimeout(50);
        },
      ),
    );
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
