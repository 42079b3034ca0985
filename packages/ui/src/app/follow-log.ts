/**
 * Data derived from a network's log (an index for the history view, who recorded each engagement),
 * kept up to date as the log grows instead of made again from the whole log on every change: each
 * read reads only the changes that landed since the last one (`Network.logMark`,
 * `firstChangedSince`, `changeAt`). In a replica, whose pending changes are taken off and landed
 * again under the server's, what came from the changes taken off is dropped and read again.
 */
import type { Change, Network } from '@musubi/core';

/** How to derive data from a log, one change at a time. */
export interface LogFollowing<T> {
  /** The data of an empty log. */
  start(): T;
  /** Adds what the change at `position` says; called in order of position, from the data's count on. */
  add(data: T, change: Change, position: number): void;
  /** Drops what came from the changes at `position` and after. */
  cut(data: T, position: number): void;
}

interface Kept<T> {
  data: T;
  /** How many changes the data was derived from. */
  read: number;
  mark: number;
}

/**
 * A function that gives the data derived from a network's log, brought up to date with the changes
 * that landed since it last gave it. One data per network (kept as long as the network is).
 *
 * @example
 * const ownersOf = followLog({ start: () => new Map(), add: (m, c) => …, cut: (m, at) => … });
 * ownersOf(network).get(id);
 */
export function followLog<T>(following: LogFollowing<T>): (network: Network) => T {
  const kept = new WeakMap<Network, Kept<T>>();
  return (network) => {
    let k = kept.get(network);
    if (k === undefined) {
      k = { data: following.start(), read: 0, mark: network.logMark() };
      kept.set(network, k);
    }
    const from = Math.min(k.read, network.firstChangedSince(k.mark));
    if (from < k.read) following.cut(k.data, from);
    k.read = from;
    const count = network.changeCount;
    for (let i = from; i < count; i++) {
      following.add(k.data, network.changeAt(i) as Change, i);
      k.read = i + 1; // should an add throw, the next read starts again after the last one added
    }
    k.mark = network.logMark();
    return k.data;
  };
}
