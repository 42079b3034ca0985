import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { Change } from '../changes/change.js';
import { replaceCollectionForTests } from '../changes/references.js';
import { isMusubiError, type MusubiError } from '../errors.js';
import { IdSchema } from '../model/ids.js';
import { createNetwork, type Network } from './network.js';

function refusal(f: () => unknown): MusubiError {
  try {
    f();
  } catch (error) {
    if (isMusubiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

/** A clock that moves one hour per change from 2019-04-01. */
function hourlyClock(): () => Date {
  let hour = 0;
  return () => new Date(Date.UTC(2019, 3, 1, hour++));
}

function snapshot(network: Network) {
  return { entities: network.entities(), links: network.links(), engagements: network.engagements() };
}

function small(): Network {
  const network = createNetwork({ author: 'suzuki', now: hourlyClock() });
  network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
  network.addEntity({ id: 'sp', kind: 'region', name: { en: 'São Paulo State' }, country: 'BR' });
  return network;
}

describe('undo and redo', () => {
  it('finds the change to undo or redo however far back it is, also in a replayed log', () => {
    const network = small();
    for (let i = 0; i < 300; i++) network.addEntity({ id: `c${i}`, kind: 'company', name: { en: `c${i}` } });
    const replayed = createNetwork({ log: network.log() });
    const created = (n: number) => replayed.log()[2 + n] as Change;
    // each undo appends a change: the 200th undo's target lies 400 changes back from the end
    // (an old change is made again from the compact log when read: equal, not the same object)
    for (let i = 299; i >= 100; i--) {
      expect(replayed.nextUndo()).toEqual(created(i));
      replayed.undo();
    }
    expect(replayed.nextRedo()).toEqual(created(100));
    expect(replayed.entity('c99')).toBeDefined();
    expect(replayed.entity('c100')).toBeUndefined();
    // a change already in the log is not landed again, however old
    const length = replayed.log().length;
    expect(replayed.accept(created(5) as never, { author: 'suzuki' })).toEqual(created(5));
    expect(replayed.log()).toHaveLength(length);
  });

  it('undo appends the inverse change and restores the previous state', () => {
    const network = small();
    const before = snapshot(network);
    const added = network.addLink({ id: 's', kind: 'sister', source: 'mie', target: 'sp' });
    const undo = network.undo();
    expect(snapshot(network)).toEqual(before);
    expect(undo).toMatchObject({ operation: 'undo', undoes: network.log()[2]?.id, seq: 4 });
    expect(undo?.effects).toEqual([{ type: 'delete', collection: 'link', record: added }]);
    expect(network.log()).toHaveLength(4);
  });

  it('redo does the undone change again', () => {
    const network = small();
    const change = network.log()[1] as Change;
    network.undo();
    expect(network.entity('sp')).toBeUndefined();
    expect(network.canRedo()).toBe(true);
    expect(network.nextRedo()).toBe(change);
    const redo = network.redo();
    expect(redo).toMatchObject({ operation: 'redo', redoes: change.id });
    expect(network.entity('sp')).toBeDefined();
    expect(network.canRedo()).toBe(false);
  });

  it('undoes several changes newest first, and returns undefined when nothing is left', () => {
    const network = small();
    network.undo();
    network.undo();
    expect(network.entities()).toEqual([]);
    expect(network.canUndo()).toBe(false);
    expect(network.undo()).toBeUndefined();
    network.redo();
    expect(network.entities().map((e) => e.id)).toEqual(['mie']);
    expect(network.nextUndo()?.operation).toBe('addEntity');
  });

  it('a new change clears what could be redone', () => {
    const network = small();
    network.undo();
    network.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand BOI' } });
    expect(network.canRedo()).toBe(false);
    expect(network.redo()).toBeUndefined();
    expect(network.entity('sp')).toBeUndefined();
  });

  it('is refused inside a transaction, and the transaction then lands nothing', () => {
    const network = small();
    const length = network.log().length;
    const error = refusal(() =>
      network.transaction(() => {
        network.addEntity({ id: 'x', kind: 'company', name: { en: 'X' } });
        network.undo();
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(refusal(() => network.transaction(() => network.redo())).code).toBe('CONFLICT');
    expect(network.entity('x')).toBeUndefined();
    expect(network.log()).toHaveLength(length);
  });
});

describe('transaction', () => {
  it('makes several writes one change with a label, undone together', () => {
    const network = small();
    const result = network.transaction(
      (n) => {
        const person = n.addEntity({ id: 'amb', kind: 'person', name: { en: 'Ambassador' } });
        n.addLink({
          kind: 'role',
          source: person.id,
          target: 'sp',
          events: [{ type: 'signed', date: '2022-04' }],
        });
        return person.id;
      },
      { label: '新大使 / New ambassador' },
    );
    expect(result).toBe('amb');
    const change = network.log().at(-1);
    expect(change).toMatchObject({ operation: 'transaction', label: '新大使 / New ambassador' });
    expect(change?.effects.map((e) => `${e.type} ${e.collection}`)).toEqual(['create entity', 'create link']);
    network.undo();
    expect(network.entity('amb')).toBeUndefined();
    expect(network.links()).toEqual([]);
  });

  it('lands nothing when any write fails, and rethrows the error', () => {
    const network = small();
    const before = snapshot(network);
    const log = network.log();
    const error = refusal(() =>
      network.transaction(() => {
        network.addEntity({ id: 'x', kind: 'company', name: { en: 'X' } });
        network.updateEntity('mie', { notes: 'changed' });
        network.addLink({ kind: 'partner', source: 'x', target: 'ghost' });
      }),
    );
    expect(error.code).toBe('REFERENCE');
    expect(snapshot(network)).toEqual(before);
    expect(network.log()).toEqual(log);
  });

  it('lands nothing when the function throws an error of its own', () => {
    const network = small();
    expect(() =>
      network.transaction(() => {
        network.addEntity({ id: 'x', kind: 'company', name: { en: 'X' } });
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(network.entity('x')).toBeUndefined();
  });

  it('refuses an async function, whose later writes would escape it, and lands nothing', () => {
    const network = small();
    const error = refusal(() =>
      network.transaction(async () => {
        network.addEntity({ id: 'x', kind: 'company', name: { en: 'X' } });
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(network.entity('x')).toBeUndefined();
    expect(network.log()).toHaveLength(2);
  });

  it('records nothing when it makes no change, and nests into the outer transaction', () => {
    const network = small();
    network.transaction(() => undefined);
    expect(network.log()).toHaveLength(2);
    network.transaction(() => {
      network.transaction(() => network.addEntity({ id: 'a', kind: 'company', name: { en: 'A' } }));
      network.addEntity({ id: 'b', kind: 'company', name: { en: 'B' } });
    });
    expect(network.log()).toHaveLength(3);
  });
});

describe('subscribe', () => {
  it('tells listeners about every change, including undo and redo, until they stop listening', () => {
    const network = small();
    const seen: string[] = [];
    const stop = network.subscribe((change) => seen.push(change.operation));
    network.updateEntity('mie', { notes: 'x' });
    network.undo();
    network.redo();
    expect(() => network.addEntity({ kind: 'planet' } as never)).toThrow();
    stop();
    network.addEntity({ kind: 'company', name: { en: 'Later' } });
    expect(seen).toEqual(['updateEntity', 'undo', 'redo']);
  });

  it('keeps the change when a listener throws', () => {
    const network = small();
    network.subscribe(() => {
      throw new Error('listener bug');
    });
    network.addEntity({ id: 'c', kind: 'company', name: { en: 'C' } });
    expect(network.entity('c')).toBeDefined();
  });
});

describe('the log', () => {
  it('numbers changes, records time and author, and returns a copy', () => {
    const network = small();
    const log = network.log();
    expect(log.map((c) => c.seq)).toEqual([1, 2]);
    expect(log.map((c) => c.recordedAt)).toEqual(['2019-04-01T00:00:00.000Z', '2019-04-01T01:00:00.000Z']);
    expect(network.author).toBe('suzuki');
    log.pop();
    expect(network.log()).toHaveLength(2);
  });

  it('keeps every change and effect frozen, also those of a replayed log', () => {
    const network = small();
    const [change] = network.log();
    expect(Object.isFrozen(change)).toBe(true);
    expect(Object.isFrozen(change?.effects)).toBe(true);
    expect(Object.isFrozen(change?.effects[0])).toBe(true);
    const copy = createNetwork({ log: JSON.parse(JSON.stringify(network.log())) });
    expect(Object.isFrozen(copy.log()[1]?.effects[0])).toBe(true);
  });

  it('records nothing for an update that changes nothing', () => {
    const network = small();
    const stored = network.entity('sp');
    const returned = network.updateEntity('sp', { country: 'BR' });
    expect(returned).toBe(stored);
    expect(network.updateEntity('sp', {})).toBe(stored);
    expect(network.log()).toHaveLength(2);
    expect(network.nextUndo()?.operation).toBe('addEntity');
  });

  it('replays into the same network, with the same undo and redo stacks', () => {
    const network = small();
    network.undo();
    const copy = createNetwork({ log: network.log() });
    expect(snapshot(copy)).toEqual(snapshot(network));
    expect(copy.nextRedo()?.id).toBe(network.nextRedo()?.id);
    copy.redo();
    expect(copy.entity('sp')).toBeDefined();
  });

  it('refuses a log that cannot be replayed with FORMAT, naming the change', () => {
    const network = small();
    const [first] = network.log();
    const error = refusal(() => createNetwork({ log: [first as Change, first as Change] }));
    expect(error.code).toBe('FORMAT');
    expect(error.path).toEqual([1]);
  });

  it('refuses a damaged log with FORMAT, naming the change, and never half-reads it', () => {
    const network = small();
    const [first, second] = network.log() as [Change, Change];
    const damaged = [first, { ...second, effects: [{ type: 'frob' }] }];
    const error = refusal(() => createNetwork({ log: damaged as never }));
    expect(error.code).toBe('FORMAT');
    expect(error.path).toEqual([1]);
    expect(refusal(() => createNetwork({ log: [null] as never })).code).toBe('FORMAT');
    expect(refusal(() => createNetwork({ log: 'not a log' as never })).code).toBe('FORMAT');
  });

  it('hands each change to the sink, and rolls back when the sink fails', () => {
    const stored: Change[] = [];
    let failing = false;
    const network = createNetwork({
      sink: (change) => {
        if (failing) throw new Error('disk full');
        stored.push(change);
      },
    });
    network.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' } });
    expect(stored).toHaveLength(1);
    failing = true;
    expect(refusal(() => network.addEntity({ id: 'x', kind: 'company', name: { en: 'X' } })).code).toBe(
      'STORAGE',
    );
    expect(network.entity('x')).toBeUndefined();
    expect(network.log()).toHaveLength(1);
    network.connect(undefined);
    network.addEntity({ id: 'x', kind: 'company', name: { en: 'X' } });
    expect(network.log()).toHaveLength(2);
  });
});

describe('asRecordedAt', () => {
  it('shows what the records said at a moment of record time', () => {
    const network = small();
    network.updateEntity('sp', { notes: 'sister since 1973' });
    expect(
      network
        .asRecordedAt('2019-04-01T00:30:00.000Z')
        .entities()
        .map((e) => e.id),
    ).toEqual(['mie']);
    expect(network.asRecordedAt(new Date(Date.UTC(2019, 3, 1, 1))).entity('sp')?.notes).toBeUndefined();
    expect(network.asRecordedAt('2019-04-01T02:00:00.000Z').entity('sp')?.notes).toBe('sister since 1973');
    expect(network.asRecordedAt('2019-04-01').counts().entities).toBe(2);
    expect(network.asRecordedAt('2019-03-31').counts().entities).toBe(0);
    expect(refusal(() => network.asRecordedAt(new Date(Number.NaN))).code).toBe('VALIDATION');
    expect(refusal(() => network.asRecordedAt('yesterday')).code).toBe('VALIDATION');
    // 09:30 in Japan is 00:30 UTC: only the first change had been recorded
    expect(network.asRecordedAt('2019-04-01T09:30:00+09:00').counts().entities).toBe(1);
    expect(network.asRecordedAt('2019-04').counts().entities).toBe(2);
  });
});

describe('collections beside the graph', () => {
  replaceCollectionForTests('figure', {
    schema: z.strictObject({ id: IdSchema, entity: IdSchema, value: z.number() }),
    idPrefix: 'fig',
    what: 'figure',
    references: (record) => [
      { collection: 'entity', id: (record as unknown as { entity: string }).entity, path: ['entity'] },
    ],
  });

  it('puts, replaces and removes records validated by the registered schema; asOf leaves out those about absent entities', () => {
    const network = small();
    const figure = network.putRecord<{ id: string; value: number }>('figure', { entity: 'mie', value: 3 });
    expect(figure.id).toMatch(/^fig_/);
    network.putRecord('figure', { id: figure.id, entity: 'mie', value: 4 });
    expect(network.record<{ id: string; value: number }>('figure', figure.id)?.value).toBe(4);
    expect(network.records('figure')).toHaveLength(1);
    expect(refusal(() => network.putRecord('figure', { entity: 'mie', value: 'x' })).path).toEqual(['value']);
    expect(refusal(() => network.putRecord('figure', { entity: 'ghost', value: 1 })).code).toBe('REFERENCE');
    expect(refusal(() => network.removeEntity('mie')).code).toBe('REFERENCE');
    network.updateEntity('sp', { since: '2020' });
    network.putRecord('figure', { id: 'sp-figure', entity: 'sp', value: 1 });
    expect(
      network
        .asOf('2019')
        .records('figure')
        .map((r) => r.id),
    ).toEqual([figure.id]);
    expect(network.asOf('2020').records('figure')).toHaveLength(2);
    network.removeRecord('figure', 'sp-figure');
    network.removeRecord('figure', figure.id);
    expect(network.records('figure')).toEqual([]);
    expect(refusal(() => network.removeRecord('figure', figure.id)).code).toBe('NOT_FOUND');
  });
});

describe('reading the log without making every change', () => {
  it('counts, gives the last change and finds one by id as log() would, also past the log’s cache', () => {
    const network = small();
    for (let i = 0; i < 400; i++) network.addEntity({ id: `c${i}`, kind: 'company', name: { en: `c${i}` } });
    network.undo();
    const replayed = createNetwork({ log: network.log() });
    for (const n of [network, replayed]) {
      const log = n.log();
      expect(n.changeCount).toBe(log.length);
      expect(n.lastChange()).toEqual(log.at(-1));
      expect(n.lastChange()?.undoes).toBe(log.at(-2)?.id);
      for (const change of [log[0], log[1], log[200], log.at(-1)] as Change[]) {
        expect(n.changeById(change.id)).toEqual(change);
      }
      expect(n.changeById('no-such-change')).toBeUndefined();
    }
    const empty = createNetwork();
    expect(empty.changeCount).toBe(0);
    expect(empty.lastChange()).toBeUndefined();
  });
});

describe('reading the log by position and following it', () => {
  it('gives the change at a position as log() has it, and undefined outside the log', () => {
    const network = small();
    for (let i = 0; i < 300; i++) network.addEntity({ id: `p${i}`, kind: 'company', name: { en: `p${i}` } });
    const log = network.log();
    for (const i of [0, 1, 150, log.length - 1]) expect(network.changeAt(i)).toEqual(log[i]);
    for (const i of [-1, log.length, 1.5, Number.NaN]) expect(network.changeAt(i)).toBeUndefined();
  });

  it('tells a reader from which position the log changed since its mark: the new changes of a network', () => {
    const network = small();
    const read = network.changeCount;
    const mark = network.logMark();
    expect(network.firstChangedSince(mark)).toBe(read);
    network.addEntity({ id: 'x', kind: 'company', name: { en: 'x' } });
    network.undo();
    expect(network.firstChangedSince(mark)).toBe(read);
    expect(network.firstChangedSince(network.logMark())).toBe(network.changeCount);
    expect(network.firstChangedSince(0)).toBe(0);
    const replayed = createNetwork({ log: network.log() });
    expect(replayed.firstChangedSince(replayed.logMark())).toBe(replayed.changeCount);
    expect(replayed.firstChangedSince(0)).toBe(0);
  });
});
