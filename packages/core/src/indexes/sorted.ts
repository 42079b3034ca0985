/**
 * The first position in `0 … length` at which `before(position)` is false, for a `before` that is
 * true up to some position and false from there on (a sorted list searched by halves). The one
 * binary search of the indexes and views: where a value goes in a sorted list, how many are below it.
 */
export function partitionPoint(length: number, before: (position: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
