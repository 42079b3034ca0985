/**
 * `node --expose-gc --import tsx src/history-probe.ts [--scale S|M|L] [--seed N] [--visits N]`: what
 * the history page and the follow-up list derive from the network after each recorded visit, through
 * the UI's own functions (imported from `packages/ui/src`: pure TypeScript, no React), against what
 * they derived before (`network.log()` made whole on every change). CPU time per visit, median of
 * the visits; the machine is shared, so CPU time, not wall time.
 */
import { parseArgs } from 'node:util';
import { type Change, createNetwork } from '@musubi/core';
import {
  engagementOwners,
  engagementOwnersOf,
  followUpList,
} from '../../packages/ui/src/follow-ups/follow-up-list.ts';
import { historyLogOf } from '../../packages/ui/src/history/history-index.ts';
import { authorsOf, historyRows } from '../../packages/ui/src/history/history-rows.ts';
import { generateNetwork, scales } from './generator.js';
import { median } from './measure.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'M' },
    seed: { type: 'string', default: '1' },
    visits: { type: 'string', default: '9' },
  },
});
const scale = scales[(values.scale ?? 'M').toUpperCase() as keyof typeof scales];
const visits = Number(values.visits);

const generated = generateNetwork(scale, { seed: Number(values.seed) });
const { hub, self } = generated;
let clock = Date.parse('2026-12-02T00:00:00Z');
const now = () => {
  clock += 1000;
  return new Date(clock);
};
const network = createNetwork({ log: generated.log, author: 'probe', now });
(generated as { log?: unknown }).log = undefined;

/** The CPU time of one call (ms), and what it gave. */
function cpu<T>(run: () => T): { ms: number; value: T } {
  const began = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(began);
  return { ms: (used.user + used.system) / 1000, value };
}

const words = { describe: (c: Change) => c.operation };
const today = '2026-12-02';
const filters = { none: {}, author: { author: 'probe' } } as const;

// the page as it was: the whole log made, its authors, its rows
const before = {
  history: (filter: object) => {
    const log = network.log();
    authorsOf(log);
    return historyRows(log, filter, 'ja', words, 50).total;
  },
  owners: () => engagementOwners(network.log()).size,
};
// the page now: the index brought up to date, only the rows shown made
const after = {
  history: (filter: object) => {
    const log = historyLogOf(network);
    return historyRows(log, filter, 'ja', words, 50).total;
  },
  owners: () => engagementOwnersOf(network).size,
};

const rows: [string, string][] = [];
const row = (task: string, value: string) => {
  rows.push([task, value]);
  console.error(`${task}: ${value}`);
};
row('changes', String(network.changeCount));
row('first read: the history index built (CPU ms)', cpu(() => historyLogOf(network).length).ms.toFixed(0));
row(
  'first read: who recorded each engagement (CPU ms)',
  cpu(() => engagementOwnersOf(network).size).ms.toFixed(0),
);

const times: Record<string, number[]> = {};
const add = (name: string, ms: number) => {
  times[name] ??= [];
  times[name].push(ms);
};
for (let i = 0; i < visits; i++) {
  network.recordEngagement({
    type: 'courtesy-visit',
    title: { ja: `表敬訪問 ${i}`, en: `Courtesy visit ${i}` },
    date: today,
    participants: [{ entity: self }, { entity: hub }],
    followUps: [{ text: `礼状 ${i}`, due: '2026-12-09' }],
  });
  // the same answers either way
  for (const [name, filter] of Object.entries(filters)) {
    const was = cpu(() => before.history(filter));
    const now = cpu(() => after.history(filter));
    if (was.value !== now.value) throw new Error(`history ${name}: ${was.value} ≠ ${now.value}`);
    add(`history page rows, filter ${name}: before`, was.ms);
    add(`history page rows, filter ${name}: after`, now.ms);
  }
  const was = cpu(before.owners);
  const now = cpu(after.owners);
  if (was.value !== now.value) throw new Error(`owners: ${was.value} ≠ ${now.value}`);
  add('follow-up owners: before (engagementOwners(network.log()))', was.ms);
  add('follow-up owners: after (engagementOwnersOf(network))', now.ms);
  add('follow-up list, whole (after)', cpu(() => followUpList(network, today)).ms);
  // "as recorded on" a moment in the middle of the log: what the page counted then and now
  const at = (network.changeAt(network.changeCount >> 1) as Change).recordedAt;
  const replayed = cpu(() => {
    const past = network.asRecordedAt(at);
    return [past.entities().length, past.links().length, past.engagements().length].join();
  });
  const counted = cpu(() => Object.values(historyLogOf(network).recordedCounts(at)).join());
  if (replayed.value !== counted.value)
    throw new Error(`as recorded on: ${replayed.value} ≠ ${counted.value}`);
  add('"as recorded on" counts: before (asRecordedAt replayed)', replayed.ms);
  add('"as recorded on" counts: after (history index)', counted.ms);
}
for (const [name, list] of Object.entries(times)) {
  row(
    `${name}, CPU ms median of ${list.length} visits`,
    `${median(list).toFixed(1)} (each ${list.map((t) => t.toFixed(0)).join(' ')})`,
  );
}
console.log(JSON.stringify(Object.fromEntries(rows)));
