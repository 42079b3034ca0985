/**
 * The replica's set-aside changes as the conflict view shows them: for each, the record it touched
 * as the user made it and as it is now. Pure, so the view and its tests share it.
 */
import type { Change, Collection, Effect, MusubiError, StoredRecord } from '@musubi/core';
import type { SetAsideChange } from '@musubi/core/client';

/** A change of this user that the server refused (or whose record moved on), with both versions of its record. */
export interface Conflict {
  readonly change: Change;
  /** Why: `CONFLICT` when the record moved on; otherwise the server's refusal (`VALIDATION`, `FORBIDDEN`…). */
  readonly error: MusubiError;
  readonly collection: Collection;
  /** The record's id. */
  readonly id: string;
  /** The record as the user made it (null when the user removed it). */
  readonly mine: StoredRecord | null;
  /** The record as it is now (null when there is none). */
  readonly current: StoredRecord | null;
}

function recordId(effect: Effect): string {
  return (effect.type === 'update' ? effect.after : effect.record).id;
}

function mineOf(effect: Effect): StoredRecord | null {
  if (effect.type === 'delete') return null;
  return effect.type === 'update' ? effect.after : effect.record;
}

/**
 * The conflict of each set-aside change: the record the error names (`details.collection` and
 * `details.id`, `details.current`), else the change's first effect and `lookup` for the current
 * record. The user's version is what the change's last effect on that record made of it.
 */
export function conflictsOf(
  setAside: readonly SetAsideChange[],
  lookup: (collection: Collection, id: string) => StoredRecord | undefined,
): Conflict[] {
  return setAside.map(({ change, error }) => {
    const details = error.details as { collection?: Collection; id?: string; current?: StoredRecord | null };
    const first = change.effects[0];
    const collection = details.collection ?? first?.collection ?? 'entity';
    const id = details.id ?? (first ? recordId(first) : '');
    const touching = change.effects.filter((e) => e.collection === collection && recordId(e) === id);
    const last = touching[touching.length - 1];
    const current = details.current !== undefined ? details.current : (lookup(collection, id) ?? null);
    return { change, error, collection, id, mine: last ? mineOf(last) : null, current };
  });
}
