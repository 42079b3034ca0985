import { type ErrorPath, MusubiError } from '../errors.js';
import type { Collection, Effect, Operation, StoredRecord } from './change.js';
import type { ChangeLabel } from './change-label.js';

/**
 * A change made elsewhere (a replica, another tool) and offered to the log: what the proposer
 * decides. Its place (`seq`), record time and author are given by the network that accepts it.
 */
export interface ProposedChange {
  /** Made by the proposer (`generateId('chg')`), so that a retried proposal is stored once. */
  readonly id: string;
  readonly operation: Operation;
  readonly label?: ChangeLabel;
  readonly undoes?: string;
  readonly redoes?: string;
  readonly effects: readonly Effect[];
}

/** Deep equality of two JSON values, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = Object.entries(a as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const right = b as Record<string, unknown>;
  const rightCount = Object.values(right).filter((v) => v !== undefined).length;
  return left.length === rightCount && left.every(([key, value]) => sameJson(value, right[key]));
}

/**
 * Refuses effect `index` of change `changeId` with CONFLICT when the record it was made on moved
 * on: a create whose id exists, an update or delete whose `before` is not the current record.
 * `current` is the record as it is now (undefined when there is none).
 */
export function checkEffectBase(
  changeId: string,
  index: number,
  effect: Effect,
  current: StoredRecord | undefined,
): void {
  const id = effect.type === 'update' ? effect.before.id : effect.record.id;
  const path: ErrorPath = ['effects', index];
  const refuse = (why: string): never => {
    throw new MusubiError('CONFLICT', `change ${changeId}: ${effect.collection} ${id} ${why}`, {
      path,
      details: { changeId, collection: effect.collection, id, current: current ?? null },
    });
  };
  if (effect.type === 'create') {
    if (current !== undefined) refuse('already exists');
    return;
  }
  if (effect.type === 'update' && effect.after.id !== id) {
    throw new MusubiError('VALIDATION', `change ${changeId}: an update keeps the record's id`, {
      path: [...path, 'after', 'id'],
      details: { changeId, collection: effect.collection, id },
    });
  }
  const before = effect.type === 'update' ? effect.before : effect.record;
  if (current === undefined) refuse('no longer exists');
  if (!sameJson(before, current)) refuse('has changed since the change was made');
}

/** The collection of an effect (for callers that look the current record up). */
export function effectTarget(effect: Effect): { collection: Collection; id: string } {
  return {
    collection: effect.collection,
    id: effect.type === 'update' ? effect.before.id : effect.record.id,
  };
}
