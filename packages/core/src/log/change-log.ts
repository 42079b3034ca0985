import type { Change } from '../changes/change.js';
import type { Id } from '../model/ids.js';

/** Where a log starts: after the snapshot a network was restored from (seq 0 and no id without one). */
export interface ChangeLogStart {
  readonly seq: number;
  readonly changeId: Id | null;
}

/**
 * The change log of a network, in memory: its changes oldest first, read by position, seq or id,
 * and the two stacks `undo()` and `redo()` act on. It holds changes; it neither checks nor applies
 * them (the network does, before it appends).
 *
 * The stacks follow the log's own undo and redo entries (as {@link undoStacks} replays them): a
 * change appended with `append` is pushed on the undo stack (or, an undo or redo, moves its target
 * from one stack to the other); a new ordinary change clears the redo stack. `land` appends without
 * touching them (a replica's changes, whose stacks the replica keeps itself).
 */
export class ChangeLog {
  readonly #changes: Change[] = [];
  #undo: Id[] = [];
  #redo: Id[] = [];
  /** The changes by id, built on the first look-up that the end of the log does not answer. */
  #byId: Map<Id, Change> | undefined;
  readonly #start: ChangeLogStart;

  constructor(start: ChangeLogStart = { seq: 0, changeId: null }) {
    this.#start = { seq: start.seq, changeId: start.changeId };
  }

  /** How many changes the log holds (those after its start). */
  get length(): number {
    return this.#changes.length;
  }

  /**
   * The start's seq plus the number of changes held: the seq of the last change when the seqs
   * follow on from the start (always, but in a replica, which holds the server's seqs).
   */
  get lastSeq(): number {
    return this.#start.seq + this.#changes.length;
  }

  /** The id of the last change, or the start's when the log holds none. */
  get lastId(): Id | null {
    return this.#changes[this.#changes.length - 1]?.id ?? this.#start.changeId;
  }

  /** The seq the next change of this network takes. */
  get nextSeq(): number {
    return this.lastSeq + 1;
  }

  /** Appends a change and moves the undo and redo stacks by it. */
  append(change: Change): void {
    this.land(change);
    if (change.operation === 'undo' && change.undoes !== undefined) {
      // an accepted undo may target a change other than the latest
      if (this.#undo[this.#undo.length - 1] === change.undoes) this.#undo.pop();
      this.#redo.push(change.undoes);
    } else if (change.operation === 'redo' && change.redoes !== undefined) {
      if (this.#redo[this.#redo.length - 1] === change.redoes) this.#redo.pop();
      this.#undo.push(change.redoes);
    } else {
      this.#undo.push(change.id);
      this.#redo = [];
    }
  }

  /** Appends a change without touching the undo and redo stacks. */
  land(change: Change): void {
    this.#changes.push(change);
    this.#byId?.set(change.id, change);
  }

  /**
   * Takes the last `count` changes off the log and returns them oldest first. The undo and redo
   * stacks are left as they are (a replica puts the changes back).
   */
  takeOffLast(count: number): Change[] {
    const taken = this.#changes.splice(Math.max(0, this.#changes.length - count));
    if (this.#byId !== undefined) for (const change of taken) this.#byId.delete(change.id);
    return taken;
  }

  /** The change at a position of the log (0 is the oldest it holds). */
  at(index: number): Change | undefined {
    return Number.isInteger(index) && index >= 0 ? this.#changes[index] : undefined;
  }

  /** The change with this seq, if the log holds it. */
  bySeq(seq: number): Change | undefined {
    const guess = this.#changes[seq - this.#start.seq - 1];
    if (guess?.seq === seq) return guess;
    // a replica's log holds the server's seqs, which need not follow on from the start
    for (let i = this.#changes.length - 1; i >= 0; i--) {
      const change = this.#changes[i] as Change;
      if (change.seq === seq) return change;
    }
    return undefined;
  }

  /**
   * The change with this id (the latest, should a hand-made log repeat one). Undo and redo look
   * for recent changes, found near the end of the log: the map of every change (one entry a
   * change, tens of megabytes at a million) is built only when one is not found there.
   */
  byId(id: Id): Change | undefined {
    if (this.#byId === undefined) {
      for (let i = this.#changes.length - 1; i >= Math.max(0, this.#changes.length - 256); i--) {
        const change = this.#changes[i] as Change;
        if (change.id === id) return change;
      }
      this.#byId = new Map();
      for (const change of this.#changes) this.#byId.set(change.id, change);
    }
    return this.#byId.get(id);
  }

  /** The changes, oldest first. */
  *[Symbol.iterator](): IterableIterator<Change> {
    yield* this.#changes;
  }

  /** The changes as a new array, oldest first. */
  toArray(): Change[] {
    return [...this.#changes];
  }

  /** True when there is a change to undo. */
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** True when there is a change to redo. */
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** The change `undo()` would undo, if any. */
  nextUndo(): Change | undefined {
    const id = this.#undo[this.#undo.length - 1];
    return id === undefined ? undefined : this.byId(id);
  }

  /** The change `redo()` would redo, if any. */
  nextRedo(): Change | undefined {
    const id = this.#redo[this.#redo.length - 1];
    return id === undefined ? undefined : this.byId(id);
  }
}
