import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Change, type Effect, undoStacks } from '../changes/change.js';
import { ChangeLog } from './change-log.js';

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 150 };

const record = fc.record(
  {
    id: fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
    name: fc.record({ ja: fc.constantFrom('三重県', 'タイ', ''), en: fc.string() }, { requiredKeys: ['ja'] }),
    tags: fc.array(fc.constantFrom('a', 'b', 'São Paulo', '👍'), { maxLength: 3 }),
    n: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    since: fc.constantFrom('2024', '2024-03', '2024-03-05'),
  },
  { requiredKeys: ['id'] },
);

const collection = fc.constantFrom(
  'entity',
  'link',
  'engagement',
  'programme',
  'indicator',
  'figure' as const,
);

const effect: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({ type: fc.constant('create' as const), collection, record }),
  fc.record({ type: fc.constant('delete' as const), collection, record }),
  fc.record({ type: fc.constant('update' as const), collection, before: record, after: record }),
);

/** A record time as the network writes it, or as a hand-made or foreign log may hold it. */
const recordedAt = fc.oneof(
  { weight: 4, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('2024-05-01T09:00:00Z', '2024-05-01T09:00:00.000+09:00', '2024-05-01'),
  },
);

/** The parts of a change the test chooses; the id and seq are given by the sequence. */
const body = fc.record(
  {
    recordedAt,
    author: fc.oneof(fc.constantFrom('suzuki', 'tanaka', 'anonymous'), fc.string({ minLength: 1 })),
    operation: fc.constantFrom('addEntity', 'updateLink', 'transaction', 'putRecord', 'addProgramme'),
    label: fc.oneof(fc.string(), fc.record({ ja: fc.string(), en: fc.string() })),
    effects: fc.array(effect, { minLength: 0, maxLength: 4 }),
    /** Most changes have their keys in the order the network writes them; a hand-made one may not. */
    shape: fc.constantFrom('canonical', 'canonical', 'canonical', 'reordered', 'extra key'),
    /** Generated ids are ASCII; a hand-made log's may be anything. */
    idStyle: fc.constantFrom('chg', 'chg', 'chg', 'kanji', 'empty'),
  },
  { requiredKeys: ['recordedAt', 'author', 'operation', 'effects', 'shape', 'idStyle'] },
);

type Body = typeof body extends fc.Arbitrary<infer T> ? T : never;

/** The change of a body, its keys in the order its shape says. */
function make(b: Body, serial: number, seq: number): Change {
  const id = b.idStyle === 'chg' ? `chg_${serial}` : b.idStyle === 'kanji' ? `変更-${serial}` : '';
  const { recordedAt, author, operation, label, effects } = b;
  const head = { id, seq, recordedAt, author, operation, ...(label === undefined ? {} : { label }) };
  if (b.shape === 'reordered') return { effects, ...head } as Change;
  if (b.shape === 'extra key') return { ...head, effects, note: 'by hand' } as Change;
  return { ...head, effects };
}

type Step =
  | { op: 'append'; body: Body; reuseId: number | null }
  | { op: 'undo' | 'redo'; recordedAt: string }
  | { op: 'land'; body: Body; seqJump: number }
  | { op: 'takeOff'; count: number }
  | { op: 'reserve'; count: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('append' as const),
      body,
      // a hand-made log may repeat an id: the latest one is found by id
      reuseId: fc.option(fc.nat(), { freq: 10 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('undo' as const, 'redo' as const), recordedAt }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('land' as const), body, seqJump: fc.nat({ max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('takeOff' as const), count: fc.nat({ max: 3 }) }) },
  // room made for a number of changes the store says is coming (right, too few, too many)
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reserve' as const), count: fc.nat({ max: 300 }) }) },
);

/** Runs the steps on a ChangeLog and on a plain array (the model), and returns both. */
function play(steps: readonly Step[], start = { seq: 0, changeId: null as string | null }) {
  const log = new ChangeLog(start);
  const model: Change[] = [];
  const appended: Change[] = []; // every change appended with `append`, taken off or not
  let serial = 0;
  const nextSeq = () => (model.at(-1)?.seq ?? start.seq) + 1;
  for (const s of steps) {
    if (s.op === 'append') {
      const change = make(s.body, ++serial, nextSeq());
      if (s.reuseId !== null && model.length > 0) {
        (change as { id: string }).id = (model[s.reuseId % model.length] as Change).id;
      }
      log.append(change);
      model.push(change);
      appended.push(change);
    } else if (s.op === 'undo' || s.op === 'redo') {
      const target = s.op === 'undo' ? log.nextUndo() : log.nextRedo();
      if (!target) continue;
      const change: Change = {
        id: `chg_${++serial}`,
        seq: nextSeq(),
        recordedAt: s.recordedAt,
        author: 'suzuki',
        operation: s.op,
        ...(s.op === 'undo' ? { undoes: target.id } : { redoes: target.id }),
        effects: target.effects,
      };
      log.append(change);
      model.push(change);
      appended.push(change);
    } else if (s.op === 'land') {
      // a replica lands the server's changes with the server's seqs
      const change = make(s.body, ++serial, nextSeq() + s.seqJump);
      log.land(change);
      model.push(change);
    } else if (s.op === 'reserve') {
      log.reserve(s.count);
    } else if (s.op === 'takeOff') {
      const taken = log.takeOffLast(s.count);
      expect(taken).toEqual(model.splice(Math.max(0, model.length - s.count)));
    }
  }
  return { log, model, appended };
}

describe('ChangeLog', () => {
  it('gives back what went in, by position, seq and id, and as it iterates (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { log, model } = play(steps);
        // a replayed log gives back the room it kept (half the runs): it reads and grows the same
        if (steps.length % 2 === 0) log.trim();
        expect(log.length).toBe(model.length);
        expect(log.toArray()).toEqual(model);
        expect([...log]).toEqual(model);
        // exactly: the same JSON text, keys in the same order
        expect(log.toArray().map((c) => JSON.stringify(c))).toEqual(model.map((c) => JSON.stringify(c)));
        for (const change of log) {
          expect(Object.isFrozen(change) && Object.isFrozen(change.effects)).toBe(true);
          expect(change.effects.every(Object.isFrozen)).toBe(true);
        }
        model.forEach((change, i) => {
          expect(log.at(i)).toEqual(change);
          expect(log.bySeq(change.seq)).toEqual(model.findLast((c) => c.seq === change.seq));
          expect(log.byId(change.id)).toEqual(model.findLast((c) => c.id === change.id));
        });
        expect(log.at(model.length)).toBeUndefined();
        expect(log.byId('chg_none')).toBeUndefined();
        expect(log.lastId).toBe(model.at(-1)?.id ?? null);
        expect(log.lastSeq).toBe(model.length);
      }),
      runs,
    );
  });

  it('keeps the undo and redo stacks as the log replays them, whatever lands or is taken off (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { log, model, appended } = play(steps);
        const stacks = undoStacks(appended);
        const byId = (id: string | undefined) =>
          id === undefined ? undefined : model.findLast((c) => c.id === id);
        expect(log.canUndo).toBe(stacks.undo.length > 0);
        expect(log.canRedo).toBe(stacks.redo.length > 0);
        expect(log.nextUndo()).toEqual(byId(stacks.undo.at(-1)));
        expect(log.nextRedo()).toEqual(byId(stacks.redo.at(-1)));
      }),
      runs,
    );
  });

  it('rebuilt from its changes, has the same changes and stacks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          step.filter((s) => s.op === 'append' || s.op === 'undo' || s.op === 'redo'),
          { maxLength: 40 },
        ),
        (steps) => {
          const { log } = play(steps);
          const again = new ChangeLog();
          for (const change of log) again.append(change);
          expect(again.toArray()).toEqual(log.toArray());
          expect(again.nextUndo()).toEqual(log.nextUndo());
          expect(again.nextRedo()).toEqual(log.nextRedo());
        },
      ),
      runs,
    );
  });

  it('finds each change by id in a long log, before and after its ids are taken off (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          step.filter((s) => s.op === 'append' || s.op === 'takeOff'),
          { minLength: 300, maxLength: 700 },
        ),
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        (steps, picks) => {
          const { log, model } = play(steps);
          const ids = model.map((c) => c.id);
          for (const pick of picks) {
            const id = ids[pick % Math.max(1, ids.length)] ?? 'none';
            expect(log.byId(id)).toEqual(model.findLast((c) => c.id === id));
          }
          log.trim();
          const taken = log.takeOffLast(5);
          const left = model.slice(0, Math.max(0, model.length - 5));
          for (const change of taken)
            expect(log.byId(change.id)).toEqual(left.findLast((c) => c.id === change.id));
          expect(log.byId('変更-none')).toBeUndefined();
        },
      ),
      // a long log that fails is reported as found: shrinking hundreds of steps takes minutes
      { ...runs, numRuns: 25, endOnFailure: true },
    );
  });

  it('starts after a snapshot: seqs follow on from it, and its id is the last until a change lands', () => {
    const log = new ChangeLog({ seq: 41, changeId: 'chg_41' });
    expect([log.length, log.lastSeq, log.nextSeq, log.lastId]).toEqual([0, 41, 42, 'chg_41']);
    const change: Change = {
      id: 'chg_42',
      seq: 42,
      recordedAt: '2026-12-02T10:00:00.000Z',
      author: 'suzuki',
      operation: 'addEntity',
      effects: [{ type: 'create', collection: 'entity', record: { id: 'mie' } }],
    };
    log.append(change);
    expect([log.length, log.lastSeq, log.nextSeq, log.lastId]).toEqual([1, 42, 43, 'chg_42']);
    expect(log.bySeq(42)).toEqual(change);
    expect(log.bySeq(41)).toBeUndefined();
    expect(log.nextUndo()).toEqual(change);
  });

  it('finds a change far back by id, also once the map of ids is built and changes are taken off', () => {
    const log = new ChangeLog();
    const make = (i: number): Change => ({
      id: `chg_${i}`,
      seq: i,
      recordedAt: '2026-12-02T10:00:00.000Z',
      author: 'suzuki',
      operation: 'addEntity',
      effects: [{ type: 'create', collection: 'entity', record: { id: `e${i}` } }],
    });
    for (let i = 1; i <= 1000; i++) log.append(make(i));
    expect(log.byId('chg_3')).toEqual(make(3)); // builds the map
    expect(log.takeOffLast(2).map((c) => c.id)).toEqual(['chg_999', 'chg_1000']);
    expect(log.byId('chg_1000')).toBeUndefined();
    log.land(make(1001));
    expect(log.byId('chg_1001')).toEqual(make(1001));
    expect(log.length).toBe(999);
  });
});
