import { describe, expect, it } from 'vitest';
import { createNetwork } from '../network/network.js';
import { type MemoryLog, MemoryStore } from './memory-store.js';
import { openNetwork, openStoredLog, readStoredLog } from './open-network.js';

function sample() {
  const network = createNetwork();
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
  network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
  network.addLink({ id: 'mie-tsu', kind: 'supports', source: 'mie', target: 'tsu' });
  return network;
}

describe('openNetwork', () => {
  it('restores a snapshot whatever the order of its collections', async () => {
    const network = sample();
    const snapshot = network.snapshot();
    const log: MemoryLog = { lines: network.log().map((c) => JSON.stringify(c)) };
    log.snapshot = JSON.stringify({
      ...snapshot,
      records: { link: snapshot.records.link, entity: snapshot.records.entity },
    });
    const opened = await openNetwork(new MemoryStore(log));
    expect(opened.warnings).toEqual([]);
    expect(opened.log()).toEqual([]);
    expect(opened.link('mie-tsu')?.source).toBe('mie');
    expect(opened.addEntity({ kind: 'company', name: { ja: '会社' } }) && opened.log()[0]?.seq).toBe(4);
  });

  it('sets aside a snapshot whose records refer to nothing, and replays the whole log', async () => {
    const network = sample();
    const snapshot = network.snapshot();
    const log: MemoryLog = {
      lines: network.log().map((c) => JSON.stringify(c)),
      snapshot: JSON.stringify({ ...snapshot, records: { link: snapshot.records.link } }),
    };
    const opened = await openNetwork(new MemoryStore(log));
    expect(opened.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
    expect(opened.log()).toHaveLength(3);
    expect(opened.entities()).toHaveLength(2);
  });

  it('fails a write with STORAGE and lands nothing when a synchronous store refuses it', async () => {
    const store = new MemoryStore();
    const network = await openNetwork(store);
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    await store.close();
    expect(() => network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } })).toThrow(
      expect.objectContaining({ code: 'STORAGE' }),
    );
    expect(network.entity('tsu')).toBeUndefined();
    expect(network.log()).toHaveLength(1);
    expect(network.saveState).toEqual({ status: 'saved' });
  });

  it('refuses writes after close', async () => {
    const network = await openNetwork(new MemoryStore());
    await network.close();
    expect(() => network.addEntity({ kind: 'self', name: { ja: '三重県' } })).toThrow(
      expect.objectContaining({ code: 'STORAGE' }),
    );
  });
});

describe('readStoredLog and openStoredLog (read in one thread, replay in another)', () => {
  it('opens the same network from a structured clone of what was read, and writes to the store', async () => {
    const network = sample();
    const log: MemoryLog = { lines: network.log().map((c) => JSON.stringify(c)) };
    // what a worker hands the page through postMessage
    const read = structuredClone(await readStoredLog(new MemoryStore(log)));
    const opened = await openStoredLog(new MemoryStore(log), read, { author: 'suzuki' });
    expect(opened.snapshot().records).toEqual(network.snapshot().records);
    opened.addEntity({ id: 'ise', kind: 'municipality', name: { ja: '伊勢市' } });
    await opened.whenSaved();
    const again = await openNetwork(new MemoryStore(log));
    expect(again.entity('ise')?.name).toEqual({ ja: '伊勢市' });
    expect(again.log().at(-1)).toMatchObject({ seq: 4, author: 'suzuki' });
  });

  it('reads from a matching snapshot, and refuses a damaged log with FORMAT at its seq', async () => {
    const network = sample();
    const log: MemoryLog = {
      lines: network.log().map((c) => JSON.stringify(c)),
      snapshot: JSON.stringify(network.snapshot()),
    };
    const read = await readStoredLog(new MemoryStore(log));
    expect(read.snapshot?.seq).toBe(3);
    expect(read.read.changes).toEqual([]);
    const damaged: MemoryLog = { lines: [...log.lines.slice(0, 2), '{"seq": 3'] };
    await expect(readStoredLog(new MemoryStore(damaged))).rejects.toMatchObject({
      code: 'FORMAT',
      path: [3],
    });
  });

  it('sets aside a snapshot it cannot restore and reads the whole log again from the store', async () => {
    const network = sample();
    const snapshot = network.snapshot();
    const log: MemoryLog = {
      lines: network.log().map((c) => JSON.stringify(c)),
      snapshot: JSON.stringify({ ...snapshot, records: { link: snapshot.records.link } }),
    };
    const store = new MemoryStore(log);
    const opened = await openStoredLog(store, structuredClone(await readStoredLog(store)));
    expect(opened.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
    expect(opened.entities()).toHaveLength(2);
  });
});
