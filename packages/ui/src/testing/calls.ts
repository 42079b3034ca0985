/**
 * What a component hands to a callback (`onDone`, a workspace's `replace`), kept in order, with a
 * promise of the n-th value: a test waits on the callback itself, never on a timer or a poll.
 */
export class Calls<T> {
  readonly values: T[] = [];
  #waiting: { n: number; resolve: (value: T) => void }[] = [];

  /** The callback to hand to the component. */
  readonly record = (value: T): void => {
    this.values.push(value);
    const ready = this.#waiting.filter((w) => w.n <= this.values.length);
    this.#waiting = this.#waiting.filter((w) => w.n > this.values.length);
    for (const w of ready) w.resolve(this.values[w.n - 1] as T);
  };

  /** Resolves with the n-th value (from 1) once the callback has been called n times. */
  nth(n: number): Promise<T> {
    if (this.values.length >= n) return Promise.resolve(this.values[n - 1] as T);
    return new Promise((resolve) => this.#waiting.push({ n, resolve }));
  }
}
