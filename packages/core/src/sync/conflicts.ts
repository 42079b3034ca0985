import type { Change, Collection, Effect, StoredRecord } from '../changes/change.js';
import { sameJson } from '../changes/proposed-change.js';
import { missingReferenceOf } from '../changes/references.js';
import { isMusubiError, MusubiError } from '../errors.js';
import type { Id } from '../model/ids.js';
import type { NetworkState } from '../projection/state.js';

/** The record an effect leaves (or, for a removal, the one it removes). */
export function recordOf(effect: Effect): StoredRecord {
  return effect.type === 'update' ? effect.after : effect.record;
}

/** One key per record, across collections. */
export function effectKey(effect: Effect): string {
  return `${effect.collection}\u0000${recordOf(effect).id}`;
}

/** The record each effect of a change expects to find (null: none), in order. */
function expected(effect: Effect): StoredRecord | null {
  if (effect.type === 'create') return null;
  return effect.type === 'update' ? effect.before : effect.record;
}

function conflict(
  change: Change,
  collection: Collection,
  id: Id,
  current: StoredRecord | null,
  cause: unknown,
): MusubiError {
  const what = current === null ? 'was removed' : 'changed';
  return new MusubiError(
    'CONFLICT',
    `${change.operation} (${change.id}) no longer applies: ${collection} ${id} ${what} since it was made`,
    { details: { changeId: change.id, collection, id, current }, cause },
  );
}

/**
 * Why `change` does not apply on `state` (it just threw `error`): a CONFLICT naming the first record
 * that moved on (`details: { changeId, collection, id, current }`, as the server says it), or the
 * error itself, with the change's id, when no record moved on (a rule of the network refused it).
 */
export function conflictOf(state: NetworkState, change: Change, error: unknown): MusubiError {
  const seen = new Map<string, StoredRecord | null>();
  for (const effect of change.effects) {
    const key = effectKey(effect);
    const { id } = recordOf(effect);
    const current = seen.has(key)
      ? (seen.get(key) as StoredRecord | null)
      : (state.get(effect.collection, id) ?? null);
    if (!sameJson(current, expected(effect))) return conflict(change, effect.collection, id, current, error);
    seen.set(key, effect.type === 'delete' ? null : recordOf(effect));
  }
  const missing = missingReferenceOf(error);
  if (missing) return conflict(change, missing.collection, missing.id, null, error);
  if (isMusubiError(error)) {
    return new MusubiError(error.code, error.message, {
      path: error.path,
      issues: error.issues,
      details: { ...error.details, changeId: change.id },
      cause: error,
    });
  }
  return new MusubiError(
    'CONFLICT',
    `${change.operation} (${change.id}) no longer applies: ${String(error)}`,
    {
      details: { changeId: change.id },
      cause: error,
    },
  );
}

/** Writes the fields `before → after` changed over `current` (`null` for a field it cleared). */
function mergeFields(before: StoredRecord, after: StoredRecord, current: StoredRecord): StoredRecord {
  const merged: Record<string, unknown> = { ...(current as unknown as Record<string, unknown>) };
  const was = before as unknown as Record<string, unknown>;
  const now = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (sameJson(was[key], now[key])) continue;
    if (now[key] === undefined) delete merged[key];
    else merged[key] = now[key];
  }
  return merged as unknown as StoredRecord;
}

/**
 * The effects of `change` made again on the current records: an update writes the fields it changed
 * over the record as it is now, a removal removes the record as it is now (or nothing when it is
 * gone), a creation needs the id free. Throws CONFLICT when a record it updates is gone or one it
 * creates exists.
 */
export function rebaseEffects(state: NetworkState, change: Change): Effect[] {
  const now = new Map<string, StoredRecord | null>();
  const currentOf = (effect: Effect): StoredRecord | null => {
    const key = effectKey(effect);
    if (now.has(key)) return now.get(key) as StoredRecord | null;
    return state.get(effect.collection, recordOf(effect).id) ?? null;
  };
  const effects: Effect[] = [];
  for (const effect of change.effects) {
    const current = currentOf(effect);
    const { id } = recordOf(effect);
    let next: Effect | undefined;
    if (effect.type === 'create') {
      if (current !== null) throw conflict(change, effect.collection, id, current, undefined);
      next = effect;
    } else if (effect.type === 'update') {
      if (current === null) throw conflict(change, effect.collection, id, null, undefined);
      const after = mergeFields(effect.before, effect.after, current);
      if (!sameJson(after, current)) next = { ...effect, before: current, after };
    } else if (current !== null) next = { ...effect, record: current };
    if (next) {
      effects.push(next);
      now.set(effectKey(next), next.type === 'delete' ? null : recordOf(next));
    }
  }
  return effects;
}
