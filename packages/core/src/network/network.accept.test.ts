import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../changes/change.js';
import type { ProposedChange } from '../changes/proposed-change.js';
import { isMusubiError, type MusubiError } from '../errors.js';
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

/** A clock that moves one minute per reading from 2026-04-01. */
function minuteClock(): () => Date {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 3, 1, 0, minute++));
}

/** What a replica sends: the change without its place. */
function proposal(change: Change): ProposedChange {
  const { seq: _seq, recordedAt: _at, author: _author, ...rest } = change;
  return rest;
}

/** Runs a write on a replica and returns the change it made. */
function changeBy(network: Network, write: (network: Network) => unknown): Change {
  write(network);
  return network.log().at(-1) as Change;
}

/** A replica and a sequencer that start from the same log. */
function pair(): { sequencer: Network; replica: Network } {
  const sequencer = createNetwork({ author: 'server', now: minuteClock() });
  sequencer.addEntity({ id: 'mie', kind: 'self', name: { ja: '三重県' }, country: 'JP' });
  sequencer.addEntity({ id: 'sp', kind: 'region', name: { en: 'São Paulo' }, country: 'BR' });
  const replica = createNetwork({ author: 'client', log: structuredClone(sequencer.log()) });
  return { sequencer, replica };
}

function state(network: Network): string {
  return JSON.stringify(network.snapshot());
}

describe('accept: landing a change made elsewhere', () => {
  it('appends it with the next seq, its own clock and the given author, keeping the id', () => {
    const { sequencer, replica } = pair();
    const made = changeBy(replica, (n) => n.updateEntity('sp', { notes: 'sister since 1973' }));
    const stored = sequencer.accept(proposal(made), { author: 'tanaka' });
    expect(stored).toMatchObject({ id: made.id, seq: 3, author: 'tanaka', operation: 'updateEntity' });
    expect(stored.recordedAt).toBe('2026-04-01T00:02:00.000Z');
    expect(sequencer.entity('sp')?.notes).toBe('sister since 1973');
    expect(sequencer.log().at(-1)).toBe(stored);
  });

  it('ignores the seq, time and author the proposal claims', () => {
    const { sequencer, replica } = pair();
    const made = changeBy(replica, (n) =>
      n.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand' }, country: 'TH' }),
    );
    const forged = { ...proposal(made), seq: 99, recordedAt: '1999-01-01T00:00:00.000Z', author: 'admin' };
    const stored = sequencer.accept(forged, { author: 'sato' });
    expect(stored).toMatchObject({ seq: 3, author: 'sato' });
    expect(stored.recordedAt).not.toBe('1999-01-01T00:00:00.000Z');
  });

  it('returns the stored change and applies nothing when the id is already in the log', () => {
    const { sequencer, replica } = pair();
    const made = changeBy(replica, (n) =>
      n.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand' } }),
    );
    const first = sequencer.accept(proposal(made), { author: 'sato' });
    const again = sequencer.accept(proposal(made), { author: 'someone-else' });
    expect(again).toBe(first);
    expect(sequencer.log()).toHaveLength(3);
  });

  it('refuses a create whose id exists, naming the record and giving the current one', () => {
    const { sequencer, replica } = pair();
    const other = createNetwork({ log: structuredClone(sequencer.log()) });
    sequencer.accept(
      proposal(changeBy(other, (n) => n.addEntity({ id: 'th', kind: 'government', name: { en: 'A' } }))),
      {
        author: 'a',
      },
    );
    const before = state(sequencer);
    const made = changeBy(replica, (n) => n.addEntity({ id: 'th', kind: 'government', name: { en: 'B' } }));
    const error = refusal(() => sequencer.accept(proposal(made), { author: 'b' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ changeId: made.id, collection: 'entity', id: 'th' });
    expect((error.details.current as { name: unknown }).name).toEqual({ en: 'A' });
    expect(state(sequencer)).toBe(before);
  });

  it('refuses a stale update with CONFLICT and the record as it is now', () => {
    const { sequencer, replica } = pair();
    sequencer.updateEntity('sp', { notes: 'changed on the server' });
    const made = changeBy(replica, (n) => n.updateEntity('sp', { notes: 'changed on the replica' }));
    const error = refusal(() => sequencer.accept(proposal(made), { author: 'b' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ changeId: made.id, collection: 'entity', id: 'sp' });
    expect((error.details.current as { notes?: string }).notes).toBe('changed on the server');
    expect(sequencer.entity('sp')?.notes).toBe('changed on the server');
  });

  it('refuses an update or a delete of a removed record with current null', () => {
    const { sequencer, replica } = pair();
    sequencer.removeEntity('sp');
    const made = changeBy(replica, (n) => n.removeEntity('sp'));
    const error = refusal(() => sequencer.accept(proposal(made), { author: 'b' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.details.current).toBeNull();
  });

  it('lands changes to different records whatever the log they were made on', () => {
    const { sequencer, replica } = pair();
    sequencer.updateEntity('mie', { notes: 'server' });
    sequencer.accept(proposal(changeBy(replica, (n) => n.updateEntity('sp', { notes: 'replica' }))), {
      author: 'b',
    });
    expect(sequencer.entity('mie')?.notes).toBe('server');
    expect(sequencer.entity('sp')?.notes).toBe('replica');
  });

  it('applies all effects or none: a refused reference leaves the records and the log as they were', () => {
    const { sequencer, replica } = pair();
    replica.transaction(() => {
      replica.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand' } });
      replica.addLink({ id: 'l1', kind: 'mou', source: 'mie', target: 'th' });
      replica.addLink({ id: 'l2', kind: 'partner', source: 'mie', target: 'sp' });
    });
    const change = replica.log().at(-1) as Change;
    sequencer.removeEntity('sp');
    const before = state(sequencer);
    const error = refusal(() => sequencer.accept(proposal(change), { author: 'b' }));
    expect(error.code).toBe('REFERENCE');
    expect(state(sequencer)).toBe(before);
    expect(sequencer.log()).toHaveLength(3);
    expect(sequencer.entity('th')).toBeUndefined();
  });

  it('lands a change that creates a record and updates it in later effects', () => {
    const { sequencer, replica } = pair();
    replica.transaction(() => {
      replica.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand' } });
      replica.updateEntity('th', { notes: 'BOI' });
    });
    sequencer.accept(proposal(replica.log().at(-1) as Change), { author: 'b' });
    expect(sequencer.entity('th')?.notes).toBe('BOI');
  });

  it('refuses malformed proposals with VALIDATION and changes nothing', () => {
    const { sequencer, replica } = pair();
    const good = proposal(changeBy(replica, (n) => n.updateEntity('sp', { notes: 'x' })));
    const before = state(sequencer);
    const bad: unknown[] = [
      null,
      [],
      { ...good, id: '__proto__' },
      { ...good, id: 'has space' },
      { ...good, operation: '' },
      { ...good, effects: [] },
      { ...good, effects: [{ type: 'explode', collection: 'entity', record: { id: 'sp' } }] },
      { ...good, effects: [{ type: 'create', collection: 'entity', record: { id: 'x', kind: 'planet' } }] },
      {
        ...good,
        effects: [
          {
            type: 'update',
            collection: 'entity',
            before: sequencer.entity('sp'),
            after: { ...sequencer.entity('sp'), id: 'other' },
          },
        ],
      },
    ];
    for (const value of bad) {
      const error = refusal(() => sequencer.accept(value as ProposedChange, { author: 'b' }));
      expect(error.code).toBe('VALIDATION');
    }
    expect(refusal(() => sequencer.accept(good, { author: '' })).code).toBe('VALIDATION');
    expect(state(sequencer)).toBe(before);
    expect(sequencer.log()).toHaveLength(2);
  });

  it('tells its listeners and its sink, as any write does', () => {
    const { sequencer, replica } = pair();
    const seen: string[] = [];
    sequencer.subscribe((change) => seen.push(`listener ${change.id}`));
    sequencer.connect((change) => seen.push(`sink ${change.id}`));
    const made = changeBy(replica, (n) => n.updateEntity('sp', { notes: 'x' }));
    sequencer.accept(proposal(made), { author: 'b' });
    expect(seen).toEqual([`sink ${made.id}`, `listener ${made.id}`]);
  });

  it('keeps undo and redo stacks as a replay of the log would', () => {
    const { sequencer, replica } = pair();
    const added = changeBy(replica, (n) =>
      n.addEntity({ id: 'th', kind: 'government', name: { en: 'Thailand' } }),
    );
    sequencer.accept(proposal(added), { author: 'b' });
    const undone = replica.undo() as Change;
    sequencer.accept(proposal(undone), { author: 'b' });
    expect(sequencer.entity('th')).toBeUndefined();
    expect(sequencer.nextRedo()?.id).toBe(added.id);
    const replayed = createNetwork({ log: sequencer.log() });
    expect(replayed.nextRedo()?.id).toBe(added.id);
    expect(replayed.nextUndo()?.id).toBe(sequencer.nextUndo()?.id);
  });
});

// ── property: replicas proposing to one sequencer ─────────────────────────────────────────────

const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 80 };

const step = fc.oneof(
  fc.record({ op: fc.constant('add' as const), id: fc.nat({ max: 5 }), name: fc.string({ maxLength: 4 }) }),
  fc.record({
    op: fc.constant('update' as const),
    id: fc.nat({ max: 5 }),
    notes: fc.string({ maxLength: 4 }),
  }),
  fc.record({ op: fc.constant('remove' as const), id: fc.nat({ max: 5 }), cascade: fc.boolean() }),
  fc.record({ op: fc.constant('link' as const), from: fc.nat({ max: 5 }), to: fc.nat({ max: 5 }) }),
  fc.record({ op: fc.constant('undo' as const) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Runs a step on a replica; refusals (an unknown id, a duplicate) are part of the game. */
function run(network: Network, s: Step): void {
  try {
    if (s.op === 'add')
      network.addEntity({ id: `e${s.id}`, kind: 'organization', name: { en: s.name || 'x' } });
    else if (s.op === 'update') network.updateEntity(`e${s.id}`, { notes: s.notes || null });
    else if (s.op === 'remove') network.removeEntity(`e${s.id}`, { cascade: s.cascade });
    else if (s.op === 'link') network.addLink({ kind: 'partner', source: `e${s.from}`, target: `e${s.to}` });
    else network.undo();
  } catch (error) {
    if (!isMusubiError(error)) throw error;
  }
}

describe('accept (property)', () => {
  it('two replicas proposing to one sequencer: it equals a replay of its log, refusals leave no trace, a lone replica converges', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 8 }),
        fc.array(step, { maxLength: 12 }),
        fc.array(step, { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 24 }),
        (common, stepsA, stepsB, order) => {
          const sequencer = createNetwork({ author: 'server', now: minuteClock() });
          for (const s of common) run(sequencer, s);
          const a = createNetwork({ author: 'a', log: structuredClone(sequencer.log()) });
          const b = createNetwork({ author: 'b', log: structuredClone(sequencer.log()) });
          const base = sequencer.log().length;
          for (const s of stepsA) run(a, s);
          for (const s of stepsB) run(b, s);
          const queues = [a.log().slice(base), b.log().slice(base)];
          const stopped = [false, false];
          let turn = 0;
          while (queues.some((q, i) => q.length > 0 && !stopped[i])) {
            // interleave the pushes as `order` says; a replica stops at its first refusal
            const pickB = order[turn++ % Math.max(1, order.length)] ?? false;
            let who = pickB ? 1 : 0;
            if (queues[who]?.length === 0 || stopped[who]) who = 1 - who;
            const next = queues[who]?.shift() as Change;
            const before = JSON.stringify(sequencer.snapshot());
            const length = sequencer.log().length;
            try {
              const stored = sequencer.accept(proposal(next), { author: who === 0 ? 'a' : 'b' });
              expect(stored.id).toBe(next.id);
            } catch (error) {
              if (!isMusubiError(error)) throw error;
              expect(['CONFLICT', 'REFERENCE', 'VALIDATION']).toContain(error.code);
              expect(JSON.stringify(sequencer.snapshot())).toBe(before);
              expect(sequencer.log()).toHaveLength(length);
              stopped[who] = true;
            }
          }
          // what the sequencer holds is what its log replays to
          const replayed = createNetwork({ log: structuredClone(sequencer.log()) });
          expect(JSON.stringify(replayed.snapshot().records)).toBe(
            JSON.stringify(sequencer.snapshot().records),
          );
          // a retried push of anything already stored changes nothing
          const length = sequencer.log().length;
          for (const change of sequencer.log().slice(base))
            sequencer.accept(proposal(change), { author: 'x' });
          expect(sequencer.log()).toHaveLength(length);
          // when only A pushed, the sequencer holds exactly A's records
          if (stepsB.length === 0 || b.log().length === base) {
            expect(stopped[0]).toBe(false);
            expect(JSON.stringify(sequencer.snapshot().records)).toBe(JSON.stringify(a.snapshot().records));
          }
        },
      ),
      runs,
    );
  });
});
