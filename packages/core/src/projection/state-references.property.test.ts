import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../changes/change.js';
import { referencesOf } from '../changes/references.js';
import { isMusubiError } from '../errors.js';
import type { Engagement, Entity } from '../model/records.js';
import { NetworkState } from './state.js';

/**
 * The state checks an engagement's participants through the sharing of participant objects (an
 * entity met before needs no look-up of its own): whatever entities were added, removed and added
 * again, an engagement written is taken in exactly when every record it refers to exists, and
 * refused with the error naming the first one that does not, as looking each reference up does.
 */

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 300 };

const ENTITIES = ['a', 'b', 'c', 'd'];
const ROLES = ['host', 'guest'];

const operation = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), at: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('programme' as const), remove: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('engagement' as const),
      id: fc.nat({ max: 5 }),
      participants: fc.array(
        fc.record({
          at: fc.nat({ max: 4 }), // 4: an entity never added
          role: fc.nat({ max: 1 }),
          // a participant the sharing keeps as it came (a key too many, its keys in another order)
          shape: fc.constantFrom('plain', 'plain', 'plain', 'extra', 'reordered'),
        }),
        { maxLength: 4 },
      ),
      programme: fc.boolean(),
      remove: fc.boolean(),
    }),
  },
);
type Op =
  | { op: 'add'; at: number }
  | { op: 'remove'; at: number }
  | { op: 'programme'; remove: boolean }
  | {
      op: 'engagement';
      id: number;
      participants: { at: number; role: number; shape: string }[];
      programme: boolean;
      remove: boolean;
    };

const entityId = (at: number) => ENTITIES[at] ?? 'nobody';

function engagementOf(op: Extract<Op, { op: 'engagement' }>): Engagement {
  return {
    id: `eng-${op.id}`,
    type: 'seminar',
    title: { en: `seminar ${op.id}` },
    date: '2020-01-01',
    participants: op.participants.map(({ at, role, shape }) => {
      const entity = entityId(at);
      const r = ROLES[role] as string;
      if (shape === 'extra') return { entity, role: r, note: 'x' };
      return shape === 'reordered' ? { role: r, entity } : { entity, role: r };
    }),
    topics: [],
    followUps: [],
    tags: [],
    ...(op.programme ? { programme: 'prg-1' } : {}),
  } as Engagement;
}

/** The reference a write of the record is refused for, looking each one up, or undefined. */
function firstMissing(state: NetworkState, record: Engagement): readonly (string | number)[] | undefined {
  return referencesOf('engagement', record).find((ref) => !state.has(ref.collection, ref.id))?.path;
}

function run(ops: Op[]): void {
  const state = new NetworkState();
  for (const op of ops) {
    let effect: Effect | undefined;
    if (op.op === 'add' || op.op === 'remove') {
      const existing = state.get<Entity>('entity', entityId(op.at));
      const record = { id: entityId(op.at), kind: 'organization', name: { en: 'x' }, aliases: [], tags: [] };
      if (op.op === 'add' && existing === undefined)
        effect = { type: 'create', collection: 'entity', record: record as Entity };
      if (op.op === 'remove' && existing !== undefined)
        effect = { type: 'delete', collection: 'entity', record: existing };
    } else if (op.op === 'programme') {
      const existing = state.get('programme', 'prg-1');
      if (!op.remove && existing === undefined)
        effect = { type: 'create', collection: 'programme', record: { id: 'prg-1' } as never };
      if (op.remove && existing !== undefined)
        effect = { type: 'delete', collection: 'programme', record: existing };
    } else {
      const existing = state.get<Engagement>('engagement', `eng-${op.id}`);
      if (op.remove && existing !== undefined) {
        state.apply({ type: 'delete', collection: 'engagement', record: existing });
        continue;
      }
      // made for this write (not frozen), as a record parsed from a log is
      const record = engagementOf(op);
      const missing = firstMissing(state, record);
      const write: Effect =
        existing === undefined
          ? { type: 'create', collection: 'engagement', record }
          : { type: 'update', collection: 'engagement', before: existing, after: record };
      const version = state.version;
      let refused: unknown;
      try {
        state.apply(write);
      } catch (error) {
        refused = error;
      }
      if (missing === undefined) {
        expect(refused).toBeUndefined();
        expect(state.get('engagement', record.id)).toBe(record);
        for (const p of record.participants) expect(state.has('entity', p.entity)).toBe(true);
      } else {
        expect(isMusubiError(refused, 'REFERENCE')).toBe(true);
        expect((refused as { path: unknown }).path).toEqual(missing);
        expect(state.get('engagement', record.id)).toBe(existing);
      }
      expect(state.version).toBe(version + 1);
      continue;
    }
    if (effect === undefined) continue;
    try {
      state.apply(effect);
    } catch (error) {
      // a removal of what is still referenced: nothing changed
      expect(isMusubiError(error, 'REFERENCE')).toBe(true);
    }
  }
}

describe('the references of an engagement, checked through the shared participants', () => {
  it('takes an engagement in exactly when every record it refers to exists, else names the first missing', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (ops) => run(ops as Op[])),
      runs,
    );
  });

  it('refuses a participant whose entity was removed, though it took part in an engagement before', () => {
    run([
      { op: 'add', at: 0 },
      {
        op: 'engagement',
        id: 0,
        participants: [{ at: 0, role: 0, shape: 'plain' }],
        programme: false,
        remove: false,
      },
      { op: 'engagement', id: 0, participants: [], programme: false, remove: true },
      { op: 'remove', at: 0 },
      {
        op: 'engagement',
        id: 1,
        participants: [{ at: 0, role: 0, shape: 'plain' }],
        programme: false,
        remove: false,
      },
    ]);
  });
});
