/**
 * The contract test suite of a Store: a function any implementation runs against itself (as
 * graphology's implementations run its tests). Not part of the public API.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, StoredRecord } from '../changes/change.js';
import { isMusubiError } from '../errors.js';
import type { Store } from '../log/store.js';
import { createNetwork, type Network, type NetworkSnapshot } from '../network/network.js';
import { openNetwork } from './open-network.js';

/** How the suite reaches the store under test: each `open()` opens the same underlying log. */
export interface StoreHarness {
  open(): Promise<Store>;
}

const clock = () => {
  let t = Date.parse('2026-04-01T00:00:00Z');
  return () => {
    t += 1000;
    return new Date(t);
  };
};

/** A few valid changes made by a network that has no store. */
function sampleChanges(): Change[] {
  const network = createNetwork({ author: 'contract', now: clock() });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' }, country: 'JP' });
  network.addEntity({
    id: 'sp',
    kind: 'region',
    name: { ja: 'サンパウロ州', en: 'São Paulo' },
    country: 'BR',
  });
  network.addLink({
    kind: 'sister',
    source: 'mie',
    target: 'sp',
    events: [{ type: 'signed', date: '1973' }],
  });
  network.updateEntity('sp', { tags: ['sister'] });
  return network.log();
}

/** The records of a network, sorted, for comparing two networks. */
function recordsOf(network: Network): Record<string, StoredRecord[]> {
  const out: Record<string, StoredRecord[]> = {};
  for (const [collection, records] of Object.entries(network.snapshot().records)) {
    if (records && records.length > 0) out[collection] = [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

async function expectFormatError(promise: Promise<unknown>, store: Store, seq: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isMusubiError(error, 'FORMAT')).toBe(true);
  expect((error as { path: unknown }).path).toEqual(store.locate?.(seq) ?? [seq]);
}

/** Runs the Store contract against the stores `makeHarness` gives (a fresh, empty log each time). */
export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`${name} fulfils the Store contract`, () => {
    it('starts with an empty log and no snapshot', async () => {
      const store = await (await makeHarness()).open();
      expect(await store.readChanges()).toMatchObject({ changes: [], lastSeq: 0, warnings: [] });
      expect(await store.readSnapshot()).toBeUndefined();
      await store.close();
    });

    it('reads back the appended changes in order after closing and reopening', async () => {
      const harness = await makeHarness();
      const changes = sampleChanges();
      const store = await harness.open();
      await store.append(changes.slice(0, 2));
      await store.append(changes.slice(2));
      await store.close();
      const again = await harness.open();
      const read = await again.readChanges();
      expect(JSON.parse(JSON.stringify(read.changes))).toEqual(JSON.parse(JSON.stringify(changes)));
      expect(read.lastSeq).toBe(changes.length);
      const later = await again.readChanges(2);
      expect(later.changes.map((c) => c.seq)).toEqual([3, 4]);
      expect(later.idAt).toBe(changes[1]?.id);
      await again.close();
    });

    it('refuses every call once closed', async () => {
      const store = await (await makeHarness()).open();
      await store.close();
      await expect(store.readChanges()).rejects.toMatchObject({ code: 'STORAGE' });
      await expect(store.append(sampleChanges())).rejects.toMatchObject({ code: 'STORAGE' });
    });

    it('opens a network that keeps every write across reopening, and continues its seq', async () => {
      const harness = await makeHarness();
      const network = await openNetwork(await harness.open(), { author: 'suzuki', now: clock() });
      network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
      network.addEntity({ id: 'th', kind: 'government', name: { ja: 'タイ投資委員会', en: 'Thailand BOI' } });
      network.addLink({
        kind: 'mou',
        source: 'mie',
        target: 'th',
        events: [{ type: 'signed', date: '2013' }],
      });
      network.recordEngagement({
        type: 'courtesy-visit',
        date: '2019-05-10',
        title: { ja: '表敬訪問', en: 'Courtesy visit' },
        participants: [{ entity: 'th' }],
      });
      network.undo();
      await network.close();
      const reopened = await openNetwork(await harness.open(), { author: 'suzuki' });
      expect(recordsOf(reopened)).toEqual(recordsOf(network));
      expect(reopened.log().map((c) => c.id)).toEqual(network.log().map((c) => c.id));
      expect(reopened.canRedo()).toBe(true);
      const next = reopened.addEntity({ kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
      expect(reopened.log().at(-1)?.seq).toBe(6);
      await reopened.close();
      const third = await openNetwork(await harness.open());
      expect(third.entity(next.id)).toEqual(next);
      await third.close();
    });

    it('replays from the latest snapshot and gives the same network as a full replay', async () => {
      const harness = await makeHarness();
      const network = await openNetwork(await harness.open(), { now: clock() });
      network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
      network.addEntity({ id: 'sp', kind: 'region', name: { ja: 'サンパウロ州', en: 'São Paulo' } });
      await network.saveSnapshot();
      network.addLink({
        kind: 'sister',
        source: 'mie',
        target: 'sp',
        events: [{ type: 'signed', date: '1973' }],
      });
      await network.close();
      const fromSnapshot = await openNetwork(await harness.open());
      expect(fromSnapshot.warnings).toEqual([]);
      expect(fromSnapshot.log().map((c) => c.seq)).toEqual([3]);
      expect(recordsOf(fromSnapshot)).toEqual(recordsOf(network));
      fromSnapshot.updateEntity('sp', { tags: ['sister'] });
      expect(fromSnapshot.log().at(-1)?.seq).toBe(4);
      await fromSnapshot.close();
      const full = await openNetwork(await harness.open(), { fullReplay: true });
      expect(full.log().map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      await full.close();
    });

    it('counts the changes since its snapshot, which saving a snapshot sets back to 0', async () => {
      const harness = await makeHarness();
      const network = await openNetwork(await harness.open(), { now: clock() });
      network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
      network.addEntity({ id: 'sp', kind: 'region', name: { ja: 'サンパウロ州', en: 'São Paulo' } });
      expect(network.changesSinceSnapshot).toBe(2);
      await network.close();
      const reopened = await openNetwork(await harness.open());
      expect(reopened.changesSinceSnapshot).toBe(2);
      await reopened.saveSnapshot();
      expect(reopened.changesSinceSnapshot).toBe(0);
      reopened.updateEntity('sp', { tags: ['sister'] });
      expect(reopened.changesSinceSnapshot).toBe(1);
      await reopened.close();
      const third = await openNetwork(await harness.open());
      expect(third.changesSinceSnapshot).toBe(1);
      await third.close();
    });

    it('sets aside a snapshot that does not match the log, or holds an invalid record, and says so', async () => {
      const harness = await makeHarness();
      const store = await harness.open();
      const changes = sampleChanges();
      await store.append(changes);
      const stale: NetworkSnapshot = { seq: 2, changeId: 'chg_not_in_this_log', records: {} };
      await store.writeSnapshot(stale);
      const network = await openNetwork(store);
      expect(network.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(network.log()).toHaveLength(changes.length);
      await network.close();

      const other = await harness.open();
      const bad = {
        seq: 4,
        changeId: changes[3]?.id ?? null,
        records: { entity: [{ id: 'x', kind: 'planet' }] },
      };
      await other.writeSnapshot(bad as unknown as NetworkSnapshot);
      const again = await openNetwork(other);
      expect(again.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(again.entity('sp')?.tags).toEqual(['sister']);
      await again.close();
    });

    it('refuses a log whose seqs skip, naming where', async () => {
      const harness = await makeHarness();
      const store = await harness.open();
      const [first, , third] = sampleChanges();
      await store.append([first as Change, third as Change]);
      // where is the store's own (a line, a key); that it names one is the contract
      const error = await store.readChanges().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'FORMAT', path: [expect.any(Number)] });
      await store.close();
    });

    it('refuses a change whose record breaks the schema, naming where', async () => {
      const store = await (await makeHarness()).open();
      const [first, second] = sampleChanges() as [Change, Change];
      const effect = second.effects[0] as { record: object };
      const forged = { ...second, effects: [{ ...effect, record: { ...effect.record, kind: 'planet' } }] };
      await store.append([first, forged as unknown as Change]);
      await expectFormatError(store.readChanges(), store, 2);
      await expect(openNetwork(store)).rejects.toMatchObject({ code: 'FORMAT' });
      await store.close();
    });

    it('refuses a change that carries a __proto__ or constructor key', async () => {
      for (const key of ['__proto__', 'constructor']) {
        const store = await (await makeHarness()).open();
        const [first] = sampleChanges() as [Change];
        const forged = JSON.parse(
          JSON.stringify(first).replace('"kind"', `"${key}":{"polluted":true},"kind"`),
        );
        await store.append([forged]);
        await expectFormatError(store.readChanges(), store, 1);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        await store.close();
      }
    });

    it('refuses a change whose record replays onto nothing, naming where', async () => {
      const store = await (await makeHarness()).open();
      const changes = sampleChanges();
      await store.append([changes[0] as Change, { ...(changes[2] as Change), seq: 2 }]);
      const error = await openNetwork(store).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'FORMAT', path: store.locate?.(2) ?? [2] });
      await store.close();
    });

    it('gives back the same records for any sequence of writes (property)', async () => {
      const names = fc.constantFrom('津市', 'Tsu', 'São Paulo', '三重県', 'Ὀδυσσεύς', '🌏 Asia');
      const write = fc.oneof(
        fc.record({ op: fc.constant('add' as const), name: names }),
        fc.record({ op: fc.constant('undo' as const) }),
        fc.record({ op: fc.constant('tag' as const), name: names }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(write, { maxLength: 12 }), async (writes) => {
          const harness = await makeHarness();
          const network = await openNetwork(await harness.open());
          let last: string | undefined;
          for (const w of writes) {
            if (w.op === 'add') last = network.addEntity({ kind: 'company', name: { ja: w.name } }).id;
            else if (w.op === 'undo') network.undo();
            else if (last && network.entity(last)) network.updateEntity(last, { tags: [w.name] });
          }
          await network.close();
          const reopened = await openNetwork(await harness.open());
          expect(recordsOf(reopened)).toEqual(recordsOf(network));
          await reopened.close();
        }),
        { numRuns: 15 },
      );
    });
  });
}
