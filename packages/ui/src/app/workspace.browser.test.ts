import { createNetwork, openNetwork } from '@musubi/core';
import { IndexedDbStore } from '@musubi/core/indexeddb';
import { describe, expect, it } from 'vitest';
import { openSaved } from './workspace.js';

/**
 * `openSaved` with a snapshot kept after 20 changes, as soon as the opening is done: the browser's
 * idle callback, which the app waits for, may not come while a loaded machine runs the tests (it
 * did not, for 30 s, in one CI run).
 */
const openNow = () => openSaved(20, undefined, undefined, undefined, () => Promise.resolve());

/** A saved network of `count` municipalities, one change each, in a fresh database the app points to. */
async function savedNetworkOf(count: number): Promise<string> {
  const name = `musubi-workspace-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const network = createNetwork({ author: 'test' });
  for (let i = 0; i < count; i++) {
    network.addEntity({ id: `m${i}`, kind: 'municipality', name: { ja: `町${i}`, en: `Town ${i}` } });
  }
  const store = await IndexedDbStore.open(name);
  await store.append(network.log());
  await store.close();
  localStorage.setItem('musubi.database', name);
  return name;
}

describe('the workspace in IndexedDB', () => {
  it('keeps a snapshot after a long opening, so the next start replays only what came after it', async () => {
    const name = await savedNetworkOf(30);
    const first = await openNow();
    expect(first.database).toBe(name);
    // read and validated in a worker; this page's store is the one that writes
    expect(first.openedIn).toBe('worker');
    expect(first.network.changesSinceSnapshot).toBe(30);
    // the snapshot is kept in the background, after the map is up
    expect(await first.snapshotKept).toBe(true);
    const reader = await IndexedDbStore.open(name);
    expect((await reader.readSnapshot())?.seq).toBe(30);
    await reader.close();
    first.network.addEntity({ id: 'late', kind: 'company', name: { ja: '後の会社', en: 'Late Co.' } });
    await first.network.close();

    const second = await openNow();
    // the worker read the snapshot and the one change after it
    expect(second.openedIn).toBe('worker');
    expect(second.network.changesSinceSnapshot).toBe(1);
    expect(second.network.log().map((c) => c.seq)).toEqual([31]);
    expect(second.network.counts().entities).toBe(31);
    expect(second.network.entity('m29')?.name).toEqual({ ja: '町29', en: 'Town 29' });
    await second.network.close();
  });

  it('keeps no snapshot after a short opening', async () => {
    const name = await savedNetworkOf(5);
    const opened = await openNow();
    expect(opened.network.changesSinceSnapshot).toBe(5);
    expect(await opened.snapshotKept).toBe(false);
    await opened.network.close();
    const reader = await IndexedDbStore.open(name);
    expect(await reader.readSnapshot()).toBeUndefined();
    await reader.close();
  });

  it('replays the worker’s parts as they come: a change that cannot land refuses the log, naming its seq, and no network of it is shown', async () => {
    const name = `musubi-workspace-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const network = createNetwork({ author: 'test' });
    for (let i = 0; i < 12; i++) {
      network.addEntity({ id: `m${i}`, kind: 'municipality', name: { ja: `町${i}`, en: `Town ${i}` } });
    }
    // change 9 creates the first town again: valid on its own, it cannot be replayed
    const log = network
      .log()
      .map((change, i) => (i === 8 ? { ...change, effects: network.log()[0]?.effects ?? [] } : change));
    // packed in blocks of 5 changes: the worker sends three parts, the page replays each as it comes
    const store = await IndexedDbStore.open(name, { packing: { blockSize: 5, after: 1 } });
    await store.append(log);
    await store.readChanges(0);
    expect(await store.layout()).toEqual({ loose: 0, blocks: 3 });
    await store.close();
    localStorage.setItem('musubi.database', name);

    const opened = await openNow();
    expect(opened.openedIn).toBe('memory');
    expect(opened.database).toBeUndefined();
    expect(opened.problem).toContain('change 9');
    expect(opened.problem).toContain('cannot be replayed');
    // the example network is shown instead, nothing of the refused log
    expect(opened.network.entity('m0')).toBeUndefined();
    await opened.network.close();
  });

  it('restores the snapshot part by part as the worker reads it, and forgets it for the whole log when a later part is damaged or it does not match', async () => {
    const name = await savedNetworkOf(30);
    // a snapshot in parts of about 300 characters: several parts of entities
    const writer = await openNetwork(await IndexedDbStore.open(name, { snapshotPart: 300 }));
    const snapshot = writer.snapshot();
    await writer.saveSnapshot();
    await writer.close();

    const fromParts = await openNow();
    expect(fromParts.openedIn).toBe('worker');
    expect(fromParts.network.changesSinceSnapshot).toBe(0);
    expect(fromParts.network.warnings).toEqual([]);
    expect(fromParts.network.snapshot()).toEqual(snapshot);
    expect(await fromParts.snapshotKept).toBe(false);
    await fromParts.network.close();

    // the third part damaged: the parts before it reached the page, which drops them
    const raw = await rawDatabase(name);
    const parts = (await getAll(raw, 'snapshotParts')) as { part: number; text: string }[];
    expect(parts.length).toBeGreaterThan(3);
    const third = parts[2] as { text: string };
    await put(raw, 'snapshotParts', { ...third, text: third.text.replace('"kind":"', '"kind":"no-such-') });
    raw.close();
    const damaged = await openNow();
    expect(damaged.openedIn).toBe('worker');
    expect(damaged.network.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
    expect(damaged.network.changesSinceSnapshot).toBe(30);
    expect(damaged.network.snapshot().records).toEqual(snapshot.records);
    // the opening replayed the whole log: a snapshot is kept again, in good parts
    expect(await damaged.snapshotKept).toBe(true);
    await damaged.network.close();

    // a snapshot whose change is not the log's: its parts are dropped too
    const stale = await IndexedDbStore.open(name, { snapshotPart: 300 });
    await stale.writeSnapshot({ ...snapshot, changeId: 'chg_not_in_this_log' });
    await stale.close();
    const mismatched = await openNow();
    expect(mismatched.network.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
    expect(mismatched.network.changesSinceSnapshot).toBe(30);
    expect(mismatched.network.snapshot().records).toEqual(snapshot.records);
    await mismatched.network.close();
  });
});

/** The database `name` as IndexedDB holds it, for damaging it. */
function rawDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function getAll(db: IDBDatabase, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function put(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, 'readwrite');
    transaction.objectStore(store).put(value);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
}
