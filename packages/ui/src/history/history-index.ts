/**
 * What the history view's filters ask of every change — its author, the kinds of record it
 * touched, its time — kept in columns and extended with each change that lands, so that the view
 * counts and pages through a filtered log of hundreds of thousands of changes without making each
 * change again from the compact log (`network.log()` makes every one, on every change).
 */
import { type Change, collections, type Network } from '@musubi/core';
import { followLog } from '../app/follow-log.js';
import type { HistoryFilter, HistoryLog } from './history-rows.js';

const counted = ['entity', 'link', 'engagement'] as const;
type Counted = (typeof counted)[number];
/** A collection's bit in a change's kinds, and its place among `counted` (-1: not counted). */
const collectionBits: Record<string, number> = Object.fromEntries(collections.map((c, i) => [c, 1 << i]));
const countedSlots: Record<string, number> = Object.fromEntries(
  collections.map((c) => [c, counted.indexOf(c as Counted)]),
);

function grown<T extends Uint32Array | Uint8Array | Float64Array | Int32Array>(
  column: T,
  make: (n: number) => T,
): T {
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
  /**
   * How many entities, links and engagements the log's changes up to each one created less
   * removed: three entries a change, in the order of `counted`.
   */
  #counted = new Int32Array(3 * 64);
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
      this.#counted = grown(this.#counted, (n) => new Int32Array(n));
    }
    let author = this.#authorIndex.get(change.author);
    if (author === undefined) {
      author = this.#authors.length;
      this.#authors.push(change.author);
      this.#authorIndex.set(change.author, author);
      this.#authorFirst.push(i);
    }
    let kinds = 0;
    const at = 3 * i;
    for (let k = 0; k < 3; k++) this.#counted[at + k] = i > 0 ? (this.#counted[at + k - 3] as number) : 0;
    for (const effect of change.effects) {
      kinds |= collectionBits[effect.collection] ?? 0;
      const slot = countedSlots[effect.collection] ?? -1;
      if (slot >= 0 && effect.type !== 'update') {
        (this.#counted[at + slot] as number) += effect.type === 'create' ? 1 : -1;
      }
    }
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
   * How many entities, links and engagements there were as recorded at `at` (an ISO instant), from
   * those there are `now`: less what the changes after the first one recorded after `at` created,
   * plus what they removed. The counts of `network.asRecordedAt(at)` (which replays the log up to
   * there), told without replaying it; also where the log starts from a snapshot (a team's
   * replica), where `asRecordedAt` answers only from the log's first change on.
   */
  recordedCounts(at: string, now: Record<Counted, number>): Record<Counted, number> {
    const limit = Date.parse(at);
    let end = 0;
    while (end < this.#count && (this.#time[end] as number) <= limit) end++;
    const upTo = (c: Counted, n: number) =>
      n > 0 ? (this.#counted[3 * (n - 1) + counted.indexOf(c)] as number) : 0;
    const since = (c: Counted) => upTo(c, this.#count) - upTo(c, end);
    return {
      entity: now.entity - since('entity'),
      link: now.link - since('link'),
      engagement: now.engagement - since('engagement'),
    };
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
      ((this.#kinds[position] as number) & (collectionBits[filter.collection] ?? 0)) === 0
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
export function historyLogOf(
  network: Network,
): HistoryLog & { authors: string[]; recordedCounts(at: string): Record<Counted, number> } {
  const index = historyIndexOf(network);
  return {
    length: index.count,
    at: (position) => network.changeAt(position),
    passes: (position, filter) => index.passes(position, filter),
    authors: index.authors(),
    recordedCounts: (at) => {
      const now = network.counts();
      return index.recordedCounts(at, { entity: now.entities, link: now.links, engagement: now.engagements });
    },
  };
}
