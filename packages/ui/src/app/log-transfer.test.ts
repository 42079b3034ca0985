import { type Change, createNetwork, type StoredLog } from '@musubi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSmallNetwork } from '../testing/small-network.js';
import { logFromTexts, logToTexts, PART_SIZE } from './log-transfer.js';

/** A log of `count` changes (the small network's, repeated with new seqs: only the shape matters here). */
function logOf(count: number): Change[] {
  const base = buildSmallNetwork().log();
  return Array.from({ length: count }, (_, i) => ({ ...(base[i % base.length] as Change), seq: i + 1 }));
}

describe('the log as texts between the opening worker and the page', () => {
  it('gives back the same log, with or without a snapshot, cut into parts of at most PART_SIZE items', () => {
    const network = buildSmallNetwork();
    const snapshot = network.snapshot();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * PART_SIZE + 3 }), fc.boolean(), (count, withSnapshot) => {
        const read = { changes: logOf(count), idAt: null, lastSeq: count, warnings: [] };
        const log: StoredLog = withSnapshot ? { snapshot, read } : { read };
        const texts = logToTexts(log);
        expect(texts.changes).toHaveLength(Math.ceil(count / PART_SIZE));
        expect(logFromTexts(texts)).toEqual(log);
      }),
      { numRuns: 6 },
    );
  });

  it('hands over a log the page can open: the same network as the log replayed', () => {
    const network = buildSmallNetwork();
    const read = { changes: network.log(), idAt: null, lastSeq: network.log().length, warnings: [] };
    const back = logFromTexts(logToTexts({ read }));
    expect(createNetwork({ log: back.read.changes }).snapshot()).toEqual(network.snapshot());
  });
});
