import {
  type Change,
  type Collection,
  createNetwork,
  isMusubiError,
  MemoryStore,
  type NetworkSnapshot,
} from '@musubi/core';
import { SNAPSHOT_ORDER } from '@musubi/core/log';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { type LogPart, LogReplayer, PART_SIZE, partsOf, readHead } from './log-transfer.js';

const LOG = buildSmallNetwork().log();
const RECORDS = createNetwork({ log: LOG }).snapshot().records;

/** A snapshot's records in parts of at most `size`, the collections in the order IndexedDB keeps them. */
function* snapshotParts(snapshot: NetworkSnapshot, size: number): Generator<LogPart> {
  for (const collection of SNAPSHOT_ORDER) {
    const records = snapshot.records[collection] ?? [];
    for (let i = 0; i < records.length; i += size)
      yield { list: collection as Collection, text: JSON.stringify(records.slice(i, i + size)) };
  }
}

/**
 * What the worker sends for a log of `log` after the snapshot `snapshot` (in parts of `size`
 * changes, as the store's blocks, and of `size` records), put through the page's replayer as the
 * page does (each message cloned as `postMessage` clones it).
 */
function sent(store: MemoryStore, log: readonly Change[], size: number, snapshot?: NetworkSnapshot) {
  const replayer = new LogReplayer(store);
  let parts = 0;
  if (snapshot) {
    for (const part of snapshotParts(snapshot, size)) {
      replayer.add(structuredClone(part));
      parts += 1;
    }
    replayer.snapshot(structuredClone({ seq: snapshot.seq, changeId: snapshot.changeId }));
  }
  for (let i = 0; i < log.length; i += size) {
    replayer.add(structuredClone({ list: 'changes', text: JSON.stringify(log.slice(i, i + size)) }));
    parts += 1;
  }
  const head = readHead({
    changes: [],
    idAt: snapshot?.changeId ?? null,
    lastSeq: log.at(-1)?.seq ?? 0,
    warnings: [],
  });
  return { replayer, parts, network: replayer.finish(structuredClone(head)) };
}

describe('the log as parts between the opening worker and the page', () => {
  it('builds the network one replay builds, however the changes are split, with or without a snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: LOG.length + 1 }),
        fc.integer({ min: 0, max: LOG.length }),
        async (size, snapshotAt) => {
          const snapshot =
            snapshotAt > 0 ? createNetwork({ log: LOG.slice(0, snapshotAt) }).snapshot() : undefined;
          const after = LOG.slice(snapshotAt);
          const { replayer, network } = sent(new MemoryStore(), after, size, snapshot);
          const opened = await network;
          expect(replayer.fromSnapshot).toBe(snapshot !== undefined);
          expect(replayer.replayed).toBe(after.length);
          expect(opened.snapshot().records).toEqual(RECORDS);
          expect(opened.log()).toEqual(after);
          expect(opened.changesSinceSnapshot).toBe(after.length);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('forgets what it restored of a snapshot the worker drops, and builds the network from the whole log', async () => {
    const snapshot = createNetwork({ log: LOG.slice(0, 5) }).snapshot();
    const replayer = new LogReplayer(new MemoryStore());
    for (const part of snapshotParts(snapshot, 2)) replayer.add(structuredClone(part));
    replayer.dropSnapshot();
    replayer.add({ list: 'changes', text: JSON.stringify(LOG) });
    const opened = await replayer.finish(
      readHead({ changes: [], idAt: null, lastSeq: LOG.length, warnings: [] }),
    );
    expect(replayer.fromSnapshot).toBe(false);
    expect(opened.snapshot().records).toEqual(RECORDS);
    expect(opened.log()).toEqual(LOG);
  });

  it('writes parts of at most PART_SIZE items', () => {
    const many = Array.from({ length: 2 * PART_SIZE + 1 }, (_, i) => i);
    expect([...partsOf('changes', many)].map((p) => JSON.parse(p.text).length)).toEqual([
      PART_SIZE,
      PART_SIZE,
      1,
    ]);
  });

  it('refuses a change that cannot be replayed: later parts are ignored, no network, the error names its seq', async () => {
    const damaged = LOG.map((change, i) =>
      i === 3 ? { ...change, effects: (LOG[0] as Change).effects } : change,
    );
    const { network } = sent(new MemoryStore(), damaged, 2);
    const error = await network.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMusubiError(error, 'FORMAT') && error.details.seq).toBe(4);
  });
});
