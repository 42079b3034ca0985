/**
 * `node --expose-gc --import tsx src/probe.ts [--scale S|M|L] [--seed N]`: the core's queries alone,
 * without the references, the UI or the store (a generated log replayed by `createNetwork({ log })`):
 * the first `asOf`, the first `asOf` after one write, `neighbors` and `timeline` of the hubs, and
 * the heap the open network keeps. Quick to run beside a change; add `--cpu-prof` to profile.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createNetwork } from '@musubi/core';
import { networkFromJsonChunks, networkJsonChunks } from '@musubi/core/node';
import { generateNetwork, scales } from './generator.js';
import { collectGarbage, median } from './measure.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '1' },
    // the whole log written as Musubi JSON in chunks to a file, and read back (as the CLI does)
    'json-chunks': { type: 'boolean', default: false },
    // a line on stderr before each write of the first-asOf rows (to read beside `node --trace-gc`)
    'mark-writes': { type: 'boolean', default: false },
  },
});
const scale = scales[(values.scale ?? 'S').toUpperCase() as keyof typeof scales];
const MB = 1024 * 1024;
const heap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / MB;
};

const generated = generateNetwork(scale, { seed: Number(values.seed) });
const { hub, busiest, self, midDate } = generated;
let log: typeof generated.log | undefined = generated.log;
const changes = log.length;
const before = heap();
const network = createNetwork({ log });
log = undefined;
(generated as { log?: unknown }).log = undefined;
const opened = heap() - before;

const time = (run: () => unknown) => {
  const began = performance.now();
  run();
  return performance.now() - began;
};
/**
 * The main thread's CPU time in ms (Linux: its schedstat), NaN elsewhere: the process's CPU time
 * also counts V8's gc threads, which mark a heap of gigabytes beside the call being timed.
 */
const mainThreadCpu = () => {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
};
/** The median wall time of `runs` calls, and their mean CPU time (the machine is shared: CPU time counts). */
const timeMedian = (run: () => unknown, runs = 15) => {
  const cpu = process.cpuUsage();
  const main = mainThreadCpu();
  const wall = median(Array.from({ length: runs }, () => time(run)));
  const mainUsed = mainThreadCpu() - main;
  const used = process.cpuUsage(cpu);
  return {
    toFixed: (digits: number) =>
      `${wall.toFixed(digits)} (CPU ${((used.user + used.system) / 1000 / runs).toFixed(digits)}, main thread ${(mainUsed / runs).toFixed(digits)})`,
  };
};
const rows: [string, string][] = [];
const row = (task: string, value: string) => {
  rows.push([task, value]);
  console.error(`${task}: ${value}`);
};
// each write's first asOf: wall and CPU time, and the gc pauses within it (entries come a tick later)
const gcPauses: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, duration: entry.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Wall ms, CPU ms and ms of gc pauses of one call. */
const timeWithGc = async (run: () => unknown) => {
  await tick();
  const cpu = process.cpuUsage();
  const main = mainThreadCpu();
  const began = performance.now();
  run();
  const ended = performance.now();
  const mainUsed = mainThreadCpu() - main;
  const used = process.cpuUsage(cpu);
  // (gc entries are delivered some milliseconds later)
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gcMs = gcPauses
    .filter((p) => p.start >= began && p.start < ended)
    .reduce((sum, p) => sum + p.duration, 0);
  return { wall: ended - began, cpu: (used.user + used.system) / 1000, main: mainUsed, gc: gcMs };
};
type Timed = Awaited<ReturnType<typeof timeWithGc>>;
const each = (timed: Timed[]) =>
  timed
    .map(
      (t) =>
        `${t.wall.toFixed(1)} (CPU ${t.cpu.toFixed(1)}, main thread ${t.main.toFixed(1)}, gc ${t.gc.toFixed(1)})`,
    )
    .join(' ');
row('changes', String(changes));
row('heap of the open network (MB)', opened.toFixed(0));
// the first hub queries on the network as opened (nothing asked of it yet: no kept answer, no index)
row(
  `neighbors(hub) (${network.graph.degree(hub)} links), first call on the opened network: wall (CPU, main thread, gc pauses) (ms)`,
  each([await timeWithGc(() => network.neighbors(hub))]),
);
row(
  'timeline(busiest), first call on the opened network: wall (CPU, main thread, gc pauses) (ms)',
  each([await timeWithGc(() => network.timeline(busiest))]),
);
// ten more hubs (the next by degree), each call a first one: a single call of a few ms is near the
// scheduler's tick, by which CPU time moves; the sum of ten is worth reading
const degrees = new Map<string, number>();
network.graph.forEachNode((id) => {
  if (id !== hub && id !== busiest) degrees.set(id, network.graph.degree(id));
});
const nextHubs = [...degrees]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 10)
  .map(([id]) => id);
/** Wall and CPU ms of `run` on each of `ids` (each a first call), summed, and the items returned. */
const firstCalls = async (run: (id: string) => unknown[]) => {
  await tick();
  const cpu = process.cpuUsage();
  const began = performance.now();
  let items = 0;
  for (const id of nextHubs) items += run(id).length;
  const wall = performance.now() - began;
  const used = process.cpuUsage(cpu);
  return `${wall.toFixed(1)} (CPU ${((used.user + used.system) / 1000).toFixed(1)}); ${items} items`;
};
row(
  'neighbors of the next 10 hubs, first calls on the opened network, summed: wall (CPU) (ms)',
  await firstCalls((id) => network.neighbors(id)),
);
row(
  'timeline of the next 10 hubs, first calls on the opened network, summed: wall (CPU) (ms)',
  await firstCalls((id) => network.timeline(id)),
);
const cpuBefore = process.cpuUsage();
row('first asOf(mid).counts() (ms)', time(() => network.asOf(midDate).counts()).toFixed(1));
const cpu = process.cpuUsage(cpuBefore);
row('… its CPU time (ms; the machine is shared)', ((cpu.user + cpu.system) / 1000).toFixed(0));
row('asOf(mid).counts(), again (ms)', timeMedian(() => network.asOf(midDate).counts()).toFixed(3));
// the first hub queries of a view of a day, the index built (each view computes them anew)
row(
  'asOf(mid).neighbors(hub), first call: wall (CPU, main thread, gc pauses) (ms)',
  each([await timeWithGc(() => network.asOf(midDate).neighbors(hub))]),
);
row(
  'asOf(mid).timeline(busiest), first call: wall (CPU, main thread, gc pauses) (ms)',
  each([await timeWithGc(() => network.asOf(midDate).timeline(busiest))]),
);
row(
  'asOf(mid).neighbors of the next 10 hubs, a view each, summed: wall (CPU) (ms)',
  await firstCalls((id) => network.asOf(midDate).neighbors(id)),
);
row(
  'asOf(mid).timeline of the next 10 hubs, a view each, summed: wall (CPU) (ms)',
  await firstCalls((id) => network.asOf(midDate).timeline(id)),
);
const afterWrite: Timed[] = [];
for (let i = 0; i < 7; i++) {
  if (values['mark-writes']) console.error(`write ${i + 1} of 7, then its first asOf`);
  network.recordEngagement({
    type: 'courtesy-visit',
    title: { ja: `表敬訪問 ${i}`, en: `Courtesy visit ${i}` },
    date: `2005-${String(1 + i).padStart(2, '0')}-15`,
    participants: [{ entity: self }, { entity: hub }],
  });
  afterWrite.push(await timeWithGc(() => network.asOf(midDate).counts()));
}
row(
  'first asOf(mid).counts() after one write, median of 7 (ms)',
  median(afterWrite.map((t) => t.wall)).toFixed(2),
);
row('… each: wall (CPU, main thread, gc pauses) (ms)', each(afterWrite));
row('heap with the valid-time index (MB)', (heap() - before).toFixed(0));
row(
  `neighbors(hub) (${network.neighbors(hub).length} results, ms)`,
  timeMedian(() => network.neighbors(hub)).toFixed(2),
);
const firstTimeline = await timeWithGc(() => network.timeline(busiest));
row(
  'timeline(busiest), first call after the writes (kept, the writes taken in): wall (CPU, main thread, gc pauses) (ms)',
  each([firstTimeline]),
);
row(
  `timeline(busiest) (${network.timeline(busiest).length} items, ms)`,
  timeMedian(() => network.timeline(busiest)).toFixed(2),
);
const fresh: number[] = [];
const freshCpu = process.cpuUsage();
for (let i = 0; i < 7; i++) {
  network.recordEngagement({
    type: 'seminar',
    title: { ja: `セミナー ${i}`, en: `Seminar ${i}` },
    date: `2006-${String(1 + i).padStart(2, '0')}-15`,
    participants: [{ entity: busiest }],
  });
  fresh.push(time(() => network.timeline(busiest)));
}
const freshUsed = process.cpuUsage(freshCpu);
row(
  'timeline(busiest) after a write that touches it, median of 7 (ms)',
  `${median(fresh).toFixed(2)} (CPU of the 7 writes and timelines, each ${((freshUsed.user + freshUsed.system) / 7000).toFixed(2)})`,
);
// writes that touch the busiest entity's kept timeline otherwise than by a creation: a link's
// notes, an engagement's date moved, an engagement removed (wall, CPU, gc pauses of each timeline)
const afterOther = async (label: string, write: (i: number) => void) => {
  network.timeline(busiest);
  const timed: Timed[] = [];
  for (let i = 0; i < 5; i++) {
    write(i);
    timed.push(await timeWithGc(() => network.timeline(busiest)));
  }
  row(
    `timeline(busiest) after ${label}, median of 5 (ms)`,
    `${median(timed.map((t) => t.wall)).toFixed(2)} (CPU ${median(timed.map((t) => t.cpu)).toFixed(2)})`,
  );
  row('… each: wall (CPU, main thread, gc pauses) (ms)', each(timed));
};
const link = network.links({ entity: busiest })[0];
if (link !== undefined)
  await afterOther('one of its links updated', (i) => network.updateLink(link.id, { notes: `probe ${i}` }));
const theirs = network.engagements({ entity: busiest });
await afterOther('one of its engagements moved to another date', (i) => {
  const e = theirs[(i * 997) % theirs.length];
  if (e !== undefined) network.updateEngagement(e.id, { date: `2001-0${1 + i}-0${1 + i}` });
});
await afterOther('one of its engagements removed', (i) => {
  const e = theirs[(i * 1999 + 500) % theirs.length];
  if (e !== undefined) network.removeEngagement(e.id);
});
const day = network.asOf(midDate);
row(`asOf(mid).neighbors(hub) (ms)`, timeMedian(() => day.neighbors(hub)).toFixed(2));
row(`asOf(mid).timeline(busiest) (ms)`, timeMedian(() => day.timeline(busiest)).toFixed(2));
if (values['json-chunks']) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'musubi-probe-json-'));
  const file = path.join(dir, 'network.json');
  try {
    let longest = 0;
    const chunks = function* () {
      for (const chunk of networkJsonChunks(network, { kind: 'log' })) {
        longest = Math.max(longest, chunk.length);
        yield chunk;
      }
    };
    const cpu = process.cpuUsage();
    let began = performance.now();
    await pipeline(Readable.from(chunks()), createWriteStream(file));
    const writeCpu = process.cpuUsage(cpu);
    row(
      'Musubi JSON of the whole log, in chunks to a file: wall (CPU) (ms)',
      `${(performance.now() - began).toFixed(0)} (CPU ${((writeCpu.user + writeCpu.system) / 1000).toFixed(0)}); ${(statSync(file).size / MB).toFixed(0)} MB, longest chunk ${(longest / 1024).toFixed(0)} kB`,
    );
    const readCpu = process.cpuUsage();
    began = performance.now();
    const copy = await networkFromJsonChunks(createReadStream(file));
    const readUsed = process.cpuUsage(readCpu);
    row(
      '… read back from the file in chunks (every change validated): wall (CPU) (ms)',
      `${(performance.now() - began).toFixed(0)} (CPU ${((readUsed.user + readUsed.system) / 1000).toFixed(0)}); ${copy.changeCount === network.changeCount && JSON.stringify(copy.counts()) === JSON.stringify(network.counts()) ? 'the same log length and counts' : 'NOT the same'}`,
    );
  } catch (error) {
    row('Musubi JSON of the whole log, in chunks', `failed: ${String(error).slice(0, 300)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
gcObserver.disconnect();
console.log(JSON.stringify(Object.fromEntries(rows)));
