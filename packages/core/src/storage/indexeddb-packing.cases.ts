/**
 * The packing of IndexedDbStore (loose changes into blocks), run against fake-indexeddb
 * (indexeddb-store.test.ts) and Chromium's IndexedDB (indexeddb-store.browser.test.ts). Not part
 * of the public API.
 */
import fc from 'fast-check';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Change } from '../changes/change.js';
import { LOG_FORMAT, LOG_FORMAT_VERSION } from '../log/store.js';
import { createNetwork } from '../network/network.js';
import { IndexedDbStore } from './indexeddb-store.js';
import { openNetwork, readStoredLog } from './open-network.js';

const clock = () => {
  let t = Date.parse('2026-04-01T00:00:00Z');
  return () => {
    t += 1000;
    return new Date(t);
  };
};

/** `count` valid changes: companies added one by one, a few renamed. */
export function companies(count: number): Change[] {
  const network = createNetwork({ author: 'suzuki', now: clock() });
  for (let i = 0; i < count; i++) {
    if (i % 7 === 6) network.updateEntity(`c${i - 1}`, { name: { ja: `会社 ${i}`, en: `Company ${i}` } });
    else network.addEntity({ id: `c${i}`, kind: 'company', name: { en: `Company ${i}` } });
  }
  return network.log();
}

/** A network of `count` companies, each linked to the one before. */
export function linked(count: number) {
  const network = createNetwork({ log: companies(count), now: () => new Date('2026-05-01T00:00:00Z') });
  const ids = network.entities().map((e) => e.id);
  for (let i = 1; i < ids.length; i++)
    network.addLink({ kind: 'supports', source: ids[i - 1] as string, target: ids[i] as string });
  return network;
}

/** Writes `changes` into a new database `name` as a Musubi of database version 1 did: one entry each. */
export async function writeVersion1(name: string, changes: readonly Change[]): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(database, _old, _new, transaction) {
      database.createObjectStore('meta');
      database.createObjectStore('changes', { keyPath: 'seq' });
      database.createObjectStore('snapshots', { keyPath: 'seq' });
      void transaction
        .objectStore('meta')
        .put(
          { format: LOG_FORMAT, formatVersion: LOG_FORMAT_VERSION, createdAt: '2026-04-01T00:00:00Z' },
          'header',
        );
    },
  });
  const transaction = db.transaction('changes', 'readwrite');
  for (const change of changes) void transaction.store.add({ seq: change.seq, text: JSON.stringify(change) });
  await transaction.done;
  db.close();
}

/** Rewrites the block holding `seq` in database `name` with `damage` applied to its text. */
async function damageBlock(name: string, seq: number, damage: (text: string) => string): Promise<void> {
  const db = await openDB(name, 4);
  const block = await db.transaction('blocks').store.get(IDBKeyRange.lowerBound(seq));
  expect(block.first).toBeLessThanOrEqual(seq);
  await db.put('blocks', { ...block, text: damage(block.text) });
  db.close();
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

export function describePacking(name: string, freshName: () => string): void {
  describe(`IndexedDbStore packing (${name})`, () => {
    it('opens a database of version 1 (one entry per change) and packs it on the first reading', async () => {
      const db = freshName();
      const changes = companies(23);
      await writeVersion1(db, changes);
      const store = await IndexedDbStore.open(db, { packing: { blockSize: 10, after: 5 } });
      expect(await store.layout()).toEqual({ loose: 23, blocks: 0 });
      expect(plain((await store.readChanges()).changes)).toEqual(plain(changes));
      expect(await store.layout()).toEqual({ loose: 0, blocks: 3 });
      expect(plain((await store.readChanges()).changes)).toEqual(plain(changes));
      expect((await store.readChanges(14)).changes.map((c) => c.seq)).toEqual(
        changes.slice(14).map((c) => c.seq),
      );
      expect((await store.readChanges(14)).idAt).toBe(changes[13]?.id);
      expect(await store.lastSeq()).toBe(23);
      await store.close();
      // an older Musubi asks for version 1: refused by IndexedDB itself, never read without its blocks
      await expect(openDB(db, 1)).rejects.toMatchObject({ name: 'VersionError' });
    });

    it('leaves a short loose tail loose, and packs it once it reaches the threshold', async () => {
      const db = freshName();
      const changes = companies(12);
      const store = await IndexedDbStore.open(db, { packing: { blockSize: 4, after: 3 } });
      await store.append(changes.slice(0, 2));
      await store.readChanges();
      expect(await store.layout()).toEqual({ loose: 2, blocks: 0 });
      await store.append(changes.slice(2, 9));
      await store.readChanges();
      expect(await store.layout()).toEqual({ loose: 0, blocks: 3 });
      await store.append(changes.slice(9));
      const read = await store.readChanges();
      expect(read.changes.map((c) => c.seq)).toEqual(changes.map((c) => c.seq));
      expect(await store.layout()).toEqual({ loose: 0, blocks: 4 });
      await store.close();
    });

    it('refuses an append of a seq a block already holds (a second tab that opened before the packing)', async () => {
      const db = freshName();
      const changes = companies(6);
      const first = await IndexedDbStore.open(db, { packing: { blockSize: 4, after: 1 } });
      const second = await IndexedDbStore.open(db);
      await first.append(changes.slice(0, 5));
      await first.readChanges();
      expect(await first.layout()).toEqual({ loose: 0, blocks: 2 });
      await expect(second.append([changes[4] as Change])).rejects.toMatchObject({
        code: 'STORAGE',
        details: { seq: 5 },
      });
      await second.append([changes[5] as Change]);
      expect((await second.readChanges()).changes.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      await first.close();
      await second.close();
    });

    it('gives two stores packing the same loose changes at once the log once, without gap or duplicate', async () => {
      const db = freshName();
      const changes = companies(30);
      await writeVersion1(db, changes);
      const packing = { blockSize: 7, after: 1 };
      const [a, b] = await Promise.all([
        IndexedDbStore.open(db, { packing }),
        IndexedDbStore.open(db, { packing }),
      ]);
      const [readA, readB] = await Promise.all([a.readChanges(), b.readChanges()]);
      expect(readA.changes.map((c) => c.seq)).toEqual(changes.map((c) => c.seq));
      expect(readB.changes.map((c) => c.seq)).toEqual(changes.map((c) => c.seq));
      expect(await a.layout()).toEqual({ loose: 0, blocks: 5 });
      expect(plain((await b.readChanges()).changes)).toEqual(plain(changes));
      await a.close();
      await b.close();
    });

    it('hands the changes on as texts that parse to what readChanges gives, a block as its stored text', async () => {
      const db = freshName();
      const changes = companies(17);
      const store = await IndexedDbStore.open(db, { packing: { blockSize: 5, after: 1 } });
      await store.append(changes.slice(0, 12));
      await store.readChanges(); // 1–12 packed: 1–5, 6–10, 11–12
      await store.append(changes.slice(12));
      const raw = await openDB(db, 4);
      const stored = (await raw.getAll('blocks')).map((b) => b.text as string);
      raw.close();
      const texts: string[] = [];
      await store.readChangeTexts(0, (part) => texts.push(part.text));
      expect(texts.slice(0, 3)).toEqual(stored);
      for (const after of [0, 3, 5, 6, 12, 16, 17]) {
        const parts: { first: number; last: number; items: unknown[]; idAt: string | null }[] = [];
        const read = await store.readChangeTexts(after, (part, idAt) =>
          parts.push({ first: part.first, last: part.last, items: JSON.parse(part.text), idAt }),
        );
        expect(read.changes).toEqual([]);
        expect(read.lastSeq).toBe(17);
        expect(read.idAt).toBe(after > 0 ? changes[after - 1]?.id : null);
        expect(parts.flatMap((p) => p.items)).toEqual(plain(changes.slice(after)));
        for (const part of parts) {
          expect(part.items.map((c) => (c as Change).seq)).toEqual(
            Array.from({ length: part.last - part.first + 1 }, (_, i) => part.first + i),
          );
          expect(part.idAt).toBe(read.idAt);
        }
      }
      await store.close();
    });

    it('lets readStoredLog hand the changes on as texts, past a matching snapshot, all of them past one that does not match', async () => {
      const db = freshName();
      const changes = companies(16);
      const store = await IndexedDbStore.open(db, { packing: { blockSize: 4, after: 1 } });
      await store.append(changes.slice(0, 13));
      const stream = async () => {
        const texts: unknown[] = [];
        const log = await readStoredLog(store, { onChangesText: (text) => texts.push(...JSON.parse(text)) });
        return { log, texts };
      };
      const first = await stream(); // and packs
      expect(first.texts).toEqual(plain(changes.slice(0, 13)));
      expect(first.log.read.changes).toEqual([]);
      const network = await openNetwork(await IndexedDbStore.open(db));
      await network.saveSnapshot();
      await network.close();
      await store.append(changes.slice(13));
      const matching = await stream(); // and packs 14–16
      expect(matching.log.snapshot?.seq).toBe(13);
      expect(matching.texts).toEqual(plain(changes.slice(13)));
      expect(await store.layout()).toEqual({ loose: 0, blocks: 5 });
      await store.writeSnapshot({ seq: 15, changeId: 'chg_not_in_this_log', records: {} });
      const stale = await stream();
      expect(stale.log.snapshot).toBeUndefined();
      expect(stale.log.read.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(stale.texts).toEqual(plain(changes));
      await store.close();
    });

    const damages: [string, (text: string, seq: number) => string, RegExp][] = [
      [
        'a change that is no longer JSON',
        (text, seq) => text.replace(`"seq":${seq},`, `"seq":${seq},,`),
        /change 9 is not valid JSON/,
      ],
      [
        'a change that carries a __proto__ key',
        (text, seq) => text.replace(`"seq":${seq},`, `"seq":${seq},"__proto__":{"polluted":true},`),
        /forbidden key/,
      ],
      [
        'a record that breaks the schema',
        (text, seq) => text.replace(new RegExp(`("seq":${seq},.*?)"kind":"company"`), '$1"kind":"planet"'),
        /invalid entity/,
      ],
      [
        'a change removed from the block',
        (text, seq) =>
          text
            .split('\n')
            .filter((_, i) => i !== seq - 6)
            .join('\n'),
        /damaged|expected 9/,
      ],
    ];
    for (const [what, damage, message] of damages) {
      it(`refuses ${what} inside a block with a FORMAT error at its seq`, async () => {
        const db = freshName();
        const changes = companies(15);
        const store = await IndexedDbStore.open(db, { packing: { blockSize: 5, after: 1 } });
        await store.append(changes);
        await store.readChanges();
        expect(await store.layout()).toEqual({ loose: 0, blocks: 3 });
        await store.close();
        await damageBlock(db, 9, (text) => damage(text, 9));
        const again = await IndexedDbStore.open(db);
        const error = await readStoredLog(again).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'FORMAT', path: [9] });
        expect((error as Error).message).toMatch(message);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        // the failed reading packed nothing and dropped nothing
        expect(await again.layout()).toEqual({ loose: 0, blocks: 3 });
        await again.close();
      });
    }

    it('keeps a snapshot in parts of whole records of one collection, entities before links, reads it whole, and drops the parts of older ones', async () => {
      const db = freshName();
      const network = linked(40);
      const changes = network.log();
      // parts of 1,000 characters: this snapshot's records are several of them
      const store = await IndexedDbStore.open(db, { snapshotPart: 1_000 });
      await store.append(changes);
      const early = createNetwork({ log: changes.slice(0, 20) }).snapshot();
      await store.writeSnapshot(early);
      await store.writeSnapshot(network.snapshot());
      expect(plain(await store.readSnapshot())).toEqual(plain(network.snapshot()));
      // written again at the same seq: the same parts, none left over
      await store.writeSnapshot(network.snapshot());
      const texts: { collection: string; text: string }[] = [];
      const head = await store.readSnapshotTexts((part) => texts.push(part));
      expect(head).toEqual({ seq: changes.length, changeId: changes.at(-1)?.id });
      await store.close();
      const raw = await openDB(db, 4);
      const parts = (await raw.getAll('snapshotParts')) as {
        seq: number;
        part: number;
        collection: string;
        count: number;
        text: string;
      }[];
      const entries = (await raw.getAll('snapshots')) as { seq: number; parts: number }[];
      expect(entries.map((e) => e.seq)).toEqual([changes.length]);
      expect(entries[0]?.parts).toBe(parts.length);
      expect(parts.every((p) => p.seq === changes.length)).toBe(true);
      expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
      // each part is whole records of one collection, the entities first; handed on as stored
      expect(parts.length).toBeGreaterThan(3);
      const kinds = parts.map((p) => p.collection);
      expect(kinds).toEqual([...kinds].sort());
      expect(new Set(kinds)).toEqual(new Set(['entity', 'link']));
      for (const part of parts) expect(JSON.parse(part.text)).toHaveLength(part.count);
      expect(texts).toEqual(parts.map((p) => ({ collection: p.collection, text: p.text })));
      // a part lost: the snapshot is refused as FORMAT (an opening then replays the whole log)
      await raw.delete('snapshotParts', [changes.length, 1]);
      raw.close();
      const again = await IndexedDbStore.open(db, { snapshotPart: 1_000 });
      await expect(again.readSnapshot()).rejects.toMatchObject({ code: 'FORMAT' });
      const handed: unknown[] = [];
      await expect(again.readSnapshotTexts((part) => handed.push(part))).rejects.toMatchObject({
        code: 'FORMAT',
        path: ['snapshot', changes.length, 1],
      });
      expect(handed).toHaveLength(1); // the part before the fault
      const opened = await openNetwork(again);
      expect(opened.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(opened.snapshot().records).toEqual(network.snapshot().records);
      await opened.close();
    });

    it('hands a snapshot on part by part to readStoredLog: its head once it matches, dropped when damaged or not matching', async () => {
      const db = freshName();
      const network = linked(30);
      const changes = network.log();
      const store = await IndexedDbStore.open(db, { snapshotPart: 800, packing: { blockSize: 8, after: 1 } });
      await store.append(changes.slice(0, 25));
      await store.writeSnapshot(createNetwork({ log: changes.slice(0, 25) }).snapshot());
      await store.append(changes.slice(25));
      const stream = async (into: IndexedDbStore) => {
        const told: string[] = [];
        const records: Record<string, unknown[]> = {};
        const texts: unknown[] = [];
        const log = await readStoredLog(into, {
          onChangesText: (text) => {
            told.push('changes');
            texts.push(...JSON.parse(text));
          },
          snapshotTexts: {
            part: ({ collection, text }) => {
              told.push('part');
              records[collection] = [...(records[collection] ?? []), ...JSON.parse(text)];
            },
            head: ({ seq }) => told.push(`head ${seq}`),
            dropped: () => told.push('dropped'),
          },
        });
        return { log, told: [...new Set(told)], records, texts };
      };
      const matching = await stream(store);
      expect(matching.told).toEqual(['part', 'head 25', 'changes']);
      const kept = createNetwork({ log: changes.slice(0, 25) }).snapshot().records;
      expect(matching.records).toEqual(
        plain(Object.fromEntries(Object.entries(kept).filter(([, records]) => (records ?? []).length > 0))),
      );
      expect(matching.texts).toEqual(plain(changes.slice(25)));
      expect(matching.log.snapshot).toBeUndefined();
      expect(matching.log.read.warnings).toEqual([]);
      // a snapshot that does not match the log: its parts are dropped, the whole log follows
      await store.writeSnapshot({
        ...createNetwork({ log: changes.slice(0, 27) }).snapshot(),
        changeId: 'chg_not_in_this_log',
      });
      const stale = await stream(store);
      expect(stale.told).toEqual(['part', 'dropped', 'changes']);
      expect(stale.log.read.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(stale.texts).toEqual(plain(changes));
      // a damaged part (a record that breaks the schema): dropped after the parts before it
      await store.writeSnapshot(createNetwork({ log: changes.slice(0, 28) }).snapshot());
      await store.close();
      const raw = await openDB(db, 4);
      const part = await raw.get('snapshotParts', [28, 1]);
      await raw.put('snapshotParts', { ...part, text: part.text.replace('"kind":"', '"kind":"no-such-') });
      raw.close();
      const again = await IndexedDbStore.open(db);
      const damaged = await stream(again);
      expect(damaged.told).toEqual(['part', 'dropped', 'changes']);
      expect(damaged.log.read.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
      expect(damaged.texts).toEqual(plain(changes));
      await again.close();
    });

    it('opens a database of version 3 (a snapshot as one text cut at any character) without its snapshot, and keeps the next one in parts', async () => {
      const db = freshName();
      const network = linked(20);
      const changes = network.log();
      await writeVersion1(db, changes);
      // upgraded to version 3 as the Musubi before the record parts did, with a snapshot cut in two
      const text = JSON.stringify(network.snapshot());
      const v3 = await openDB(db, 3, {
        upgrade(database) {
          database.createObjectStore('blocks', { keyPath: 'last' });
          database.createObjectStore('snapshotParts', { keyPath: ['seq', 'part'] });
        },
      });
      await v3.put('snapshots', { seq: changes.length, text: text.slice(0, 333), parts: 2 });
      await v3.put('snapshotParts', { seq: changes.length, part: 1, text: text.slice(333) });
      v3.close();
      const store = await IndexedDbStore.open(db);
      expect(await store.readSnapshot()).toBeUndefined();
      const opened = await openNetwork(store);
      expect(opened.warnings).toEqual([]);
      expect(opened.log()).toHaveLength(changes.length); // the whole log replayed
      expect(opened.snapshot().records).toEqual(network.snapshot().records);
      await opened.saveSnapshot();
      await opened.close();
      const again = await openNetwork(await IndexedDbStore.open(db));
      expect(again.log()).toEqual([]); // from the new snapshot
      expect(again.snapshot().records).toEqual(network.snapshot().records);
      await again.close();
    });

    it('gives the same log for any sequence of appends, packs and reads (property)', async () => {
      const all = companies(40);
      const step = fc.oneof(
        fc.record({ op: fc.constant('append' as const), count: fc.integer({ min: 1, max: 6 }) }),
        fc.record({ op: fc.constant('read' as const), after: fc.nat({ max: 45 }) }),
        fc.record({ op: fc.constant('texts' as const), after: fc.nat({ max: 45 }) }),
        fc.record({ op: fc.constant('reopen' as const) }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { maxLength: 14 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 8 }),
          async (steps, blockSize, after) => {
            const db = freshName();
            const packing = { blockSize, after };
            let store = await IndexedDbStore.open(db, { packing });
            let written = 0;
            // the changes after `after`, whatever the layout
            const expectLog = (changes: unknown[], after: number) =>
              expect(changes).toEqual(plain(all.slice(Math.min(after, written), written)));
            for (const s of steps) {
              if (s.op === 'append') {
                const next = all.slice(written, written + s.count);
                await store.append(next);
                written += next.length;
              } else if (s.op === 'read') {
                const read = await store.readChanges(s.after);
                expectLog(plain(read.changes), s.after);
                expect(read.lastSeq).toBe(written);
              } else if (s.op === 'texts') {
                const items: unknown[] = [];
                const read = await store.readChangeTexts(s.after, (part) =>
                  items.push(...JSON.parse(part.text)),
                );
                expectLog(items, s.after);
                expect(read.lastSeq).toBe(written);
              } else {
                await store.close();
                store = await IndexedDbStore.open(db, { packing });
              }
            }
            expect(plain((await store.readChanges()).changes)).toEqual(plain(all.slice(0, written)));
            const network = await openNetwork(store);
            expect(network.log().length).toBe(written);
            await network.close();
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}
