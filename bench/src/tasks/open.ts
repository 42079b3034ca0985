import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { type Change, createNetwork, type Network } from '@musubi/core';
import { measure } from '../measure.js';
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

  progress('open through the store');
  const open = await measure(() => file.open(), { runs, release: (n) => file.close(n) });
  const { result: network, ...musubi } = open;
  // where the store's open checked and validated the log (openNetworkFile's `validateInWorker`)
  const checked = (network as { store?: { lastReadChecked?: string } }).store?.lastReadChecked;
  const where =
    checked === 'in-worker'
      ? '; checked and validated in a worker thread'
      : checked === 'here'
        ? '; checked and validated on the main thread'
        : '';
  const how =
    file.via === 'store'
      ? 'NDJSON store, openNetworkFile: every record validated'
      : 'plain NDJSON, createNetwork({ log })';
  rows.push({
    group: 'open',
    task: `open the log file (${how})`,
    musubi,
    references: refs(musubi.ms),
    note: `${gm}; ${cpu(musubi)}${where}`,
  });

  if (file.via === 'store' && file.saveSnapshot && file.openAt) {
    progress('replay without validation');
    const replayM = await timeOnly(() => createNetwork({ log: file.parse() as Change[] }));
    rows.push({
      group: 'open',
      task: 'read + parse + replay, no validation (createNetwork({ log }))',
      musubi: replayM,
      references: refs(replayM.ms),
      note: cpu(replayM),
    });
    // the snapshot goes beside a copy of the file, so that `network` stays the one opened from the
    // whole log (a network opened from a snapshot has no history before it: log(), undo, exports)
    progress('snapshot');
    await file.saveSnapshot(network);
    const copy = `${file.path}.copy.ndjson`;
    copyFileSync(file.path, copy);
    renameSync(`${file.path}.snapshot`, `${copy}.snapshot`);
    const openCopy = file.openAt;
    const fromSnapshot = await measure(() => openCopy(copy), { runs, release: (n) => file.close(n) });
    const { result: last, ...snapM } = fromSnapshot;
    await file.close(last);
    for (const leftover of [copy, `${copy}.snapshot`]) rmSync(leftover, { force: true });
    rows.push({
      group: 'open',
      task: 'open the log file from its snapshot',
      musubi: snapM,
      references: refs(snapM.ms),
      note: `snapshot = current records and the place of its change in the log; the log before it is not read; ${cpu(snapM)}`,
    });
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
