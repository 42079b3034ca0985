/** Timing and memory of one task: median of several runs, with a full gc between runs. */

export interface Measurement {
  /** Median wall time of the runs, in milliseconds. */
  readonly ms: number;
  /**
   * Median CPU time of the runs (this process, gc threads included), in milliseconds: on a machine
   * other work shares, steadier than the wall time (which counts the time the process waited).
   */
  readonly cpuMs?: number;
  readonly runs: number;
  /** Heap still held by the task's result after a gc (what it costs to keep), in MB. */
  readonly heapMB: number;
  /** The process's resident set right after the task, before gc (close to its peak), in MB. */
  readonly rssMB: number;
}

const MB = 1024 * 1024;

/** A full garbage collection, when node runs with `--expose-gc` (`pnpm bench` does). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/**
 * Waits until the process is quiet: the concurrent sweeping of a full gc of a heap of gigabytes
 * goes on in V8's threads after `gc()` returns, and on two cores it takes the main thread's core
 * from a call timed right after (the first `timeline` of a hub at L: 36 ms timed at once, 15 ms a
 * second later). Quiet: under a fifth of a core used over 50 ms; at most 5 s.
 */
export async function settle(): Promise<void> {
  const began = performance.now();
  while (performance.now() - began < 5_000) {
    const cpu = process.cpuUsage();
    const at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const used = process.cpuUsage(cpu);
    if ((used.user + used.system) / 1000 < (performance.now() - at) / 5) return;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `task` `runs` times (after `warmup` unmeasured runs) and reports the median time, the heap
 * its result keeps alive, and the resident set after it. The result of the last run is returned;
 * `release` is called (untimed) on the results of the other runs.
 */
export async function measure<T>(
  task: () => T | Promise<T>,
  options: {
    runs: number;
    warmup?: number;
    release?: (result: T) => unknown;
    /** `each` (default): a full gc before every run, for big tasks; `once`: before the first only, for quick queries. */
    gc?: 'each' | 'once';
    /** Stop after this much measured time (at least `minRuns` runs, default 3): slow tasks run fewer times. */
    budgetMs?: number;
    minRuns?: number;
  },
): Promise<Measurement & { result: T }> {
  for (let i = 0; i < (options.warmup ?? 0); i++) {
    const start = performance.now();
    await options.release?.(await task());
    if (options.budgetMs !== undefined && performance.now() - start > options.budgetMs / 10) break;
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let heapMB = 0;
  let rssMB = 0;
  let result: T | undefined;
  const each = (options.gc ?? 'each') === 'each';
  collectGarbage();
  // quick queries run one after another after this gc: its sweeping first (see `settle`), else they
  // pay for the task before them (the valid-time index built by the first `asOf` at L: the repeated
  // `asOf(…).neighbors(hub)` 6.6 ms, 0.8 ms on a new view after a write)
  if (!each) await settle();
  let before = process.memoryUsage().heapUsed;
  let runs = options.runs;
  for (let i = 0; i < runs; i++) {
    if (result !== undefined) await options.release?.(result);
    result = undefined;
    if (each && i > 0) {
      collectGarbage();
      before = process.memoryUsage().heapUsed;
    }
    const start = performance.now();
    const cpu = process.cpuUsage();
    result = await task();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    rssMB = Math.max(rssMB, process.memoryUsage().rss / MB);
    const spent = times.reduce((a, b) => a + b, 0);
    if (options.budgetMs !== undefined && spent > options.budgetMs)
      runs = Math.min(runs, Math.max(i + 1, options.minRuns ?? 3));
    if (each || i === runs - 1) {
      collectGarbage();
      heapMB = Math.max(heapMB, (process.memoryUsage().heapUsed - before) / MB);
    }
  }
  return {
    ms: median(times),
    cpuMs: median(cpuTimes),
    runs: times.length,
    heapMB: Math.max(0, heapMB),
    rssMB,
    result: result as T,
  };
}
