import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../network/network.js';
import { describePacking } from './indexeddb-packing.cases.js';
import { IndexedDbStore } from './indexeddb-store.js';
import { openNetwork } from './open-network.js';
import { describeStoreContract } from './store.contract.js';

let counter = 0;
const freshName = () => `musubi-test-${++counter}`;

describeStoreContract('IndexedDbStore (fake-indexeddb)', async () => {
  const name = freshName();
  return { open: () => IndexedDbStore.open(name) };
});

describePacking('fake-indexeddb', freshName);

describe('IndexedDbStore', () => {
  it('tells the seq of its last change without reading the log', async () => {
    const store = await IndexedDbStore.open(freshName());
    expect(await store.lastSeq()).toBe(0);
    const network = await openNetwork(store);
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
    network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
    await network.whenSaved();
    expect(await store.lastSeq()).toBe(2);
    await network.close();
  });

  it('refuses a database whose header says a newer log format', async () => {
    const name = freshName();
    await (await IndexedDbStore.open(name)).close();
    const db = await openDB(name, 4);
    await db.put(
      'meta',
      { format: 'musubi-log', formatVersion: 99, createdAt: '2030-01-01T00:00:00Z' },
      'header',
    );
    db.close();
    await expect(IndexedDbStore.open(name)).rejects.toMatchObject({ code: 'VERSION' });
  });

  it('refuses a database upgraded by a newer Musubi', async () => {
    const name = freshName();
    (await openDB(name, 7)).close();
    await expect(IndexedDbStore.open(name)).rejects.toMatchObject({ code: 'VERSION' });
  });

  it('queues writes, resolves whenSaved once they are stored, and reports saving then saved', async () => {
    const name = freshName();
    const network = await openNetwork(await IndexedDbStore.open(name));
    const states: string[] = [];
    network.onSaveState((state) => states.push(state.status));
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    expect(network.saveState.status).toBe('saving');
    await network.whenSaved();
    expect(network.saveState).toEqual({ status: 'saved' });
    expect(states.at(-1)).toBe('saved');
    await network.close();
    const reopened = await openNetwork(await IndexedDbStore.open(name));
    expect(reopened.entities().map((e) => e.id)).toEqual(['mie', 'tsu']);
    await reopened.close();
  });

  it('surfaces a failed save: state failed with the unsaved change, whenSaved rejects, later writes refused', async () => {
    const name = freshName();
    const first = await openNetwork(await IndexedDbStore.open(name));
    const second = await openNetwork(await IndexedDbStore.open(name));
    first.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    await first.whenSaved();
    // a second tab that opened before that write now writes seq 1 again: the store refuses to overwrite
    const lost = second.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    await expect(second.whenSaved()).rejects.toMatchObject({ code: 'STORAGE' });
    const state = second.saveState;
    expect(state.status).toBe('failed');
    expect(state.status === 'failed' && state.unsaved.map((c) => c.effects[0])).toEqual([
      { type: 'create', collection: 'entity', record: lost },
    ]);
    expect(() => second.addEntity({ kind: 'company', name: { ja: '株式会社' } })).toThrow(
      expect.objectContaining({ code: 'STORAGE' }),
    );
    await first.close();
    await expect(second.close()).rejects.toMatchObject({ code: 'STORAGE' });
  });

  it('steps aside for a newer Musubi upgrading the database in another tab, and then fails saves loudly', async () => {
    const name = freshName();
    const network = await openNetwork(await IndexedDbStore.open(name));
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    await network.whenSaved();
    const newer = await openDB(name, 5);
    newer.close();
    network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
    await expect(network.whenSaved()).rejects.toMatchObject({ code: 'STORAGE' });
    expect(network.saveState.status).toBe('failed');
  });

  it('keeps the log it was given by a network made elsewhere', async () => {
    const source = createNetwork();
    source.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    const store = await IndexedDbStore.open(freshName());
    await store.append(source.log());
    expect((await store.readChanges()).changes.map((c) => c.id)).toEqual(source.log().map((c) => c.id));
    await store.close();
  });
});
