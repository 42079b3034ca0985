/**
 * `node --expose-gc --import tsx src/heap-probe.ts --scale S [--write] [--file F]`: the heap an open
 * network keeps. `--write` writes the generated log to /tmp/musubi-heap-S.ndjson (or `--file`) first; then the log is read
 * line by line, parsed and replayed (`createNetwork({ log })`), and the heap after a full gc is
 * compared with the heap after the network is dropped. `--parts` then replays the same lines into
 * the projection alone (`NetworkState`, each change dropped once applied): the heap of the state,
 * and so what the change log adds to it.
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { createNetwork } from '@musubi/core';
// not exported: the projection alone, for `--parts`
import { NetworkState } from '../../packages/core/src/projection/state.js';
import { generateNetwork, scales } from './generator.js';
import { collectGarbage } from './measure.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'S' },
    write: { type: 'boolean', default: false },
    snap: { type: 'boolean', default: false },
    file: { type: 'string' },
    parts: { type: 'boolean', default: false },
  },
});
const scale = scales[(values.scale ?? 'S') as keyof typeof scales];
const file = values.file ?? `/tmp/musubi-heap-${scale.name}.ndjson`;
if (values.write) {
  const g = generateNetwork(scale, { seed: 1 });
  // line by line: the whole log at L is longer than V8's longest string
  const fd = openSync(file, 'w');
  for (const change of g.log) writeSync(fd, `${JSON.stringify(change)}\n`);
  closeSync(fd);
  process.exit(0);
}
const MB = 1024 * 1024;
const heap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / MB;
};
/** Typed arrays' contents live outside the JS heap: counted apart, and in `totalMB`. */
const buffers = () => process.memoryUsage().arrayBuffers / MB;
const before = heap();
const began = performance.now();
let log: unknown[] | undefined = [];
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
  if (line !== '') log.push(JSON.parse(line));
const parsedMs = performance.now() - began;
const parsedMB = heap() - before;
const replayBegan = performance.now();
let network: ReturnType<typeof createNetwork> | undefined = createNetwork({ log: log as never });
log = undefined;
const ms = performance.now() - replayBegan;
const kept = heap();
const keptBuffers = buffers();
if (values.snap) console.error(writeHeapSnapshot(`/tmp/store/${scale.name}.heapsnapshot`));
const counts = network.counts();
network = undefined;
const after = heap();
const buffersAfter = buffers();
let stateMB: number | undefined;
if (values.parts) {
  let state: NetworkState | undefined = new NetworkState();
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === '') continue;
    for (const effect of (JSON.parse(line) as { effects: Parameters<NetworkState['apply']>[0][] }).effects)
      state.apply(effect);
  }
  stateMB = +(heap() - after + buffers() - buffersAfter).toFixed(1);
  if (state.graph.order !== counts.entities) throw new Error('the state differs from the network');
  state = undefined;
}
console.log(
  JSON.stringify({
    scale: scale.name,
    networkMB: +(kept - after).toFixed(1),
    arrayBuffersMB: +(keptBuffers - buffersAfter).toFixed(1),
    totalMB: +(kept - after + keptBuffers - buffersAfter).toFixed(1),
    ...(stateMB === undefined
      ? {}
      : { stateMB, logMB: +(kept - after + keptBuffers - buffersAfter - stateMB).toFixed(1) }),
    overBeforeMB: +(kept - before).toFixed(1),
    parsedLogMB: +parsedMB.toFixed(1),
    readParseMs: Math.round(parsedMs),
    replayMs: Math.round(ms),
    counts,
  }),
);
