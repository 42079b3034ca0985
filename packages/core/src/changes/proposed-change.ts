import { type ErrorPath, isMusubiError, MusubiError } from '../errors.js';
import { decodeChange } from '../log/log-codec.js';
import type { Change, Collection, Effect, Operation, StoredRecord } from './change.js';
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

/** What the accepting network gives a proposed change. */
export interface ChangePlace {
  readonly seq: number;
  readonly recordedAt: string;
  readonly author: string;
}

/**
 * Checks a proposed change with the log's schemas (the envelope, then every record with its
 * collection's schema) and gives it its place. Whatever else the proposal holds (a `seq`, an
 * `author`) is ignored. Refuses with VALIDATION naming the field.
 */
export function decodeProposedChange(proposed: unknown, place: ChangePlace): Change {
  if (proposed === null || typeof proposed !== 'object' || Array.isArray(proposed)) {
    throw new MusubiError('VALIDATION', 'a proposed change is an object { id, operation, effects }');
  }
  const { id, operation, label, undoes, redoes, effects } = proposed as Record<string, unknown>;
  const envelope: Record<string, unknown> = { id, seq: place.seq, recordedAt: place.recordedAt };
  envelope.author = place.author;
  envelope.operation = operation;
  if (label !== undefined) envelope.label = label;
  if (undoes !== undefined) envelope.undoes = undoes;
  if (redoes !== undefined) envelope.redoes = redoes;
  envelope.effects = effects;
  let change: Change;
  try {
    change = decodeChange(envelope, []);
  } catch (error) {
    if (!isMusubiError(error, 'FORMAT')) throw error;
    // the same issues, as the refusal of an input rather than of a damaged file
    throw new MusubiError('VALIDATION', error.message.replace('the change at  ', 'the proposed change '), {
      issues: error.issues,
      details: { changeId: typeof id === 'string' ? id : null },
      cause: error,
    });
  }
  if (change.effects.length === 0) {
    throw new MusubiError('VALIDATION', `the proposed change ${change.id} has no effects`, {
      path: ['effects'],
      details: { changeId: change.id },
    });
  }
  return change;
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
