import { createNetwork, openNetwork } from '@musubi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../../core/src/storage/store.contract.js';
import type { Database } from '../database/database.js';
import { engines } from '../testing/databases.js';
import { PostgresStore } from './postgres-store.js';

for (const engine of engines) {
  // one database per engine for this file; each harness keeps its log under a network of its own
  let db: Promise<Database> | undefined;
  const database = () => {
    db ??= engine.open();
    return db;
  };
  let counter = 0;
  // PGlite compiles its WebAssembly when it starts: on a busy machine that can take minutes
  beforeAll(() => database(), 600_000);
  afterAll(async () => {
    if (db) await (await db).close();
  });

  describeStoreContract(`PostgresStore on ${engine.name}`, async () => {
    const network = `contract-${++counter}`;
    const opened = await database();
    return { open: async () => new PostgresStore(opened, { network }) };
  });

  describe(`PostgresStore on ${engine.name}`, () => {
    it('keeps the logs of two networks apart in one database', async () => {
      const opened = await database();
      const a = await openNetwork(new PostgresStore(opened, { network: 'apart-a' }));
      const b = await openNetwork(new PostgresStore(opened, { network: 'apart-b' }));
      a.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      b.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
      await a.close();
      await b.close();
      const again = await openNetwork(new PostgresStore(opened, { network: 'apart-a' }));
      expect(again.entities().map((e) => e.id)).toEqual(['mie']);
      await again.close();
    });

    it('refuses to store a change whose seq or id is already in the log, and stores nothing of that batch', async () => {
      const store = new PostgresStore(await database(), { network: 'twice' });
      const source = createNetwork();
      source.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      source.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市' } });
      const [first, second] = source.log();
      await store.append([first as never]);
      await expect(store.append([second as never, first as never])).rejects.toMatchObject({
        code: 'STORAGE',
      });
      expect((await store.readChanges()).lastSeq).toBe(1);
      expect(await store.lastSeq()).toBe(1);
    });

    it('keeps SQL-looking text and every character as written', async () => {
      const store = new PostgresStore(await database(), { network: 'hostile' });
      const network = await openNetwork(store);
      const name = "'); DROP TABLE changes; -- 三重 🌏 %s $1 \\x00";
      network.addEntity({ id: 'x', kind: 'company', name: { en: name } });
      await network.close();
      const again = await openNetwork(new PostgresStore(await database(), { network: 'hostile' }));
      expect(again.entity('x')?.name.en).toBe(name);
    });

    it('reads from a seq beyond the log as an empty tail with the real last seq', async () => {
      const store = new PostgresStore(await database(), { network: 'beyond' });
      const network = await openNetwork(store);
      network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
      await network.whenSaved();
      expect(await store.readChanges(5)).toMatchObject({ changes: [], lastSeq: 1, idAt: null });
      expect((await store.readChanges(1)).idAt).toBe(network.log()[0]?.id);
    });
  });
}
