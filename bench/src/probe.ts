/**
 * `node --expose-gc --import tsx src/probe.ts [--scale S|M|L] [--seed N]`: the core's queries alone,
 * without the references, the UI or the store (a generated log replayed by `createNetwork({ log })`):
 * the first `asOf`, the first `asOf` after one write, `neighbors` and `timeline` of the hubs, and
 * the heap the open network keeps. Quick to run beside a change; add `--cpu-prof` to profile.
 */
import { parseArgs } from 'node:util';
import { createNetwork } from '@musubi/core';
import { generateNetwork, scales } from './generator.js';
import { collectGarbage, median } from './measure.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'S' }, seed: { type: 'string', default: '1' } },
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
/** The median wall time of `runs` calls, and their mean CPU time (the machine is shared: CPU time counts). */
const timeMedian = (run: () => unknown, runs = 15) => {
  const cpu = process.cpuUsage();
  const wall = median(Array.from({ length: runs }, () => time(run)));
  const used = process.cpuUsage(cpu);
  return {
    toFixed: (digits: number) =>
      `${wall.toFixed(digits)} (CPU ${((used.user + used.system) / 1000 / runs).toFixed(digits)})`,
  };
};
const rows: [string, string][] = [];
const row = (task: string, value: string) => {
  rows.push([task, value]);
  console.error(`${task}: ${value}`);
};
row('changes', String(changes));
row('heap of the open network (MB)', opened.toFixed(0));
const cpuBefore = process.cpuUsage();
row('first asOf(mid).counts() (ms)', time(() => network.asOf(midDate).counts()).toFixed(1));
const cpu = process.cpuUsage(cpuBefore);
row('… its CPU time (ms; the machine is shared)', ((cpu.user + cpu.system) / 1000).toFixed(0));
row('asOf(mid).counts(), again (ms)', timeMedian(() => network.asOf(midDate).counts()).toFixed(3));
const afterWrite: number[] = [];
for (let i = 0; i < 7; i++) {
  network.recordEngagement({
    type: 'courtesy-visit',
    title: { ja: `表敬訪問 ${i}`, en: `Courtesy visit ${i}` },
    date: `2005-${String(1 + i).padStart(2, '0')}-15`,
    participants: [{ entity: self }, { entity: hub }],
  });
  afterWrite.push(time(() => network.asOf(midDate).counts()));
}
row('first asOf(mid).counts() after one write, median of 7 (ms)', median(afterWrite).toFixed(2));
row('… each (ms)', afterWrite.map((t) => t.toFixed(1)).join(' '));
row('heap with the valid-time index (MB)', (heap() - before).toFixed(0));
row(
  `neighbors(hub) (${network.neighbors(hub).length} results, ms)`,
  timeMedian(() => network.neighbors(hub)).toFixed(2),
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
// a write that the kept timeline cannot take in (a link's notes): the timeline computed again
const recomputed: number[] = [];
const link = network.links({ entity: busiest })[0];
for (let i = 0; link !== undefined && i < 3; i++) {
  network.updateLink(link.id, { notes: `probe ${i}` });
  recomputed.push(time(() => network.timeline(busiest)));
}
row(
  'timeline(busiest) computed again (one of its links updated), median of 3 (ms)',
  median(recomputed).toFixed(2),
);
const day = network.asOf(midDate);
row(`asOf(mid).neighbors(hub) (ms)`, timeMedian(() => day.neighbors(hub)).toFixed(2));
row(`asOf(mid).timeline(busiest) (ms)`, timeMedian(() => day.timeline(busiest)).toFixed(2));
console.log(JSON.stringify(Object.fromEntries(rows)));
