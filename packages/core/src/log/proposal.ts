import type { Change } from '../changes/change.js';
import { isMusubiError, MusubiError } from '../errors.js';
import { decodeChange } from './log-codec.js';

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
