/**
 * Limits sign-in attempts per username and per address: at most `max` failures in a window of
 * `windowMs` for each; a success clears the username's count. Kept in memory (a restart forgets).
 */
export class SignInLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly now: () => Date,
    readonly options: { perUsername?: number; perAddress?: number; windowMs?: number } = {},
  ) {}

  #recent(key: string): number[] {
    const windowMs = this.options.windowMs ?? 15 * 60 * 1000;
    const since = this.now().getTime() - windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  /** True when another attempt for this username from this address must wait. */
  blocked(username: string, address: string): boolean {
    return (
      this.#recent(`u:${username.toLowerCase()}`).length >= (this.options.perUsername ?? 5) ||
      this.#recent(`a:${address}`).length >= (this.options.perAddress ?? 20)
    );
  }

  failed(username: string, address: string): void {
    const at = this.now().getTime();
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      this.#failures.set(key, [...this.#recent(key), at]);
    }
  }

  succeeded(username: string): void {
    this.#failures.delete(`u:${username.toLowerCase()}`);
  }
}
