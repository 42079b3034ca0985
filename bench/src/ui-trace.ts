/**
 * Where the time of one page load goes, up to the first drawn map: the built UI in Chromium with the
 * generated log of a scale in IndexedDB (as the bench's UI rows do), traced by Chromium itself
 * (every thread: the page's, the opening worker's, the layout worker's). Prints the app's
 * performance marks and measures (`musubi:*`) on one time line from navigation, each thread's busy
 * time split into script, gc, compilation and the rest, and each thread's heaviest functions
 * (sampled CPU profile, self time).
 *
 * `node --import tsx src/ui-trace.ts [--scale S|M] [--dist DIR] [--trace FILE] [--top N] [--loose] [--from-snapshot]`: DIR is a
 * built UI (`vite build --outDir DIR`), built into a temporary directory when not given; FILE keeps
 * the raw trace (open it in Chromium's DevTools, Performance panel). The log is seeded packed into
 * blocks, as the app keeps it after its first opening; `--loose` seeds it one entry per change, as a
 * Musubi before the blocks wrote it (the first opening then upgrades and packs it). `--from-snapshot`
 * traces the second load instead: the first (not traced) keeps a snapshot, which the second opens.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { generateNetwork, scales } from './generator.js';
import { writeLogFile } from './tasks/log-file.js';
import { descendantsCpuMs } from './tasks/process-cpu.js';
import { buildUi, CHROMIUM, chromiumArgs, seededPage, serve, snapshotKept } from './tasks/ui.js';
import { coveredMs } from './trace-spans.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '1' },
    dist: { type: 'string' },
    trace: { type: 'string' },
    top: { type: 'string', default: '25' },
    loose: { type: 'boolean', default: false },
    'from-snapshot': { type: 'boolean', default: false },
  },
});
const scale = scales[(values.scale ?? 'S').toUpperCase() as keyof typeof scales];
const dir = mkdtempSync(path.join(os.tmpdir(), 'musubi-ui-trace-'));
const generated = generateNetwork(scale, { seed: Number(values.seed) });
const changes = generated.log.length;
const file = await writeLogFile(path.join(dir, `network-${scale.name}.ndjson`), generated.log);
const dist = values.dist ? path.resolve(values.dist) : path.join(dir, 'ui');
if (!values.dist) buildUi(dist);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  /** The thread's CPU time over the event (µs), where the platform gives it. */
  tdur?: number;
  id?: string;
  id2?: { local?: string };
  args?: {
    name?: string;
    data?: {
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

const categories = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'loading',
];

const server = await serve(dist, () => file.path);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs, headless: true });
let events: TraceEvent[];
let firstDraw = 0;
let cpuMs = 0;
try {
  const { context, page } = await seededPage(
    browser,
    server.url,
    'musubi-trace',
    changes,
    values.loose ? 'loose' : 'packed',
  );
  if (values['from-snapshot']) {
    // the first load, not traced, keeps the snapshot the traced one opens
    await page.goto(`${server.url}/?view=map&lang=en`, { timeout: 600_000 });
    if (!(await snapshotKept(page, 'musubi-trace', 600_000))) throw new Error('no snapshot was kept');
  }
  await browser.startTracing(undefined, { categories });
  const cpuBefore = descendantsCpuMs();
  await page.goto(`${server.url}/?view=map&lang=en`, { timeout: 600_000 });
  await page.waitForFunction('window.__firstDraw !== undefined', null, { timeout: 600_000, polling: 50 });
  cpuMs = descendantsCpuMs() - cpuBefore;
  firstDraw = (await page.evaluate('window.__firstDraw')) as number;
  const trace = await browser.stopTracing();
  if (values.trace) writeFileSync(values.trace, trace);
  events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

const threadNames = new Map<string, string>();
for (const e of events) {
  if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
}
const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;
const nameOf = (key: string) => `${threadNames.get(key) ?? 'thread'} (${key})`;

// the time line starts at the page's navigation (the renderer's first navigationStart mark)
const navigation = events.find((e) => e.name === 'navigationStart' && e.cat.includes('blink.user_timing'));
const zero = navigation?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
const ms = (ts: number) => ((ts - zero) / 1000).toFixed(0).padStart(6);

console.log(
  `${scale.name}: ${changes} changes, seeded ${values.loose ? 'loose (one entry per change)' : 'packed'}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('\nThe app’s marks and measures (ms from navigation):');
const open = new Map<string, TraceEvent>();
const lines: [number, string][] = [];
for (const e of events) {
  if (!e.cat.includes('blink.user_timing') || !e.name.startsWith('musubi')) continue;
  const where = threadNames.get(threadOf(e)) ?? threadOf(e);
  const key = `${threadOf(e)}:${e.name}:${e.id ?? e.id2?.local ?? ''}`;
  if (e.ph === 'b') open.set(key, e);
  else if (e.ph === 'e') {
    const begin = open.get(key);
    if (begin) {
      lines.push([
        begin.ts,
        `${ms(begin.ts)} → ${ms(e.ts)}  ${((e.ts - begin.ts) / 1000).toFixed(0).padStart(6)} ms  ${e.name}  [${where}]`,
      ]);
    }
  } else if (e.ph === 'R' || e.ph === 'I' || e.ph === 'n') {
    lines.push([e.ts, `${ms(e.ts)}            mark ${e.name}  [${where}]`]);
  }
}
for (const [, line] of lines.sort((a, b) => a[0] - b[0])) console.log(line);
console.log(
  `${firstDraw.toFixed(0).padStart(6)}            the first WebGL draw (performance.now() of the page)`,
);
console.log(
  `\nChromium's CPU time from navigation to the first draw (every process, tracing included): ${cpuMs.toFixed(0)} ms`,
);

// each thread's busy time: the top-level tasks, and within them script, gc, compilation
const buckets: Record<string, (name: string) => boolean> = {
  gc: (n) => n === 'MinorGC' || n === 'MajorGC' || n === 'V8.GCScavenger' || n === 'V8.GCFinalizeMC',
  compile: (n) => /^v8\.(compile|parse|compileModule)|^V8\.(Compile|Parse)/.test(n),
  'message (clone, dispatch)': (n) => n === 'EventDispatch',
};
console.log('\nBusy time per thread up to the end of the trace (ms; nested events counted once):');
// a task runs inside another (a nested run loop, `ThreadControllerImpl::RunTask` around `RunTask`),
// a function call inside a function call, a GC phase inside a GC: each bucket is the time covered
// by the union of its events' spans on the thread, not the sum of their durations
const spans = new Map<string, Map<string, [number, number][]>>();
const spanOf = (thread: string, bucket: string, e: TraceEvent) => {
  const byBucket = spans.get(thread) ?? new Map<string, [number, number][]>();
  spans.set(thread, byBucket);
  const list = byBucket.get(bucket) ?? [];
  byBucket.set(bucket, list);
  list.push([e.ts, e.ts + (e.dur as number)]);
};
for (const e of events) {
  if (e.ph !== 'X' || e.dur === undefined) continue;
  const thread = threadOf(e);
  if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') spanOf(thread, 'tasks', e);
  if (e.name === 'FunctionCall' || e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript')
    spanOf(thread, 'script', e);
  for (const [bucket, matches] of Object.entries(buckets)) if (matches(e.name)) spanOf(thread, bucket, e);
}
const perThread = new Map<string, { tasks: number; script: number; [bucket: string]: number }>();
for (const [thread, byBucket] of spans) {
  const t: { tasks: number; script: number; [bucket: string]: number } = { tasks: 0, script: 0 };
  for (const [bucket, list] of byBucket) t[bucket] = coveredMs(list);
  perThread.set(thread, t);
}
// each thread's CPU time in its tasks (the outermost ones' thread durations): what the load does not inflate
const cpuOfThread = new Map<string, number>();
const outermost = new Map<string, number>();
for (const e of events
  .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
  .sort((a, b) => a.ts - b.ts)) {
  const thread = threadOf(e);
  if (e.ts < (outermost.get(thread) ?? 0) || e.tdur === undefined) continue;
  outermost.set(thread, e.ts + (e.dur as number));
  cpuOfThread.set(thread, (cpuOfThread.get(thread) ?? 0) + e.tdur / 1000);
}
for (const [key, t] of [...perThread].sort((a, b) => b[1].tasks - a[1].tasks).slice(0, 8)) {
  const cpu = cpuOfThread.get(key);
  if (cpu !== undefined) t['cpu (thread time)'] = cpu;
  const parts = Object.entries(t)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  console.log(`  ${nameOf(key)}: ${parts}`);
}

// sampled CPU profiles (one per thread), self time by function
const profiles = new Map<
  string,
  { thread: string; nodes: Map<number, { name: string; url: string }>; self: Map<number, number> }
>();
for (const e of events) {
  if (e.name !== 'ProfileChunk') continue;
  const key = `${e.pid}:${e.id}`;
  const profile = profiles.get(key) ?? { thread: threadOf(e), nodes: new Map(), self: new Map() };
  profiles.set(key, profile);
  const data = e.args?.data;
  for (const node of data?.cpuProfile?.nodes ?? []) {
    profile.nodes.set(node.id, { name: node.callFrame.functionName, url: node.callFrame.url });
  }
  const samples = data?.cpuProfile?.samples ?? [];
  const deltas = data?.timeDeltas ?? [];
  samples.forEach((id, i) => {
    profile.self.set(id, (profile.self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
}
const top = Number(values.top);
for (const profile of profiles.values()) {
  const byName = new Map<string, number>();
  let total = 0;
  for (const [id, t] of profile.self) {
    const node = profile.nodes.get(id);
    const file = node?.url ? (node.url.split('/').pop() ?? '') : '';
    const name = `${node?.name || '(anonymous)'} ${file}`.trim();
    byName.set(name, (byName.get(name) ?? 0) + t);
    if (node?.name !== '(idle)') total += t;
  }
  if (total < 50) continue;
  console.log(`\nCPU profile of ${nameOf(profile.thread)}: ${total.toFixed(0)} ms sampled, not idle`);
  for (const [name, t] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${t.toFixed(0).padStart(6)} ms  ${name}`);
  }
}
