import { describe, expect, it } from 'vitest';
import {
  type Change,
  type Effect,
  invertEffect,
  invertEffects,
  malformedChange,
  undoStacks,
} from './change.js';

const a = { id: 'a', n: 1 };
const a2 = { id: 'a', n: 2 };

function change(id: string, operation: string, extra: Partial<Change> = {}): Change {
  return {
    id,
    seq: 0,
    recordedAt: '2019-01-01T00:00:00.000Z',
    author: 't',
    operation,
    effects: [],
    ...extra,
  };
}

describe('effects', () => {
  it('inverts a create into a delete, a delete into a create, and swaps an update', () => {
    expect(invertEffect({ type: 'create', collection: 'entity', record: a })).toEqual({
      type: 'delete',
      collection: 'entity',
      record: a,
    });
    expect(invertEffect({ type: 'delete', collection: 'link', record: a })).toEqual({
      type: 'create',
      collection: 'link',
      record: a,
    });
    expect(invertEffect({ type: 'update', collection: 'engagement', before: a, after: a2 })).toEqual({
      type: 'update',
      collection: 'engagement',
      before: a2,
      after: a,
    });
  });

  it('inverts a list in reverse order, so the last effect is cancelled first', () => {
    const effects: Effect[] = [
      { type: 'create', collection: 'entity', record: a },
      { type: 'update', collection: 'entity', before: a, after: a2 },
    ];
    expect(invertEffects(effects)).toEqual([
      { type: 'update', collection: 'entity', before: a2, after: a },
      { type: 'delete', collection: 'entity', record: a },
    ]);
  });
});

describe('undoStacks', () => {
  it('puts ordinary changes on the undo stack', () => {
    expect(undoStacks([change('c1', 'addEntity'), change('c2', 'addLink')])).toEqual({
      undo: ['c1', 'c2'],
      redo: [],
    });
  });

  it('moves an undone change to the redo stack, and back when redone', () => {
    const log = [change('c1', 'addEntity'), change('c2', 'addLink'), change('u1', 'undo', { undoes: 'c2' })];
    expect(undoStacks(log)).toEqual({ undo: ['c1'], redo: ['c2'] });
    expect(undoStacks([...log, change('r1', 'redo', { redoes: 'c2' })])).toEqual({
      undo: ['c1', 'c2'],
      redo: [],
    });
  });

  it('clears the redo stack when a new change is made', () => {
    const log = [
      change('c1', 'addEntity'),
      change('u1', 'undo', { undoes: 'c1' }),
      change('c2', 'addEntity'),
    ];
    expect(undoStacks(log)).toEqual({ undo: ['c2'], redo: [] });
  });
});

describe('malformedChange', () => {
  it('accepts a well-formed change', () => {
    expect(
      malformedChange(
        change('c1', 'addEntity', { effects: [{ type: 'create', collection: 'entity', record: a }] }),
      ),
    ).toBeUndefined();
    expect(
      malformedChange(
        change('c2', 'updateEntity', {
          effects: [{ type: 'update', collection: 'entity', before: a, after: a2 }],
        }),
      ),
    ).toBeUndefined();
  });

  it('says what is wrong with a damaged one', () => {
    const bad: [unknown, string][] = [
      [null, 'a change is an object'],
      ['c1', 'a change is an object'],
      [{ effects: [] }, 'a change has an id'],
      [{ id: 'c1' }, 'a change has a list of effects'],
      [{ id: 'c1', effects: [null] }, 'effect 0 is not an object'],
      [
        { id: 'c1', effects: [{ type: 'frob', collection: 'entity', record: a }] },
        'effect 0 has an unknown type',
      ],
      [
        { id: 'c1', effects: [{ type: 'create', collection: 'planet', record: a }] },
        'effect 0 has an unknown collection',
      ],
      [{ id: 'c1', effects: [{ type: 'create', collection: 'entity' }] }, 'effect 0 lacks its record'],
      [
        { id: 'c1', effects: [{ type: 'update', collection: 'entity', before: a }] },
        'effect 0 lacks its record',
      ],
    ];
    for (const [value, problem] of bad) expect(malformedChange(value), JSON.stringify(value)).toBe(problem);
  });
});
