import type { Id } from '../model/ids.js';
import type { ChangeLabel } from './change-label.js';

/**
 * The collections of records the log can hold. Entities are the graph's nodes and links its edges;
 * the others are kept beside the graph.
 */
export const collections = ['entity', 'link', 'engagement', 'programme', 'indicator', 'figure'] as const;
export type Collection = (typeof collections)[number];

/** Any stored record: it has an id. */
export interface StoredRecord {
  readonly id: Id;
}

/**
 * One primitive change to one record. Effects carry whole records (before and after), so that a
 * change can be inverted without looking anything up, and replaying needs no other source.
 */
export type Effect =
  | { readonly type: 'create'; readonly collection: Collection; readonly record: StoredRecord }
  | {
      readonly type: 'update';
      readonly collection: Collection;
      readonly before: StoredRecord;
      readonly after: StoredRecord;
    }
  | { readonly type: 'delete'; readonly collection: Collection; readonly record: StoredRecord };

/** The names of the operations that appear in the log. */
export type Operation =
  | 'addEntity'
  | 'updateEntity'
  | 'removeEntity'
  | 'addLink'
  | 'updateLink'
  | 'addLinkEvent'
  | 'removeLinkEvent'
  | 'removeLink'
  | 'recordEngagement'
  | 'updateEngagement'
  | 'removeEngagement'
  | 'transaction'
  | 'undo'
  | 'redo'
  | (string & {});

/**
 * A change: one entry of the change log, the only source of truth. A change applies all of its
 * effects or none of them.
 */
export interface Change {
  /** Unique id of the change. */
  readonly id: Id;
  /** Position in the log, from 1. */
  readonly seq: number;
  /** When it was recorded (record time), ISO 8601 with milliseconds. */
  readonly recordedAt: string;
  /** Who recorded it (`options.author` of the network). */
  readonly author: string;
  /** What was done. */
  readonly operation: Operation;
  /** A human label for a transaction (`{ ja: '来訪を記録', en: 'Record a visit' }`), when the caller gave one. */
  readonly label?: ChangeLabel;
  /** For `undo`: the change it undoes. For `redo`: the change it does again. */
  readonly undoes?: Id;
  readonly redoes?: Id;
  /** The primitive effects, in the order they were applied. */
  readonly effects: readonly Effect[];
}

/** The effect that cancels `effect`. */
export function invertEffect(effect: Effect): Effect {
  switch (effect.type) {
    case 'create':
      return { type: 'delete', collection: effect.collection, record: effect.record };
    case 'delete':
      return { type: 'create', collection: effect.collection, record: effect.record };
    case 'update':
      return { type: 'update', collection: effect.collection, before: effect.after, after: effect.before };
  }
}

/** The effects that cancel `effects`, in the order to apply them. */
export function invertEffects(effects: readonly Effect[]): Effect[] {
  return effects.map(invertEffect).reverse();
}

/**
 * Which changes `undo()` and `redo()` would act on after the given log: replaying the log's undo and
 * redo entries against two stacks. A new ordinary change clears the redo stack, as in an editor.
 */
export function undoStacks(log: readonly Change[]): { undo: Id[]; redo: Id[] } {
  const undo: Id[] = [];
  const redo: Id[] = [];
  for (const change of log) {
    if (change.operation === 'undo' && change.undoes !== undefined) {
      if (undo[undo.length - 1] === change.undoes) undo.pop();
      redo.push(change.undoes);
    } else if (change.operation === 'redo' && change.redoes !== undefined) {
      if (redo[redo.length - 1] === change.redoes) redo.pop();
      undo.push(change.redoes);
    } else {
      undo.push(change.id);
      redo.length = 0;
    }
  }
  return { undo, redo };
}

/**
 * Why `value` is not a well-formed change, or undefined when it is: checked before a log is replayed,
 * so that a damaged file is refused by name instead of half-read. (Record contents are checked by
 * the projection's invariants, not re-validated here.)
 */
export function malformedChange(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'a change is an object';
  const change = value as { id?: unknown; effects?: unknown };
  if (typeof change.id !== 'string' || change.id === '') return 'a change has an id';
  if (!Array.isArray(change.effects)) return 'a change has a list of effects';
  // a plain loop without a closure or an array per effect: a replay checks every change
  for (let i = 0; i < change.effects.length; i++) {
    const effect: unknown = change.effects[i];
    if (effect === null || typeof effect !== 'object') return `effect ${i} is not an object`;
    const e = effect as {
      type?: unknown;
      collection?: unknown;
      record?: unknown;
      before?: unknown;
      after?: unknown;
    };
    if (e.type !== 'create' && e.type !== 'update' && e.type !== 'delete')
      return `effect ${i} has an unknown type`;
    if (!(collections as readonly unknown[]).includes(e.collection))
      return `effect ${i} has an unknown collection`;
    const hasRecords = e.type === 'update' ? hasId(e.before) && hasId(e.after) : hasId(e.record);
    if (!hasRecords) return `effect ${i} lacks its record`;
  }
  return undefined;
}

/** Whether a value is a record with an id (as an effect holds). */
function hasId(r: unknown): boolean {
  return r !== null && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string';
}
