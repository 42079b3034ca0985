import { describe, expect, it } from 'vitest';
import { IndexedDbStore } from './indexeddb-store.js';
import { openNetwork } from './open-network.js';
import { describeStoreContract } from './store.contract.js';

// runs in real Chromium: its IndexedDB, its durability, its structured clone
const run = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
let counter = 0;
const freshName = () => `musubi-browser-${run}-${++counter}`;

describeStoreContract('IndexedDbStore (Chromium)', async () => {
  const name = freshName();
  return { open: () => IndexedDbStore.open(name) };
});

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
