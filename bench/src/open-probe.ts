/**
 * `node --expose-gc --import tsx src/open-probe.ts [--scale S|M] [--seed N] [--file F]`: opening the
 * NDJSON log alone (written by the store once, kept in `--file` for later runs), against the floor
 * (read + JSON.parse of each line). Add `--cpu-prof` to profile the opening; `--phases` also times the
 * store's read (lines, checks, JSON.parse, validation) and the replay apart; `--worker off` opens
 * without the validating worker (every check and validation on the main thread), `--worker on` with
 * it whatever the file's size and the machine's load. `--hub ID --busiest ID`: also the first
 * `neighbors(hub)` and the first `timeline(busiest)` on the network just opened, each after a full gc
 * and its sweeping, as a user's first click on a hub in a process that holds nothing else.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openStoredLog, readStoredLog } from '@musubi/core';
import { NdjsonFileStore, openNetworkFile } from '@musubi/core/node';
import { generateNetwork, scales } from './generator.js';
import { collectGarbage, settle } from './measure.js';
import { parseLines, writeLogFile } from './tasks/log-file.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '1' },
    file: { type: 'string' },
    runs: { type: 'string', default: '1' },
    /** Also the two halves of the open, one after the other: the store's read (lines, checks, JSON.parse, validation) and the replay. */
    phases: { type: 'boolean', default: false },
    /** `off`: the store's read checks and validates on the main thread (no validating worker); `on`: always with it. */
    worker: { type: 'string', default: 'auto' },
    hub: { type: 'string' },
    busiest: { type: 'string' },
  },
});
const scale = scales[(values.scale ?? 'S').toUpperCase() as keyof typeof scales];
const file = values.file ?? `/tmp/musubi-open-${scale.name}.ndjson`;
if (!existsSync(file)) {
  const generated = generateNetwork(scale, { seed: Number(values.seed) });
  await writeLogFile(file, generated.log);
}
/** The time the main thread spent in the gc's pauses, as V8 reports them. */
let gcPauses = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses += entry.duration;
}).observe({ entryTypes: ['gc'] });
/** Wall and CPU time (the CPU time of this process, gc threads included: the machine is shared), and the gc's pauses. */
const time = async (run: () => unknown) => {
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  const pausedBefore = gcPauses;
  const began = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - began;
  // the observer is told on a later turn
  await new Promise((resolve) => setImmediate(resolve));
  return { ms, cpuMs: (used.user + used.system) / 1000, gcMs: gcPauses - pausedBefore };
};
for (let i = 0; i < Number(values.runs); i++) {
  const floor = await time(() => parseLines(file));
  // the heap the open network holds (after a full gc, against the heap before the open), and the
  // store's lock released after the timing
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let opened: Awaited<ReturnType<typeof openNetworkFile>> | undefined;
  const open = await time(async () => {
    opened = await openNetworkFile(file, {
      snapshotEvery: Number.POSITIVE_INFINITY,
      validateInWorker: values.worker === 'off' ? false : values.worker === 'on' ? true : 'auto',
    });
  });
  collectGarbage();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const checked = (opened as { store?: { lastReadChecked?: string } } | undefined)?.store?.lastReadChecked;
  const first: { firstNeighborsMs?: number; firstTimelineMs?: number } = {};
  const { hub, busiest } = values;
  if (opened !== undefined && hub !== undefined && busiest !== undefined) {
    const network = opened;
    const once = async (run: () => unknown) => {
      collectGarbage();
      await settle();
      const began = performance.now();
      run();
      return +(performance.now() - began).toFixed(2);
    };
    first.firstNeighborsMs = await once(() => network.neighbors(hub));
    first.firstTimelineMs = await once(() => network.timeline(busiest));
  }
  await opened?.close();
  opened = undefined;
  let phases = {};
  if (values.phases) {
    const store = NdjsonFileStore.open(file);
    let log: Awaited<ReturnType<typeof readStoredLog>> | undefined;
    const read = await time(async () => {
      log = await readStoredLog(store, { fullReplay: true });
    });
    const replay = await time(async () => {
      const network = await openStoredLog(store, log as NonNullable<typeof log>, {
        snapshotEvery: Number.POSITIVE_INFINITY,
      });
      log = undefined;
      await network.close();
    });
    phases = {
      readCpuMs: Math.round(read.cpuMs),
      replayCpuMs: Math.round(replay.cpuMs),
      phasesGcMs: Math.round(read.gcMs + replay.gcMs),
    };
  }
  console.log(
    JSON.stringify({
      ...phases,
      ...first,
      floorMs: Math.round(floor.ms),
      openMs: Math.round(open.ms),
      ratio: +(open.ms / floor.ms).toFixed(2),
      floorCpuMs: Math.round(floor.cpuMs),
      openCpuMs: Math.round(open.cpuMs),
      cpuRatio: +(open.cpuMs / floor.cpuMs).toFixed(2),
      floorGcMs: Math.round(floor.gcMs),
      openGcMs: Math.round(open.gcMs),
      heapMB: Math.round(heapMB),
      rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      checked,
      load: +(os.loadavg()[0] ?? 0).toFixed(1),
    }),
  );
}
