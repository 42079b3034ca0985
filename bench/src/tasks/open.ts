import { spawnSync } from 'node:child_process';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Change, createNetwork, type Network } from '@musubi/core';
import { measure, median } from '../measure.js';
import { against, type Row } from '../results.js';
import { bareGraph } from './bare-graph.js';
import type { LogFile } from './log-file.js';

/**
 * Opening: the NDJSON log into a network, against the floor (reading and parsing every line) and
 * against building the bare graphology graph from the same file. Returns the rows and a network
 * opened as users open it (through the store when there is one), left open for the next tasks.
 */
export async function openRows(
  file: LogFile,
  runs: number,
  progress: (step: string) => void = () => undefined,
  hubs?: { hub: string; busiest: string },
): Promise<{ rows: Row[]; network: Network }> {
  // only the numbers are kept: the parsed log and the bare graph would otherwise stay alive (at L,
  // gigabytes) while the network is opened, and every gc would walk them
  const timeOnly = async (task: () => unknown) => {
    const m = await measure(task, { runs });
    return { ms: m.ms, cpuMs: m.cpuMs, heapMB: m.heapMB, rssMB: m.rssMB, runs: m.runs };
  };
  // the CPU time against the floor's: on a shared machine the wall times carry others' load
  const cpu = (m: { cpuMs?: number }) =>
    `CPU ${(m.cpuMs ?? 0).toFixed(0)} ms = ${((m.cpuMs ?? 0) / (floor.cpuMs ?? 1)).toFixed(2)}× the floor's ${(floor.cpuMs ?? 0).toFixed(0)} ms`;
  progress('read + JSON.parse floor');
  const floor = await timeOnly(() => file.parse());
  progress('graphology from the file');
  const graphology = await timeOnly(() => bareGraph(file.parse()));
  const refs = (ms: number) => [
    against('read + JSON.parse floor', floor.ms, ms),
    against('graphology from the file', graphology.ms, ms),
  ];
  const rows: Row[] = [];
  const gm = `graphology keeps ${graphology.heapMB.toFixed(0)} MB`;

  // the open as users meet it: in a process that has done nothing before (the CLI, the server, a
  // tool that imports the core), its floor read in the same process just before
  if (file.via === 'store') {
    progress(`open through the store in fresh processes (${FRESH_RUNS} × floor, then open)`);
    const fresh = freshOpens(file.path, FRESH_RUNS, file.validateInWorker, hubs);
    if ('error' in fresh) {
      rows.push({ group: 'open', task: FRESH_TASK, references: [], note: `failed: ${fresh.error}` });
    } else {
      const mid = (pick: (r: FreshRun) => number) => median(fresh.map(pick));
      const [floorMs, openMs] = [mid((r) => r.floorMs), mid((r) => r.openMs)];
      const [floorCpu, openCpu] = [mid((r) => r.floorCpuMs), mid((r) => r.openCpuMs)];
      rows.push({
        group: 'open',
        task: FRESH_TASK,
        musubi: {
          ms: openMs,
          cpuMs: openCpu,
          runs: fresh.length,
          heapMB: mid((r) => r.heapMB),
          rssMB: Math.max(...fresh.map((r) => r.rssMB)),
        },
        references: [against('read + JSON.parse floor (same process, before each open)', floorMs, openMs)],
        note: [
          `median of ${fresh.length} fresh processes, each the floor, then the open; each open ÷ its floor: ${fresh.map((r) => (r.openMs / r.floorMs).toFixed(2)).join(', ')}`,
          `CPU ${openCpu.toFixed(0)} ms = ${(openCpu / floorCpu).toFixed(2)}× the floor's ${floorCpu.toFixed(0)} ms`,
          where(fresh[0]?.checked),
        ]
          .filter(Boolean)
          .join('; '),
      });
      for (const [task, pick] of [
        [
          'neighbors(hub), first call, in a fresh process after its open',
          (r: FreshRun) => r.firstNeighborsMs,
        ],
        [
          'timeline(busiest entity), first call, in a fresh process after its open',
          (r: FreshRun) => r.firstTimelineMs,
        ],
      ] as const) {
        const times = fresh.map(pick).filter((ms): ms is number => ms !== undefined);
        if (times.length === 0) continue;
        rows.push({
          group: 'query',
          task,
          musubi: { ms: median(times), runs: times.length, heapMB: 0, rssMB: 0 },
          references: [],
          note: `median of ${times.length} fresh processes (${times.join(', ')} ms), each after a full gc and its sweeping: nothing else in the process (the bench's holds PGlite too)`,
        });
      }
    }
  }

  progress('open through the store');
  const open = await measure(() => file.open(), { runs, release: (n) => file.close(n) });
  const { result: network, ...musubi } = open;
  // where the store's open checked and validated the log (openNetworkFile's `validateInWorker`)
  const checked = (network as { store?: { lastReadChecked?: string } }).store?.lastReadChecked;
  const how =
    file.via === 'store'
      ? 'NDJSON store, openNetworkFile: every record validated'
      : 'plain NDJSON, createNetwork({ log })';
  rows.push({
    group: 'open',
    task:
      file.via === 'store'
        ? `open the log file in the bench's process (${how})`
        : `open the log file (${how})`,
    musubi,
    references: refs(musubi.ms),
    note: [gm, cpu(musubi), where(checked)].filter(Boolean).join('; '),
  });

  const { saveSnapshot, openAt } = file;
  if (file.via === 'store' && saveSnapshot && openAt) {
    progress('replay without validation');
    const replayM = await timeOnly(() => createNetwork({ log: file.parse() as Change[] }));
    rows.push({
      group: 'open',
      task: 'read + parse + replay, no validation (createNetwork({ log }))',
      musubi: replayM,
      references: refs(replayM.ms),
      note: cpu(replayM),
    });
    progress('snapshot');
    rows.push(await snapshotRow({ ...file, saveSnapshot, openAt }, network, runs, refs, cpu));
  }

  progress('build from parsed changes');
  const { buildM, bare } = await (async (changes: unknown[]) => ({
    buildM: await timeOnly(() => createNetwork({ log: changes as Change[] })),
    bare: await timeOnly(() => bareGraph(changes)),
  }))(file.parse());
  rows.push({
    group: 'open',
    task: 'build the network from parsed changes',
    musubi: buildM,
    references: [against('bare graphology', bare.ms, buildM.ms)],
    note: `heap excludes the parsed changes; graphology keeps ${bare.heapMB.toFixed(0)} MB`,
  });
  return { network, rows };
}

/** How many fresh processes time a (floor, open) pair. */
const FRESH_RUNS = 3;
const FRESH_TASK =
  'open the log file in a fresh process (NDJSON store, openNetworkFile: every record validated)';

/** Where the store's open checked and validated the log (openNetworkFile's `validateInWorker`). */
function where(checked: string | undefined): string {
  if (checked === 'in-worker') return 'checked and validated in a worker thread';
  if (checked === 'here') return 'checked and validated on the main thread';
  return '';
}

interface FreshRun {
  floorMs: number;
  openMs: number;
  floorCpuMs: number;
  openCpuMs: number;
  heapMB: number;
  rssMB: number;
  checked?: string;
  firstNeighborsMs?: number;
  firstTimelineMs?: number;
}

/**
 * `runs` pairs of (floor, open) of the log at `path`, each timed by `open-probe.ts` in a new node
 * process with the bench's own flags: a process that has not generated the log nor opened it
 * before, as a user's process has not (the CLI, the server, a tool importing the core open a log
 * once). Beside the open in the bench's own process, it tells what the bench's state costs the open
 * (until 2026-12-03 that process kept the generated log alive: at L every gc of the open walked it).
 */
function freshOpens(
  path: string,
  runs: number,
  worker: boolean | 'auto',
  hubs: { hub: string; busiest: string } | undefined,
): FreshRun[] | { error: string } {
  const bench = fileURLToPath(new URL('../..', import.meta.url));
  const w = worker === true ? 'on' : worker === false ? 'off' : 'auto';
  const out: FreshRun[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(
      process.execPath,
      // (this process's flags: `pnpm bench`'s --expose-gc, heap room and tsx)
      [
        ...process.execArgv,
        'src/open-probe.ts',
        ...['--file', path, '--runs', '1', '--worker', w],
        ...(hubs ? ['--hub', hubs.hub, '--busiest', hubs.busiest] : []),
      ],
      { cwd: bench, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0)
      return { error: `open-probe exited ${child.status}: ${(child.stderr ?? '').trim().split('\n').pop()}` };
    const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
    if (line === undefined) return { error: 'open-probe printed no run' };
    out.push(JSON.parse(line) as FreshRun);
  }
  return out;
}

/**
 * Opening a copy of the log from the snapshot of `network` (saved beside the copy, so that `network`
 * stays the one opened from the whole log: a network opened from a snapshot has no history before
 * it). A function of its own, so that the network it opened is not kept alive by a local while the
 * next rows are timed.
 */
async function snapshotRow(
  file: LogFile & { saveSnapshot(network: Network): Promise<void>; openAt(path: string): Promise<Network> },
  network: Network,
  runs: number,
  refs: (ms: number) => ReturnType<typeof against>[],
  cpu: (m: { cpuMs?: number }) => string,
): Promise<Row> {
  await file.saveSnapshot(network);
  const copy = `${file.path}.copy.ndjson`;
  copyFileSync(file.path, copy);
  renameSync(`${file.path}.snapshot`, `${copy}.snapshot`);
  const { result: last, ...snapM } = await measure(() => file.openAt(copy), {
    runs,
    release: (n) => file.close(n),
  });
  await file.close(last);
  for (const leftover of [copy, `${copy}.snapshot`]) rmSync(leftover, { force: true });
  return {
    group: 'open',
    task: 'open the log file from its snapshot',
    musubi: snapM,
    references: refs(snapM.ms),
    note: `snapshot = current records and the place of its change in the log; the log before it is not read; ${cpu(snapM)}`,
  };
}
