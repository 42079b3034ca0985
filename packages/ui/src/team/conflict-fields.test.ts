import { describe, expect, it } from 'vitest';
import { conflictFields } from './conflict-fields.js';

describe('conflictFields', () => {
  it('lists every field of both versions, id first, and marks the ones that differ', () => {
    const mine = { id: 'thai-embassy', name: { ja: '大使館', en: 'Embassy' }, notes: 'mine' };
    const current = {
      id: 'thai-embassy',
      name: { ja: '大使館', en: 'Embassy' },
      notes: 'theirs',
      tags: ['x'],
    };
    expect(conflictFields(mine, current)).toEqual([
      { field: 'id', mine: 'thai-embassy', current: 'thai-embassy', differs: false },
      { field: 'name', mine: mine.name, current: current.name, differs: false },
      { field: 'notes', mine: 'mine', current: 'theirs', differs: true },
      { field: 'tags', mine: undefined, current: ['x'], differs: true },
    ]);
  });

  it('shows a removed record as empty on its side', () => {
    const mine = { id: 'a', notes: 'kept' };
    const rows = conflictFields(mine, null);
    expect(rows.every((r) => r.current === undefined && r.differs)).toBe(true);
    expect(rows.map((r) => r.field)).toEqual(['id', 'notes']);
  });
});
