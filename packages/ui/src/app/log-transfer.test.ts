import { type Change, createNetwork, type StoredLog } from '@musubi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { LogReceiver, logHead, logParts, PART_SIZE } from './log-transfer.js';

/** A log of `count` changes (the small network's, repeated with new seqs: only the shape matters here). */
function logOf(count: number): Change[] {
  const base = buildSmallNetwork().log();
  return Array.from({ length: count }, (_, i) => ({ ...(base[i % base.length] as Change), seq: i + 1 }));
}

/** The log sent as the worker sends it and put together as the page does. */
function sent(log: StoredLog): { back: StoredLog; parts: number } {
  const receiver = new LogReceiver();
  let parts = 0;
  for (const part of logParts(log)) {
    receiver.add(structuredClone(part));
    parts += 1;
  }
  return { back: receiver.finish(structuredClone(logHead(log))), parts };
}

describe('the log as parts between the opening worker and the page', () => {
  it('gives back the same log, with or without a snapshot, in parts of at most PART_SIZE items', () => {
    const snapshot = buildSmallNetwork().snapshot();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * PART_SIZE + 1 }), fc.boolean(), (count, withSnapshot) => {
        const read = { changes: logOf(count), idAt: null, lastSeq: count, warnings: [] };
        const log: StoredLog = withSnapshot ? { snapshot, read } : { read };
        const { back, parts } = sent(log);
        const recordParts = Object.values(snapshot.records).filter((r) => r.length > 0).length;
        expect(parts).toBe(Math.ceil(count / PART_SIZE) + (withSnapshot ? recordParts : 0));
        expect(back).toEqual(log);
      }),
      { numRuns: 6 },
    );
  });

  it('keeps a snapshot’s empty collections', () => {
    const snapshot = { seq: 3, changeId: 'c3', records: { entity: [], link: [] } };
    const read = { changes: [], idAt: 'c3', lastSeq: 3, warnings: [] };
    expect(sent({ snapshot, read }).back).toEqual({ snapshot, read });
  });

  it('hands over a log the page can open: the same network as the log replayed', () => {
    const network = buildSmallNetwork();
    const read = { changes: network.log(), idAt: null, lastSeq: network.log().length, warnings: [] };
    const { back } = sent({ read });
    expect(createNetwork({ log: back.read.changes }).snapshot()).toEqual(network.snapshot());
  });
});
