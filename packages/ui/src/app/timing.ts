/**
 * Performance measures of a start (`musubi:…`), which Chromium's profiler and the bench's trace
 * (`bench/src/ui-trace.ts`) show on one time line with the workers'. They cost next to nothing.
 */
export function startTiming(name: string): () => void {
  const start = `${name}:start`;
  try {
    performance.mark(start);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      performance.measure(name, start);
    } catch {
      // a measure is only for profiling
    }
  };
}

/** Measures `run` (synchronous) as `name`. */
export function timed<T>(name: string, run: () => T): T {
  const end = startTiming(name);
  try {
    return run();
  } finally {
    end();
  }
}
