/**
 * A conflict's two versions side by side, field by field: the record as the user made it and as it
 * is now. Pure, so the conflict view and its tests share it.
 */
import type { StoredRecord } from '@musubi/core';

/** One field of the record in both versions. */
export interface ConflictField {
  readonly field: string;
  readonly mine: unknown;
  readonly current: unknown;
  /** True when the two versions differ in this field. */
  readonly differs: boolean;
}

function fieldsOf(record: StoredRecord | null): Record<string, unknown> {
  return (record ?? {}) as Record<string, unknown>;
}

/**
 * Every field of either version (the record's id first, then in the order they appear), each with
 * both values and whether they differ (JSON equality).
 *
 * @example
 * conflictFields({ id: 'a', notes: 'x' }, { id: 'a', notes: 'y' })
 * // [{ field: 'id', …, differs: false }, { field: 'notes', mine: 'x', current: 'y', differs: true }]
 */
export function conflictFields(mine: StoredRecord | null, current: StoredRecord | null): ConflictField[] {
  const a = fieldsOf(mine);
  const b = fieldsOf(current);
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  names.sort((x, y) => (x === 'id' ? -1 : y === 'id' ? 1 : 0));
  return names.map((field) => ({
    field,
    mine: a[field],
    current: b[field],
    differs: JSON.stringify(a[field]) !== JSON.stringify(b[field]),
  }));
}
