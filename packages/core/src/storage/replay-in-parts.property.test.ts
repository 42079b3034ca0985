import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, Collection, StoredRecord } from '../changes/change.js';
import { isMusubiError, type MusubiError } from '../errors.js';
import { addIndicator, addProgramme, recordFigure } from '../indicators/records.js';
import type { NetworkSnapshot } from '../log/store.js';
import { createNetwork, SNAPSHOT_ORDER } from '../network/network.js';
import { type MemoryLog, MemoryStore } from './memory-store.js';
import {
  openStoredLog,
  readStoredLog,
  replayInParts,
  restoreInParts,
  type StoredNetwork,
} from './open-network.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 60 };

function hourlyClock(): () => Date {
  let hour = 0;
  return () => new Date(Date.UTC(2019, 3, 1, hour++));
}

/** The changes of a small network: entities, links, engagements, updates, removals, an undo. */
function changes(): Change[] {
  const network = createNetwork({ author: 'suzuki', now: hourlyClock() });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県', en: 'Mie Prefecture' } });
  network.addEntity({ id: 'tsu', kind: 'municipality', name: { ja: '津市', en: 'Tsu' } });
  network.addEntity({ id: 'th', kind: 'mission', name: { en: 'Royal Thai Embassy' }, country: 'TH' });
  network.addLink({ id: 'rep', kind: 'represents', source: 'th', target: 'mie' });
  network.addLink({ id: 'sup', kind: 'supports', source: 'mie', target: 'tsu' });
  for (const [id, date] of [
    ['visit-1', '2019-05-10'],
    ['visit-2', '2019-05-10'],
    ['visit-3', '2020-06-11'],
  ] as const) {
    network.recordEngagement({
      id,
      type: 'courtesy-visit',
      title: { en: 'Courtesy visit' },
      date,
      participants: [
        { entity: 'mie', role: 'host' },
        { entity: 'th', role: 'visitor' },
      ],
    });
  }
  network.updateEngagement('visit-1', { title: { en: 'Courtesy visit by the ambassador' } });
  network.removeEngagement('visit-2');
  network.updateEntity('tsu', { since: '1889' });
  network.removeLink('sup');
  network.undo();
  network.addEntity({ id: 'boi', kind: 'government', name: { en: 'Board of Investment' }, country: 'TH' });
  network.removeEntity('boi');
  // a programme, an indicator that counts its engagements, an engagement of it, a figure
  addProgramme(network, {
    id: 'sme',
    name: { en: 'SMEs going international' },
    basicProgramme: { code: '33102', name: { en: 'Business expansion abroad' } },
  });
  addIndicator(network, {
    id: 'visits',
    name: { en: 'Visits' },
    unit: '件',
    basicProgramme: '33102',
    kind: 'activity',
    measure: { aggregate: 'per-year', count: 'engagements', filter: { programmes: ['sme'] } },
  });
  network.recordEngagement({
    id: 'seminar',
    type: 'seminar',
    title: { en: 'Seminar' },
    date: '2020-07-01',
    programme: 'sme',
    participants: [{ entity: 'tsu', role: 'host' }],
  });
  recordFigure(network, { indicator: 'visits', fiscalYear: 2020, value: 1 });
  return network.log();
}

const LOG = changes();

/** A store of the log, with a snapshot after its first `at` changes when `at` is given. */
function storeOf(log: readonly Change[], at?: number): MemoryStore {
  const memory: MemoryLog = { lines: log.map((c) => JSON.stringify(c)) };
  if (at !== undefined) memory.snapshot = JSON.stringify(createNetwork({ log: log.slice(0, at) }).snapshot());
  return new MemoryStore(memory);
}

/** The log's changes split at `cuts` (positions, in any order, repeats making empty parts). */
function split<T>(log: readonly T[], cuts: readonly number[]): T[][] {
  const at = [0, ...[...cuts].map((c) => c % (log.length + 1)).sort((a, b) => a - b), log.length];
  return at.slice(1).map((end, i) => log.slice(at[i], end));
}

/** What a network opened from a store holds and how it goes on. */
function state(network: StoredNetwork) {
  return {
    snapshot: network.snapshot(),
    log: network.log(),
    since: network.changesSinceSnapshot,
    warnings: network.warnings,
  };
}

/** Opens `store` in parts: its reading split at `cuts`, each part replayed in turn. */
async function openInParts(store: MemoryStore, cuts: readonly number[]): Promise<StoredNetwork> {
  const { snapshot, read } = await readStoredLog(store);
  const replay = replayInParts(store, snapshot ? { snapshot } : {}, { author: 'tanaka', now: hourlyClock() });
  for (const part of split(read.changes, cuts)) replay.add(part);
  expect(replay.replayed).toBe(read.changes.length);
  const { changes: _parts, ...rest } = read;
  return replay.finish(rest);
}

async function openWhole(store: MemoryStore): Promise<StoredNetwork> {
  return openStoredLog(store, await readStoredLog(store), { author: 'tanaka', now: hourlyClock() });
}

async function refusal(open: () => Promise<unknown>): Promise<MusubiError> {
  try {
    await open();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('the log was opened');
}

describe('replayInParts: a log replayed part by part as it arrives', () => {
  it('gives the network one replay gives, however the log is split, with or without a snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 100 }), { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: LOG.length }), { nil: undefined }),
        async (cuts, snapshotAt) => {
          const inParts = await openInParts(storeOf(LOG, snapshotAt), cuts);
          const whole = await openWhole(storeOf(LOG, snapshotAt));
          expect(state(inParts)).toEqual(state(whole));
          expect(inParts.changesSinceSnapshot).toBe(LOG.length - (snapshotAt ?? 0));
          // and it goes on as the other does: the next change gets the next seq, saved in the store
          const next = { kind: 'company', name: { ja: '会社' } } as const;
          inParts.addEntity({ id: 'co', ...next });
          whole.addEntity({ id: 'co', ...next });
          expect(inParts.lastChange()?.seq).toBe(LOG.length + 1);
          expect((await inParts.store.readChanges(0)).lastSeq).toBe(LOG.length + 1);
          expect(inParts.snapshot().records).toEqual(whole.snapshot().records);
        },
      ),
      runs,
    );
  });

  it('refuses a change that cannot be replayed, wherever it is and however the log is split: the error names its seq, no network, nothing saved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: LOG.length - 1 }),
        fc.array(fc.nat({ max: 100 }), { maxLength: 8 }),
        async (damagedAt, cuts) => {
          // the change creates the first entity again: it cannot land
          const log = LOG.map((change, i) =>
            i === damagedAt ? { ...change, effects: (LOG[0] as Change).effects } : change,
          );
          const store = storeOf(log);
          const { read } = await readStoredLog(store);
          const replay = replayInParts(store, {});
          let thrown: MusubiError | undefined;
          for (const part of split(read.changes, cuts)) {
            try {
              replay.add(part);
            } catch (error) {
              if (!isMusubiError(error)) throw error;
              // the first error is the replay's; later parts get it again
              if (thrown) expect(error).toBe(thrown);
              thrown = error;
            }
          }
          expect(thrown?.code).toBe('FORMAT');
          expect(thrown?.details.seq).toBe(damagedAt + 1);
          expect(replay.replayed).toBe(damagedAt);
          const { changes: _parts, ...rest } = read;
          expect(await refusal(() => replay.finish(rest))).toBe(thrown);
          // the same refusal as the whole log replayed at once
          const whole = await refusal(() => openWhole(storeOf(log)));
          expect({ message: thrown?.message, path: thrown?.path, details: thrown?.details }).toEqual({
            message: whole.message,
            path: whole.path,
            details: whole.details,
          });
          expect((await store.readChanges(0)).lastSeq).toBe(LOG.length);
        },
      ),
      runs,
    );
  });

  it('sets aside a snapshot that cannot be restored and replays the whole log from the store', async () => {
    const network = createNetwork({ log: LOG.slice(0, 6) });
    const whole = network.snapshot();
    // its links refer to entities it does not hold
    const broken: NetworkSnapshot = { ...whole, records: { link: whole.records.link ?? [] } };
    const store = new MemoryStore({
      lines: LOG.map((c) => JSON.stringify(c)),
      snapshot: JSON.stringify(broken),
    });
    const { snapshot, read } = await readStoredLog(store);
    expect(snapshot?.seq).toBe(6);
    const replay = replayInParts(store, { snapshot: snapshot as NetworkSnapshot });
    replay.add(read.changes);
    const { changes: _parts, ...rest } = read;
    const opened = await replay.finish(rest);
    expect(opened.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
    expect(opened.log()).toHaveLength(LOG.length);
    expect(opened.snapshot()).toEqual(createNetwork({ log: LOG }).snapshot());
  });

  it('restores a snapshot given in any split and any order of its records as it restores it whole (property)', async () => {
    const whole = createNetwork({ log: LOG }).snapshot();
    const items = Object.entries(whole.records).flatMap(([collection, records]) =>
      (records ?? []).map((record) => ({ collection: collection as Collection, record })),
    );
    // in the store's order (references resolve) and in any order (some records wait)
    const stored = SNAPSHOT_ORDER.flatMap((c) => items.filter((item) => item.collection === c));
    const restored = (network: StoredNetwork) => ({
      snapshot: network.snapshot(),
      log: network.log(),
      since: network.changesSinceSnapshot,
      warnings: network.warnings,
    });
    const byId = (snapshot: NetworkSnapshot) =>
      Object.fromEntries(
        Object.entries(snapshot.records)
          .filter(([, records]) => (records ?? []).length > 0)
          .map(([c, records]) => [c, [...(records ?? [])].sort((a, b) => a.id.localeCompare(b.id))]),
      );
    const expected = await replayInParts(storeOf(LOG), { snapshot: whole }).finish({
      idAt: whole.changeId,
      lastSeq: LOG.length,
      warnings: [],
    });
    expect(expected.warnings).toEqual([]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 100 }), { maxLength: 10 }),
        fc.boolean(),
        fc.array(fc.nat(), { minLength: items.length, maxLength: items.length }),
        async (cuts, shuffled, keys) => {
          const order = shuffled
            ? items
                .map((item, i) => ({ item, key: keys[i] ?? 0 }))
                .sort((a, b) => a.key - b.key)
                .map((x) => x.item)
            : stored;
          const restore = restoreInParts(storeOf(LOG));
          // a part holds records of one collection: a run of them split at the cuts
          for (const part of split(order, cuts)) {
            let run: StoredRecord[] = [];
            let of: Collection | undefined;
            for (const { collection, record } of part) {
              if (of !== undefined && collection !== of) {
                restore.add(of, run);
                run = [];
              }
              of = collection;
              run.push(record);
            }
            if (of !== undefined) restore.add(of, run);
          }
          const network = await restore
            .finish({ seq: whole.seq, changeId: whole.changeId })
            .finish({ idAt: whole.changeId, lastSeq: LOG.length, warnings: [] });
          if (shuffled) expect(byId(network.snapshot())).toEqual(byId(expected.snapshot()));
          else expect(restored(network)).toEqual(restored(expected));
          expect(network.log()).toEqual([]);
          expect(network.warnings).toEqual([]);
        },
      ),
      runs,
    );
  });

  it('sets aside a snapshot restored in parts that cannot be restored: nothing of it stays, the whole log is replayed', async () => {
    const whole = createNetwork({ log: LOG.slice(0, 6) }).snapshot();
    const store = storeOf(LOG);
    const restore = restoreInParts(store);
    // the links come, the entities they refer to never do
    restore.add('link', whole.records.link ?? []);
    const replay = restore.finish({ seq: whole.seq, changeId: whole.changeId });
    replay.add(LOG.slice(6));
    const opened = await replay.finish({ idAt: whole.changeId, lastSeq: LOG.length, warnings: [] });
    expect(opened.warnings.map((w) => w.code)).toEqual(['snapshot-ignored']);
    expect(opened.snapshot()).toEqual(createNetwork({ log: LOG }).snapshot());
    expect(opened.log()).toHaveLength(LOG.length);
    expect(() => restore.add('entity', [])).toThrow(/restored already/);
  });

  it('refuses parts after the end', async () => {
    const store = storeOf(LOG);
    const replay = replayInParts(store, {});
    replay.add(LOG);
    await replay.finish({ idAt: null, lastSeq: LOG.length, warnings: [] });
    expect(() => replay.add([])).toThrow(/finished/);
    await expect(replay.finish({ idAt: null, lastSeq: LOG.length, warnings: [] })).rejects.toThrow(
      /finished/,
    );
  });
});
