import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../network/network.js';
import { describePacking } from './indexeddb-packing.cases.js';
import { IndexedDbStore, READ_BATCH } from './indexeddb-store.js';
import { openNetwork, readStoredLog } from './open-network.js';
import { describeStoreContract } from './store.contract.js';

// runs in real Chromium: its IndexedDB, its durability, its structured clone
const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
let counter = 0;
const freshName = () => `musubi-browser-${run}-${++counter}`;

describeStoreContract('IndexedDbStore (Chromium)', async () => {
  const name = freshName();
  return { open: () => IndexedDbStore.open(name) };
});

describePacking('Chromium', freshName);

describe('IndexedDbStore in a real browser', () => {
  it('keeps a network across closing and reopening the database', async () => {
    const name = freshName();
    const network = await openNetwork(await IndexedDbStore.open(name), { author: 'suzuki' });
    network.addEntity({
      id: 'mie',
      kind: 'self',
      name: { ja: '三重県', en: 'Mie Prefecture' },
      country: 'JP',
    });
    network.addEntity({
      id: 'th-boi',
      kind: 'government',
      name: { ja: 'タイ投資委員会', en: 'Thailand BOI' },
    });
    network.addLink({
      kind: 'mou',
      source: 'mie',
      target: 'th-boi',
      events: [
        { type: 'signed', date: '2013' },
        { type: 'revised', date: '2018-07' },
      ],
    });
    await network.whenSaved();
    await network.saveSnapshot();
    network.updateEntity('th-boi', { tags: ['ASEAN'] });
    await network.close();

    const reopened = await openNetwork(await IndexedDbStore.open(name));
    expect(reopened.warnings).toEqual([]);
    expect(reopened.entity('th-boi')?.tags).toEqual(['ASEAN']);
    expect(reopened.links().map((l) => l.events.map((e) => e.date))).toEqual([['2013', '2018-07']]);
    expect(reopened.log().map((c) => c.seq)).toEqual([4]);
    await reopened.close();

    const full = await openNetwork(await IndexedDbStore.open(name), { fullReplay: true });
    expect(full.log().map((c) => c.author)).toEqual(['suzuki', 'suzuki', 'suzuki', 'suzuki']);
    await full.close();
  });
});

describe('IndexedDbStore reading a log longer than one batch', () => {
  // more changes than two of the batches the store reads at a time
  const count = 2 * READ_BATCH + 3;
  const source = createNetwork({ author: 'suzuki' });
  for (let i = 0; i < count; i++)
    source.addEntity({ id: `e${i}`, kind: 'company', name: { en: `Company ${i}` } });
  const log = source.log();

  it('reads every change in order, from the start and after a snapshot in the second batch', async () => {
    const name = freshName();
    const store = await IndexedDbStore.open(name);
    await store.append(log);
    const read = await store.readChanges();
    expect(read.changes.map((c) => c.seq)).toEqual(log.map((c) => c.seq));
    expect(read.lastSeq).toBe(count);
    const after = READ_BATCH + 7;
    const rest = await store.readChanges(after);
    expect(rest.changes.map((c) => c.seq)).toEqual(log.slice(after).map((c) => c.seq));
    expect(rest.idAt).toBe(log[after - 1]?.id);
    await store.close();
  });

  it('refuses a damaged change in a later batch with a FORMAT error at its seq', async () => {
    const name = freshName();
    const store = await IndexedDbStore.open(name);
    await store.append(log);
    await store.close();
    const damaged = READ_BATCH + 2;
    const db = await openDB(name, 4);
    await db.put('changes', { seq: damaged, text: '{"seq": ' });
    db.close();
    const again = await IndexedDbStore.open(name);
    await expect(readStoredLog(again)).rejects.toMatchObject({ code: 'FORMAT', path: [damaged] });
    await again.close();
  });
});
