import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Reads a Server-Sent Events response (from fetch, so that it can carry a bearer token, which the
 * browser's EventSource cannot) until it ends, `signal` aborts, or nothing (not even a comment line)
 * arrives for `idleMs`: a lost connection that the network did not report. Resolves when the
 * stream ends or goes idle; rejects when reading fails.
 */
export async function readEventStream(
  response: Response,
  onEvent: (event: EventSourceMessage) => void,
  options: { signal: AbortSignal; idleMs: number },
): Promise<void> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createParser({ onEvent });
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stop = () => void reader.cancel().catch(() => undefined);
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, options.idleMs);
  };
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    watch();
    for (;;) {
      const { done, value } = await reader.read();
      if (done || options.signal.aborted) break;
      watch();
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    clearTimeout(idle);
    options.signal.removeEventListener('abort', stop);
    stop();
  }
}
