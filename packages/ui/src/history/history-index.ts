/**
 * What the history view's filters ask of every change — its author, the kinds of record it
 * touched, its time — kept in columns and extended with each change that lands, so that the view
 * counts and pages through a filtered log of hundreds of thousands of changes without making each
 * change again from the compact log (`network.log()` makes every one, on every change).
 */
import { type Change, type Collection, collections, type Network } from '@musubi/core';
import { followLog } from '../app/follow-log.js';
import type { HistoryFilter, HistoryLog } from './history-rows.js';

const bitOf = new Map<Collection, number>(collections.map((c, i) => [c, 1 << i]));

function grown<T extends Uint32Array | Uint8Array | Float64Array>(column: T, make: (n: number) => T): T {
  const next = make(column.length * 2);
  next.set(column as never);
  return next;
}

/** The history index of a log: one entry a change, by position, and the authors in order of their first change. */
export class HistoryIndex {
  #count = 0;
  #author = new Uint32Array(64);
  /** The collections a change touched, one bit each (in the order of `collections`). */
  #kinds = new Uint8Array(64);
  /** The change's record time in ms (`Date.parse`). */
  #time = new Float64Array(64);
  readonly #authors: string[] = [];
  readonly #authorIndex = new Map<string, number>();
  /** The position of each author's first change, to drop the author when it is cut. */
  readonly #authorFirst: number[] = [];
  /** The last `since` asked for, parsed once for all the positions a page checks. */
  #since = { text: '', ms: Number.NaN };

  /** How many changes the index holds. */
  get count(): number {
    return this.#count;
  }

  /** The authors of the log, in order of their first change. */
  authors(): string[] {
    return this.#authors.slice();
  }

  /** Adds the change at the end of the index (at position `count`). */
  add(change: Change): void {
    const i = this.#count;
    if (i === this.#author.length) {
      this.#author = grown(this.#author, (n) => new Uint32Array(n));
      this.#kinds = grown(this.#kinds, (n) => new Uint8Array(n));
      this.#time = grown(this.#time, (n) => new Float64Array(n));
    }
    let author = this.#authorIndex.get(change.author);
    if (author === undefined) {
      author = this.#authors.length;
      this.#authors.push(change.author);
      this.#authorIndex.set(change.author, author);
      this.#authorFirst.push(i);
    }
    let kinds = 0;
    for (const effect of change.effects) kinds |= bitOf.get(effect.collection) ?? 0;
    this.#author[i] = author;
    this.#kinds[i] = kinds;
    this.#time[i] = Date.parse(change.recordedAt);
    this.#count = i + 1;
  }

  /** Drops the changes at `position` and after. */
  cut(position: number): void {
    if (position >= this.#count) return;
    this.#count = Math.max(0, position);
    while ((this.#authorFirst.at(-1) ?? -1) >= this.#count) {
      this.#authorFirst.pop();
      this.#authorIndex.delete(this.#authors.pop() as string);
    }
  }

  /**
   * Whether the change at `position` passes the filter's author, kind of record and time (its
   * words and record, which need the change itself, are not checked here).
   */
  passes(position: number, filter: HistoryFilter): boolean {
    if (filter.author !== undefined && this.#authors[this.#author[position] as number] !== filter.author)
      return false;
    if (
      filter.collection !== undefined &&
      ((this.#kinds[position] as number) & (bitOf.get(filter.collection) ?? 0)) === 0
    )
      return false;
    if (filter.since !== undefined) {
      if (this.#since.text !== filter.since)
        this.#since = { text: filter.since, ms: Date.parse(filter.since) };
      if (!((this.#time[position] as number) >= this.#since.ms)) return false;
    }
    return true;
  }
}

/** The history index of a network's log, brought up to date with the changes since it was last read. */
export const historyIndexOf = followLog<HistoryIndex>({
  start: () => new HistoryIndex(),
  add: (index, change) => index.add(change),
  cut: (index, position) => index.cut(position),
});

/**
 * The network's log as the history view reads it: by position, newest first, its filters on author,
 * kind and time answered by the history index, so that only the changes shown are made.
 */
export function historyLogOf(network: Network): HistoryLog & { authors: string[] } {
  const index = historyIndexOf(network);
  return {
    length: index.count,
    at: (position) => network.changeAt(position),
    passes: (position, filter) => index.passes(position, filter),
    authors: index.authors(),
  };
}
